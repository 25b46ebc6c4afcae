package com.saypro.triage.diagnosis.recognition;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phrases that say one thing: a pattern matching any of the alternatives (written in lower
 * case, matched against lower-case text), and for each alternative a piece of plain text it
 * cannot match without. Text that holds none of those pieces is passed over without running
 * the pattern; most log lines are, which keeps classifying cheap.
 */
final class Phrases {

    final Pattern pattern;
    /** Null when some alternative has no such piece of text: the pattern is always run. */
    final String[] required;

    Phrases(Pattern pattern, String[] required) {
        this.pattern = pattern;
        this.required = required;
    }

    /** Where the first match starts in the (lower-case) text, or -1. */
    int find(String text) {
        if (!mayMatch(text)) {
            return -1;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.start() : -1;
    }

    boolean mayMatch(String text) {
        if (required == null) {
            return true;
        }
        for (String piece : required) {
            if (text.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    static Phrases any(String... alternatives) {
        String[] required = new String[alternatives.length];
        for (int i = 0; i < alternatives.length; i++) {
            required[i] = requiredText(alternatives[i]);
            if (required[i].length() < 3) {
                required = null;
                break;
            }
        }
        return new Phrases(Pattern.compile("(?:" + String.join("|", alternatives) + ")"), required);
    }

    /**
     * The longest run of plain characters outside groups and classes and not made optional
     * by a quantifier: text every match of the expression contains. Empty when the expression
     * has a top-level alternation.
     */
    static String requiredText(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            boolean literal;
            if (c == '\\') {
                c = regex.charAt(++i);
                literal = depth == 0 && !Character.isLetterOrDigit(c);
            } else if (c == '[') {
                i = endOfClass(regex, i);
                literal = false;
            } else if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                literal = false;
            } else if (c == '|' && depth == 0) {
                return "";
            } else if (c == '{') {
                i = regex.indexOf('}', i);
                literal = false;
            } else {
                literal = depth == 0 && ".^$?*+".indexOf(c) < 0;
            }
            boolean quantified = i + 1 < regex.length() && "?*+{".indexOf(regex.charAt(i + 1)) >= 0;
            if (literal && !quantified) {
                run.append(c);
            } else if (depth == 0 || c == '(') {
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
            }
        }
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int endOfClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            i += regex.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }
}
