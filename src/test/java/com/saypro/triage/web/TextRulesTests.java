package com.saypro.triage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The one-pass checks say what the documented expressions say, on chosen and on random text. */
class TextRulesTests {

    private static final Pattern IDENTIFIER = Pattern.compile(TextRules.IDENTIFIER, Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile(TextRules.NAME, Pattern.DOTALL);

    private static final List<String> CHOSEN = List.of("", " ", "a", "lms", "svc-12", "h-1a2b-1-2-3:9100",
            "payments.api", "payments..api", "..", ".a", "a.", "a..", "a.b.c", "-a", "_a", " a", "a b",
            "user@host", "a+b/c:d", "Zahlungsdienst-Süd", "日本語サービス", "٣٤٥", "Ⅻ", "½", "a\u00A0b", "a\tb",
            "a\nb", "a\n", "\n", "a\u0000", "a\u007F", "a\u0085", "a\u202Eb", "a\u2066", "a\u2069b", "a\u2067",
            "<b>", "a<b", "a < b", "a<", "<", "<<", "<<a", "a</", "<!--", "<?xml", "x<1", "x <= 1", "<é>", "<日",
            "<\uD835\uDC00", "\uD835\uDC00", "a\uD835\uDC00b", "\uD800", "a\uDC00", "<\uD800", "a\r\n", "\u2028",
            "HostOutOfDiskSpace", "KubePodCrashLooping", "rate(http_requests_total[5m]) > 0.05", "50% <-> 60%");

    @Test
    void chosenTextIsJudgedAsTheExpressionsJudgeIt() {
        for (String text : CHOSEN) {
            assertThat(TextRules.isIdentifier(text)).as("identifier %s", escaped(text))
                    .isEqualTo(IDENTIFIER.matcher(text).matches());
            assertThat(TextRules.isName(text)).as("name %s", escaped(text)).isEqualTo(NAME.matcher(text).matches());
        }
        assertThat(TextRules.isIdentifier(null)).isTrue();
        assertThat(TextRules.isName(null)).isTrue();
    }

    @Test
    void randomTextIsJudgedAsTheExpressionsJudgeIt() {
        String alphabet = "aZé日٣Ⅻ½0 ._:/@+-<>!?\t\n\u0000\u007F\u0085\u00A0\u202A\u202E\u2066\u2069\u2028"
                + "\uD835\uDC00\uD800\uDC00#%&";
        Random random = new Random(20261129);
        int identifiers = 0;
        int names = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            boolean identifier = IDENTIFIER.matcher(s).matches();
            boolean name = NAME.matcher(s).matches();
            assertThat(TextRules.isIdentifier(s)).as("identifier %s", escaped(s)).isEqualTo(identifier);
            assertThat(TextRules.isName(s)).as("name %s", escaped(s)).isEqualTo(name);
            identifiers += identifier ? 1 : 0;
            names += name ? 1 : 0;
        }
        // Both answers came up often enough to mean something.
        assertThat(identifiers).isGreaterThan(5_000);
        assertThat(names).isBetween(20_000, 190_000);
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
