package com.saypro.triage.diagnosis.facts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Regular expressions for rules, each compiled once. {@code text.matches(regex)} compiles its
 * pattern on every call, and a rule's condition runs for every fact it meets: in a diagnosis
 * that compiling cost more than the rest of the engine's work.
 */
public final class Text {

    private static final int MAX_PATTERNS = 10_000;
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private Text() {
    }

    /** Whether the whole text matches the expression; false for no text. */
    public static boolean matches(String text, String regex) {
        return text != null && pattern(regex).matcher(text).matches();
    }

    /** The text with every match of the expression replaced; empty for no text. */
    public static String replaceAll(String text, String regex, String replacement) {
        return text == null ? "" : pattern(regex).matcher(text).replaceAll(replacement);
    }

    private static Pattern pattern(String regex) {
        Pattern pattern = PATTERNS.get(regex);
        if (pattern == null) {
            if (PATTERNS.size() >= MAX_PATTERNS) {
                // Patterns come from the rule files; this many means rules build them from data.
                PATTERNS.clear();
            }
            pattern = PATTERNS.computeIfAbsent(regex, Pattern::compile);
        }
        return pattern;
    }
}
