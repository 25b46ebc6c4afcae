package com.saypro.triage.rules;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

/**
 * Checks the Java and MVEL pieces of one rule file (consequences, function bodies,
 * constraints, {@code eval}s, {@code from} sources, accumulate parameters) against
 * {@link RuleAllowList}, with JavaParser: every type named (in {@code new}, casts,
 * declarations, generics, method references), every scope of a method call or field access,
 * every fully qualified name, and every method name. Class literals ({@code X.class}) and
 * reflective or class-loading methods are refused outright, so that no string assembled at
 * run time ({@code "java.lang." + "Runtime"}) can reach a class.
 */
final class RuleCodeChecker {

    private static final Pattern BINDING = Pattern.compile("^\\s*\\$?[A-Za-z_][\\w$]*\\s*:(?!:)");
    private static final Pattern MODIFY_BLOCK = Pattern.compile("\\b(modify|with)\\s*\\(([^()]*)\\)\\s*\\{");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'");
    private static final Pattern NAME_CHAIN = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*");

    private final String file;
    private final Set<String> knownTypes;
    private final List<RuleProblem> problems;
    private final JavaParser parser = new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /**
     * @param knownTypes simple names the file may use as types: its allowed imports, its
     *                   declared types
     */
    RuleCodeChecker(String file, Set<String> knownTypes, List<RuleProblem> problems) {
        this.file = file;
        this.knownTypes = knownTypes;
        this.problems = problems;
    }

    /** A block of statements (a consequence, a function body) that starts at this line. */
    void checkBlock(String code, int line, int column, String where) {
        // Drools' "modify( $x ) { setA(1), setB(2) }" is not Java; as an array initialiser it is.
        String java = MODIFY_BLOCK.matcher(code).replaceAll("$1($2, new Object[] {");
        java = java.replaceAll("(new Object\\[] \\{[^{}]*})", "$1)");
        ParseResult<BlockStmt> result = parser.parseBlock("{" + java + "\n}");
        if (result.isSuccessful() && result.getResult().isPresent()) {
            walk(result.getResult().get(), line, column - 1, where); // less the "{" put in front
        } else {
            tokens(code, line, column, where);
        }
    }

    /** One expression: a constraint, an eval, a from source, an accumulate parameter. */
    void checkExpression(String code, int line, int column, String where) {
        if (code == null || code.isBlank()) {
            return;
        }
        String java = BINDING.matcher(code).replaceFirst("");
        ParseResult<Expression> result = parser.parseExpression(java);
        if (result.isSuccessful() && result.getResult().isPresent()) {
            walk(result.getResult().get(), line, column, where);
        } else {
            // MVEL constraint syntax that Java does not have ("name matches \"x\"", "in (...)",
            // "> 1 && < 5", "!.", "#Type"): fall back to a conservative check of every name
            // chain outside string literals, which refuses whatever the parse would have.
            tokens(code, line, column, where);
        }
    }

    /** A type as written in a declaration (an import, a global, a field, a parameter). */
    void checkTypeName(String type, int line, int column, String where) {
        for (Matcher m = NAME_CHAIN.matcher(type.replaceAll("\\s", "")); m.find();) {
            checkName(m.group(), line, column, where);
        }
    }

    private void walk(Node root, int line, int column, String where) {
        root.walk(node -> {
            int l = line;
            int c = column;
            if (node.getBegin().isPresent()) {
                int nodeLine = node.getBegin().get().line;
                l = line + nodeLine - 1;
                c = nodeLine == 1 ? column + node.getBegin().get().column - 1 : node.getBegin().get().column;
            }
            if (node instanceof ClassExpr) {
                refuse(l, c, where, "class literals are not allowed in rules");
            } else if (node instanceof MethodCallExpr call) {
                if (RuleAllowList.REFUSED_METHODS.contains(call.getNameAsString())) {
                    refuse(l, c, where, "calling " + call.getNameAsString() + "(...) is not allowed in rules");
                }
            } else if (node instanceof MethodReferenceExpr ref
                    && RuleAllowList.REFUSED_METHODS.contains(ref.getIdentifier())) {
                refuse(l, c, where, "referring to " + ref.getIdentifier() + " is not allowed in rules");
            } else if (node instanceof FieldAccessExpr access && !(access.getParentNode().orElse(null)
                    instanceof FieldAccessExpr)) {
                String dotted = access.toString();
                if (dotted.matches("[\\w$.]+")) {
                    checkName(dotted, l, c, where);
                }
            } else if (node instanceof NameExpr name && !(name.getParentNode().orElse(null)
                    instanceof FieldAccessExpr)) {
                checkName(name.getNameAsString(), l, c, where);
            } else if (node instanceof ClassOrInterfaceType type && !(type.getParentNode().orElse(null)
                    instanceof ClassOrInterfaceType)) {
                checkName(type.getNameWithScope(), l, c, where);
            }
        });
    }

    /** Checks a simple or dotted name: a type, a qualified class, or a variable and its fields. */
    private void checkName(String dotted, int line, int column, String where) {
        String first = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
        if (RuleAllowList.looksQualified(dotted)) {
            String qualified = RuleAllowList.classPart(dotted);
            if (!RuleAllowList.allowsClass(qualified)) {
                refuse(line, column, where, qualified + " is not on the allow-list of what rules may use");
            }
        } else if (!first.isEmpty() && Character.isUpperCase(first.charAt(0)) && !knownTypes.contains(first)
                && !RuleAllowList.JAVA_LANG.contains(first)) {
            refuse(line, column, where, first + " is not on the allow-list of what rules may use");
        }
        for (String part : dotted.split("\\.")) {
            if (RuleAllowList.REFUSED_METHODS.contains(part) && dotted.contains(".")) {
                refuse(line, column, where, part + " is not allowed in rules");
            }
        }
    }

    private void tokens(String code, int line, int column, String where) {
        String bare = STRING.matcher(code).replaceAll(m -> " ".repeat(m.group().length()));
        for (Matcher m = NAME_CHAIN.matcher(bare); m.find();) {
            String before = bare.substring(0, m.start());
            int l = line + (int) before.chars().filter(ch -> ch == '\n').count();
            int c = before.contains("\n") ? m.start() - before.lastIndexOf('\n') : column + m.start();
            String chain = m.group().replaceAll("\\s", "");
            if (m.start() > 0 && bare.charAt(m.start() - 1) == '.') {
                continue; // the tail of a chain after a call: "x.y().z"; z is checked below as a method
            }
            checkName(chain, l, c, where);
            String last = chain.substring(chain.lastIndexOf('.') + 1);
            if (RuleAllowList.REFUSED_METHODS.contains(last) && bare.substring(m.end()).stripLeading()
                    .startsWith("(") && !chain.contains(".")) {
                refuse(l, c, where, "calling " + last + "(...) is not allowed in rules");
            }
        }
        // Methods called on the result of a call ("a().getClass()") are not chains above.
        for (Matcher m = Pattern.compile("\\.\\s*([A-Za-z_$][\\w$]*)\\s*\\(").matcher(bare); m.find();) {
            if (RuleAllowList.REFUSED_METHODS.contains(m.group(1))) {
                String before = bare.substring(0, m.start());
                int l = line + (int) before.chars().filter(ch -> ch == '\n').count();
                refuse(l, column, where, "calling " + m.group(1) + "(...) is not allowed in rules");
            }
        }
    }

    private void refuse(int line, int column, String where, String message) {
        RuleProblem problem = new RuleProblem(file, line, Math.max(column, 0),
                "refused by the rule guard: " + message + " (" + where + ")");
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
