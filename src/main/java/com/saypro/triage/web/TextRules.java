package com.saypro.triage.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

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

    private TextRules() {
    }

    /**
     * Whether {@code text} matches {@link #IDENTIFIER}: checked in one pass over the text, as
     * every alert of every request is ({@code TextRulesTests} holds it to the expression).
     */
    public static boolean isIdentifier(CharSequence text) {
        if (text == null || text.isEmpty()) {
            return true;
        }
        int first = Character.codePointAt(text, 0);
        if (!isLetterOrNumber(first)) {
            return false;
        }
        boolean dot = false;
        for (int i = Character.charCount(first); i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            if (c == '.') {
                if (dot) {
                    return false;
                }
                dot = true;
            } else {
                dot = false;
                if (!isLetterOrNumber(c) && " _:/@+-".indexOf(c) < 0) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** Whether {@code text} matches {@link #NAME}, in one pass ({@code TextRulesTests}). */
    public static boolean isName(CharSequence text) {
        if (text == null) {
            return true;
        }
        boolean afterAngle = false;
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            if (afterAngle && (Character.isLetter(c) || c == '/' || c == '!' || c == '?')) {
                return false;
            }
            if (Character.getType(c) == Character.CONTROL || c >= 0x202A && c <= 0x202E
                    || c >= 0x2066 && c <= 0x2069) {
                return false;
            }
            afterAngle = c == '<';
            i += Character.charCount(c);
        }
        return true;
    }

    /** What {@code \p{L}} or {@code \p{N}} matches in a regular expression. */
    private static boolean isLetterOrNumber(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Bean Validation's check for {@link Identifier}. */
    public static final class IdentifierCheck implements ConstraintValidator<Identifier, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return isIdentifier(value);
        }
    }

    /** Bean Validation's check for {@link PlainName}. */
    public static final class NameCheck implements ConstraintValidator<PlainName, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return isName(value);
        }
    }
}
