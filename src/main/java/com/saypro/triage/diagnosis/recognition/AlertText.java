package com.saypro.triage.diagnosis.recognition;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits the texts of an alert into lower-case words: names, sentences, URLs and PromQL. */
final class AlertText {

    /**
     * One word: a status class (5xx), a percentile (p99), a few tokens that mix letters and
     * digits on purpose (k8s, x509), an upper-case run before a capitalised word (HTTP in
     * HTTPRequests), a capitalised or lower-case word, an upper-case run, or a number.
     */
    private static final Pattern WORD = Pattern.compile(
            "[0-9](?:xx|XX)(?![a-z])|(?<![A-Za-z])[pP][0-9]{2,3}(?![0-9])|(?<=[a-z])P[0-9]{2,3}(?![0-9])"
                    + "|(?i:k8s|x509)|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+");
    private static final Pattern MATCHER = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATUS_CLASS = Pattern.compile(
            "\\(?\\^?([45])(?:\\.\\.|xx|[0-9]{2}|\\.[*+]|\\[0-9\\](?:\\[0-9\\]|\\{2\\})?|\\\\d.*)?\\)?\\$?");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
    private static final Set<String> STATUS_LABELS = Set.of("code", "status", "status_code", "statuscode",
            "response_code", "http_status", "http_code", "http_status_code", "status_class");

    private AlertText() {
    }

    /** "AcmeQueueDiskAlmostFull" -> [acme, queue, disk, almost, full]; any text alike. */
    static List<String> words(String text) {
        return words(text, word -> false);
    }

    /**
     * As {@link #words(String)}, and an upper-case run that is no known word but is made of known
     * words is split into them: "TSDBWAL" -> [tsdb, wal], "DNSSERVFAIL" -> [dns, servfail]. Only
     * upper-case runs are split; a capitalised word ("Download") is one word as written.
     */
    static List<String> words(String text, Predicate<String> known) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            List<String> parts = m.group().length() >= MIN_RUN && ACRONYM_RUN.matcher(m.group()).matches()
                    && !known.test(word) ? split(word, known) : null;
            if (parts == null) {
                words.add(word);
            } else {
                words.addAll(parts);
            }
        }
        return words;
    }

    private static final Pattern ACRONYM_RUN = Pattern.compile("[A-Z]+");
    private static final int MIN_RUN = 5;
    private static final int MIN_PART = 2;

    /** The fewest known words (at least two letters each) that make up {@code word}, or null. */
    private static List<String> split(String word, Predicate<String> known) {
        int n = word.length();
        @SuppressWarnings("unchecked")
        List<String>[] best = new List[n + 1];
        best[0] = List.of();
        for (int end = MIN_PART; end <= n; end++) {
            for (int start = 0; start <= end - MIN_PART; start++) {
                if (best[start] == null) {
                    continue;
                }
                String part = word.substring(start, end);
                if (known.test(part) && (best[end] == null || best[start].size() + 1 < best[end].size())) {
                    List<String> parts = new ArrayList<>(best[start]);
                    parts.add(part);
                    best[end] = parts;
                }
            }
        }
        return best[n] != null && best[n].size() > 1 ? best[n] : null;
    }

    /** The path of a URL (the host says nothing about the alert), or the text when it is no URL. */
    static String urlPath(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getPath() != null && uri.getHost() != null) {
                return uri.getPath() + (uri.getFragment() == null ? "" : " " + uri.getFragment());
            }
        } catch (IllegalArgumentException e) {
            // not a URL: read the text as it is
        }
        return url;
    }

    /** The PromQL expressions in a generator URL's query string (g0.expr=..., expr=..., query=...). */
    static List<String> expressions(String generatorUrl) {
        List<String> result = new ArrayList<>();
        if (generatorUrl == null) {
            return result;
        }
        int question = generatorUrl.indexOf('?');
        if (question < 0) {
            return result;
        }
        String query = generatorUrl.substring(question + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = pair.substring(0, eq);
            if (key.matches("g[0-9]+\\.expr|expr|query")) {
                try {
                    result.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    result.add(pair.substring(eq + 1));
                }
            }
        }
        return result;
    }

    /** What a PromQL expression names: its metrics, the label keys it matches or groups by. */
    /** {@code statusClasses} maps a status-code matcher ({@code code=~"5.."}) to its class word (5xx). */
    record Query(Set<String> metrics, Set<String> labelKeys, Map<String, String> statusClasses) {
    }

    static Query query(String expr) {
        Set<String> metrics = new LinkedHashSet<>();
        Set<String> labelKeys = new LinkedHashSet<>();
        Map<String, String> statusClasses = new LinkedHashMap<>();
        Matcher m = MATCHER.matcher(expr);
        while (m.find()) {
            String key = m.group(1);
            boolean positive = m.group(2).equals("=") || m.group(2).equals("=~");
            if (!positive) {
                continue;
            }
            if (key.equals("__name__")) {
                if (m.group(3).matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                    metrics.add(m.group(3));
                }
                continue;
            }
            labelKeys.add(key);
            if (STATUS_LABELS.contains(key.toLowerCase(Locale.ROOT))) {
                String value = m.group(3).toLowerCase(Locale.ROOT).replace("(", "").replace(")", "");
                for (String alternative : value.split("\\|")) {
                    Matcher c = STATUS_CLASS.matcher(alternative);
                    if (c.matches()) {
                        statusClasses.put(m.group(), c.group(1) + "xx");
                    }
                }
            }
        }
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = rest.replaceAll("\\{[^}]*\\}", " ").replaceAll("\\[[^\\]]*\\]", " ");
        Matcher g = GROUPING.matcher(rest);
        while (g.find()) {
            for (String key : g.group(1).split(",")) {
                if (!key.isBlank()) {
                    labelKeys.add(key.trim());
                }
            }
        }
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Matcher id = IDENTIFIER.matcher(rest);
        while (id.find()) {
            String name = id.group(1);
            int after = id.end();
            while (after < rest.length() && Character.isWhitespace(rest.charAt(after))) {
                after++;
            }
            boolean function = after < rest.length() && rest.charAt(after) == '(';
            if (!function && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                metrics.add(name);
            }
        }
        return new Query(metrics, labelKeys, statusClasses);
    }
}
