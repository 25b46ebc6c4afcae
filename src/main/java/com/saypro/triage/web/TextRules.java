package com.saypro.triage.web;

import java.util.regex.Pattern;

/**
 * What identifiers and names in request bodies may hold. Identifiers (systems, components,
 * metrics, units, fingerprints, codes) use the characters real system and service names
 * use: letters and digits of any script, space and {@code . _ : / - @ +}, starting with a
 * letter or digit, never {@code ..}. Names (alert names, transactions, loggers, versions,
 * authors) may hold any printable text but no control characters, no bidirectional
 * overrides and nothing that looks like a markup tag ({@code <} followed by a letter,
 * {@code /}, {@code !} or {@code ?}). Free text (messages, descriptions, annotations) is
 * taken as it is, stored as text and escaped wherever it is shown.
 */
public final class TextRules {

    public static final String IDENTIFIER = "^(?:|(?!.*\\.\\.)[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/@+-]*)$";
    public static final String IDENTIFIER_MESSAGE =
            "may hold only letters, digits, spaces and . _ : / - @ + (starting with a letter or digit, no '..')";
    public static final String NAME = "^(?!.*<[\\p{L}/!?])[^\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]*$";
    public static final String NAME_MESSAGE = "must not hold control characters or markup";

    private static final Pattern IDENTIFIER_PATTERN = Pattern.compile(IDENTIFIER);
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME, Pattern.DOTALL);

    private TextRules() {
    }

    public static boolean isIdentifier(String text) {
        return text == null || IDENTIFIER_PATTERN.matcher(text).matches();
    }

    public static boolean isName(String text) {
        return text == null || NAME_PATTERN.matcher(text).matches();
    }
}
