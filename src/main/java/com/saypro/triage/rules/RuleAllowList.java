package com.saypro.triage.rules;

import java.util.Set;

/**
 * What rule files may name: the fact model, the API exposed to rules, {@code java.lang}
 * basics, {@code java.util}, {@code java.time} and {@code java.math}. Everything else (the
 * file system, the network, processes, threads, class loading, reflection) is refused by
 * {@link DrlGuard}.
 */
final class RuleAllowList {

    /** Packages whose every class rules may use. */
    private static final Set<String> PACKAGES = Set.of(
            "com.saypro.triage.diagnosis.facts",
            "java.util", "java.util.function", "java.util.stream", "java.util.regex",
            "java.time", "java.time.format", "java.time.temporal", "java.math");

    /** Single classes outside those packages: the API the threshold rules use. */
    private static final Set<String> CLASSES = Set.of(
            "com.saypro.triage.monitoring.stream.Crossings",
            "com.saypro.triage.monitoring.stream.Evaluation",
            "com.saypro.triage.monitoring.stream.Reading",
            "com.saypro.triage.monitoring.stream.SeriesState",
            "com.saypro.triage.monitoring.stream.Threshold");

    /** Classes of allowed packages that still reach outside (class loading). */
    private static final Set<String> REFUSED_CLASSES = Set.of("java.util.ServiceLoader");

    /** The {@code java.lang} classes rules may name, without importing them. */
    static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "CharSequence", "Character", "Boolean", "Byte", "Short",
            "Integer", "Long", "Float", "Double", "Number", "Math", "StrictMath", "Comparable", "Iterable",
            "Enum", "Void", "Override", "Deprecated", "SuppressWarnings", "Exception", "RuntimeException",
            "IllegalArgumentException", "IllegalStateException", "ArithmeticException", "NullPointerException",
            "NumberFormatException", "IndexOutOfBoundsException", "UnsupportedOperationException");

    /** Methods refused whatever they are called on: reflection, class loading, processes, exits. */
    static final Set<String> REFUSED_METHODS = Set.of(
            "forName", "loadClass", "defineClass", "getClass", "getClassLoader", "getContextClassLoader",
            "getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields",
            "getDeclaredField", "getDeclaredFields", "getConstructor", "getConstructors",
            "getDeclaredConstructor", "getDeclaredConstructors", "newInstance", "invoke", "invokeExact",
            "invokeWithArguments", "setAccessible", "getRuntime", "exec", "exit", "halt", "loadLibrary",
            "wait", "notify", "notifyAll");

    /** Package roots: a dotted name starting with one of these is a fully qualified class name. */
    private static final Set<String> PACKAGE_ROOTS = Set.of(
            "java", "javax", "jakarta", "jdk", "sun", "com", "org", "net", "io", "groovy", "kotlin", "scala",
            "mvel2");

    private RuleAllowList() {
    }

    /** Whether this fully qualified class (or a nested class of it) may be used. */
    static boolean allowsClass(String qualified) {
        if (REFUSED_CLASSES.contains(qualified)) {
            return false;
        }
        if (CLASSES.contains(qualified)) {
            return true;
        }
        if (qualified.startsWith("java.lang.") && qualified.indexOf('.', "java.lang.".length()) < 0) {
            return JAVA_LANG.contains(qualified.substring("java.lang.".length()));
        }
        int dot = qualified.lastIndexOf('.');
        return dot > 0 && PACKAGES.contains(qualified.substring(0, dot));
    }

    /** Whether this dotted name starts like a package ({@code java.io...}, {@code org....}). */
    static boolean looksQualified(String dotted) {
        int dot = dotted.indexOf('.');
        return dot > 0 && PACKAGE_ROOTS.contains(dotted.substring(0, dot));
    }

    /**
     * The class a qualified name names: its segments up to the first that starts with an
     * upper-case letter ({@code java.lang.Runtime} of {@code java.lang.Runtime.getRuntime}),
     * or the whole name when none does (a package, refused unless allowed).
     */
    static String classPart(String dotted) {
        String[] parts = dotted.split("\\.");
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(part);
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
        }
        return name.toString();
    }
}
