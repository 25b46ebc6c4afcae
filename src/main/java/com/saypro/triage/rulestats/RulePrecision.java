package com.saypro.triage.rulestats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.support.Json;

/**
 * How often each rule's votes agreed with the cause analysts confirmed. Over the incidents
 * resolved as {@code confirmed} (verifying or closed), from their frozen diagnosis (the latest
 * run): a rule that supported the confirmed cause scores a hit, a rule that supported only
 * other causes a miss (once per incident either way); precision = hits / (hits + misses).
 * The list of confirmed incidents is read on every request (one indexed query); a run's votes
 * are read once and kept, as a frozen diagnosis does not change; the figures are worked out
 * again only when that list changed.
 */
@Component
class RulePrecision {

    private static final int CHUNK = 200;

    /** A rule's hits and misses; {@code precision} is null when it took part in no confirmed incident. */
    record Tally(int hits, int misses) {

        Double precision() {
            return hits + misses == 0 ? null : (double) hits / (hits + misses);
        }
    }

    /** A confirmed incident, its confirmed cause and its frozen run. */
    record Confirmed(long incident, String cause, long run) {
    }

    private record Figures(List<Confirmed> basis, Map<String, Tally> byRule) {
    }

    private final JdbcClient jdbc;
    /** Per run, the causes each rule supported in it. */
    private final Map<Long, Map<String, Set<String>>> votes = new ConcurrentHashMap<>();
    private volatile Figures figures = new Figures(List.of(), Map.of());

    RulePrecision(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Hits and misses by rule name (rules that never voted in a confirmed incident are absent). */
    Map<String, Tally> byRule() {
        List<Confirmed> confirmed = jdbc.sql("SELECT i.id, i.confirmed_cause, MAX(r.id) FROM incident i"
                + " JOIN diagnosis_run r ON r.incident_id = i.id WHERE i.resolution = 'confirmed'"
                + " AND i.confirmed_cause IS NOT NULL AND i.status IN ('VERIFYING', 'CLOSED')"
                + " GROUP BY i.id, i.confirmed_cause ORDER BY i.id")
                .query((rs, n) -> new Confirmed(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        Figures known = figures;
        if (known.basis().equals(confirmed)) {
            return known.byRule();
        }
        readVotes(confirmed.stream().map(Confirmed::run).filter(run -> !votes.containsKey(run)).toList());
        Set<Long> runs = new HashSet<>(confirmed.stream().map(Confirmed::run).toList());
        votes.keySet().retainAll(runs);
        Map<String, int[]> counts = new HashMap<>();
        for (Confirmed c : confirmed) {
            votes.getOrDefault(c.run(), Map.of()).forEach((rule, causes) -> {
                int[] hitsAndMisses = counts.computeIfAbsent(rule, r -> new int[2]);
                hitsAndMisses[causes.contains(c.cause()) ? 0 : 1]++;
            });
        }
        Map<String, Tally> byRule = new TreeMap<>();
        counts.forEach((rule, hm) -> byRule.put(rule, new Tally(hm[0], hm[1])));
        figures = new Figures(confirmed, Map.copyOf(byRule));
        return figures.byRule();
    }

    private void readVotes(List<Long> runs) {
        for (int from = 0; from < runs.size(); from += CHUNK) {
            List<Long> chunk = runs.subList(from, Math.min(runs.size(), from + CHUNK));
            record Run(long id, String result) {
            }
            jdbc.sql("SELECT id, result FROM diagnosis_run WHERE id IN (:ids)").param("ids", chunk)
                    .query((rs, n) -> new Run(rs.getLong(1), rs.getString(2))).list()
                    .forEach(run -> votes.put(run.id(), supported(Json.MAPPER.readValue(run.result(), Diagnosis.class))));
        }
    }

    /** The causes each rule supported in a diagnosis, among its candidates and the causes it ruled out. */
    static Map<String, Set<String>> supported(Diagnosis diagnosis) {
        Map<String, Set<String>> byRule = new HashMap<>();
        for (Diagnosis.Candidate candidate : diagnosis.candidates()) {
            addSupport(byRule, candidate.causeCode(), candidate.evidence());
        }
        for (Diagnosis.RuledOut ruledOut : diagnosis.ruledOut()) {
            addSupport(byRule, ruledOut.causeCode(), ruledOut.evidence());
        }
        return byRule;
    }

    private static void addSupport(Map<String, Set<String>> byRule, String cause, List<Diagnosis.Evidence> evidence) {
        for (Diagnosis.Evidence e : evidence) {
            if (Diagnosis.SUPPORTS.equals(e.effect())) {
                byRule.computeIfAbsent(e.rule(), r -> new HashSet<>()).add(cause);
            }
        }
    }
}
