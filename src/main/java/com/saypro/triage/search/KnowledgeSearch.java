package com.saypro.triage.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Full-text search over causes, playbooks, resolved incidents and post-mortems
 * ({@code search_entry}). On MariaDB the full-text indexes rank the matches (natural language
 * mode, a match in the title counting three times more); on the embedded database the entries holding any word of the query are scored here:
 * per word its rarity (IDF) times its count saturated as in BM25, a title match worth three in
 * the body, times the share of the query's words the entry holds. Each hit has a snippet of its text around
 * the first word found, and the words found, for the page to highlight.
 */
@Service
public class KnowledgeSearch {

    static final int MAX_WORDS = 8;
    /** How soon repeating a word stops adding to the score (BM25's k1). */
    private static final double K1 = 1.2;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]{2,}");
    private static final int SNIPPET = 180;

    private final JdbcClient jdbc;
    private final boolean fullTextIndex;

    public KnowledgeSearch(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.fullTextIndex = isMariaDb(dataSource);
    }

    /** A hit: {@code code} for a cause or playbook, {@code id} for an incident or post-mortem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(String kind, String code, Long id, String title, String snippet, double score, String system,
            String url, List<String> matches) {
    }

    private record Entry(String kind, String ref, String title, String body, String system, double score) {
    }

    /** The best hits first; {@code kind} (cause, playbook, incident, postmortem) narrows them, null for all. */
    public List<Hit> search(String query, String kind, int limit) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = fullTextIndex ? fullText(words, kind, limit) : scored(words, kind, limit);
        return entries.stream().map(e -> hit(e, words)).toList();
    }

    static List<String> words(String query) {
        Set<String> words = new LinkedHashSet<>();
        if (query != null) {
            Matcher m = WORD.matcher(query.toLowerCase(Locale.ROOT));
            while (m.find() && words.size() < MAX_WORDS) {
                words.add(m.group());
            }
        }
        return List.copyOf(words);
    }

    private List<Entry> fullText(List<String> words, String kind, int limit) {
        String against = String.join(" ", words);
        return jdbc.sql("SELECT kind, ref, title, body, system_name, MATCH(title, body) AGAINST (:q IN NATURAL LANGUAGE MODE)"
                + " + 3 * MATCH(title) AGAINST (:q IN NATURAL LANGUAGE MODE) AS score FROM search_entry"
                + " WHERE MATCH(title, body) AGAINST (:q IN NATURAL LANGUAGE MODE)"
                + (kind == null ? "" : " AND kind = :kind") + " ORDER BY score DESC, kind, ref LIMIT " + limit)
                .param("q", against).param("kind", kind)
                .query((rs, n) -> new Entry(rs.getString("kind"), rs.getString("ref"), rs.getString("title"),
                        rs.getString("body"), rs.getString("system_name"),
                        Math.round(rs.getDouble("score") * 1000) / 1000.0))
                .list();
    }

    private List<Entry> scored(List<String> words, String kind, int limit) {
        StringBuilder where = new StringBuilder();
        JdbcClient.StatementSpec spec = null;
        List<Object> params = new ArrayList<>();
        for (String word : words) {
            where.append(where.length() == 0 ? "" : " OR ").append("LOWER(title) LIKE ? OR LOWER(body) LIKE ?");
            String like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        if (kind != null) {
            params.add(kind);
        }
        spec = jdbc.sql("SELECT kind, ref, title, body, system_name FROM search_entry WHERE (" + where + ")"
                + (kind == null ? "" : " AND kind = ?") + " LIMIT 5000").params(params);
        List<Entry> found = spec.query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), 0)).list();
        int total = Math.max(1, jdbc.sql("SELECT COUNT(*) FROM search_entry").query(Integer.class).single());
        double[] idf = new double[words.size()];
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            long df = found.stream().filter(e -> contains(e.title(), word) || contains(e.body(), word)).count();
            idf[w] = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        }
        List<Entry> scored = new ArrayList<>();
        for (Entry e : found) {
            double score = 0;
            int matched = 0;
            for (int w = 0; w < words.size(); w++) {
                int tf = 3 * count(e.title(), words.get(w)) + count(e.body(), words.get(w));
                if (tf > 0) {
                    matched++;
                    score += idf[w] * tf * (K1 + 1) / (tf + K1);
                }
            }
            // An entry holding every word of the query comes before one repeating a single word.
            score *= (double) matched / words.size();
            if (score > 0) {
                scored.add(new Entry(e.kind(), e.ref(), e.title(), e.body(), e.system(),
                        Math.round(score * 1000) / 1000.0));
            }
        }
        scored.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparing(Entry::kind)
                .thenComparing(Entry::ref));
        return scored.size() > limit ? scored.subList(0, limit) : scored;
    }

    private static Hit hit(Entry e, List<String> words) {
        boolean byCode = e.kind().equals("cause") || e.kind().equals("playbook");
        Long id = byCode ? null : Long.valueOf(e.ref());
        String url = switch (e.kind()) {
            case "cause" -> "/kb#cause-" + e.ref();
            case "playbook" -> "/kb/playbooks/" + e.ref();
            case "incident" -> "/incidents/" + e.ref();
            default -> "/postmortems/" + e.ref();
        };
        List<String> matches = words.stream().filter(w -> contains(e.title(), w) || contains(e.body(), w)).toList();
        return new Hit(e.kind(), byCode ? e.ref() : null, id, e.title(), snippet(e.body(), words), e.score(),
                e.system(), url, matches);
    }

    /** The text around the first word of the query found in it (or its start), on one line. */
    static String snippet(String body, List<String> words) {
        String text = body.replaceAll("\\s+", " ").strip();
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String w : words) {
            int i = lower.indexOf(w);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        int start = Math.max(0, at < 0 ? 0 : at - SNIPPET / 3);
        int end = Math.min(text.length(), start + SNIPPET);
        if (start > 0) {
            int space = text.indexOf(' ', start);
            start = space > 0 && space < at ? space + 1 : start;
        }
        return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
    }

    private static boolean contains(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word);
    }

    private static int count(String text, String word) {
        if (text == null) {
            return 0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int n = 0;
        for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + word.length())) {
            n++;
        }
        return n;
    }

    private static boolean isMariaDb(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("mariadb") || product.contains("mysql");
        } catch (SQLException e) {
            return false;
        }
    }
}
