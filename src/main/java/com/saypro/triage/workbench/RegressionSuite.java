package com.saypro.triage.workbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.CauseRanker;
import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.FactSnapshot;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.rules.CompiledRuleBase;

/**
 * The regression suite: every incident resolved with a confirmed root cause is a case, its
 * facts and answers as last recorded (the facts its final diagnosis saw), replayed with the
 * rules in use and with a draft. The ranks with the rules in use are kept per rule base
 * version and case, so a second draft against the same rules only runs the draft.
 */
@Component
public class RegressionSuite {

    /** A confirmed cause must stay within this many places. */
    public static final int TOP = 3;

    private final JdbcClient jdbc;
    private final KnowledgeBase knowledge;
    /** The ranks with the rules in use, by diagnosis run; only those of the latest rules in use are kept. */
    private final Map<String, Map<Long, Ranked>> liveRanks = new ConcurrentHashMap<>();

    public RegressionSuite(JdbcClient jdbc, KnowledgeBase knowledge) {
        this.jdbc = jdbc;
        this.knowledge = knowledge;
    }

    /** A confirmed incident as a regression case: its cause and the facts of its last recorded diagnosis. */
    public record Case(long incidentId, String title, String system, String confirmedCause, long runId,
            String facts) {
    }

    private record Ranked(Integer rank, double confidence, String top) {
    }

    public List<Case> cases() {
        return jdbc.sql("SELECT i.id, i.title, i.system_name, i.confirmed_cause, r.id AS run_id, r.facts"
                + " FROM incident i JOIN diagnosis_run r ON r.id = (SELECT MAX(x.id) FROM diagnosis_run x"
                + " WHERE x.incident_id = i.id) WHERE i.resolution = 'confirmed' AND i.confirmed_cause IS NOT NULL"
                + " ORDER BY i.id").query((rs, n) -> new Case(rs.getLong("id"), rs.getString("title"),
                        rs.getString("system_name"), rs.getString("confirmed_cause"), rs.getLong("run_id"),
                        rs.getString("facts")))
                .list();
    }

    /** Every case replayed with both rule bases. */
    public RegressionReport run(CompiledRuleBase live, CompiledRuleBase draft) {
        return run(live, draft, cases());
    }

    public RegressionReport run(CompiledRuleBase live, CompiledRuleBase draft, List<Case> cases) {
        long started = System.nanoTime();
        CauseRanker liveRanker = null;
        CauseRanker draftRanker = new CauseRanker(knowledge, draft);
        List<RegressionReport.Case> results = new ArrayList<>();
        liveRanks.keySet().removeIf(version -> !version.equals(live.version()));
        Map<Long, Ranked> ranks = liveRanks.computeIfAbsent(live.version(), v -> new ConcurrentHashMap<>());
        for (Case c : cases) {
            FactSet facts = FactSnapshot.read(c.facts());
            Ranked before = ranks.get(c.runId());
            if (before == null) {
                if (liveRanker == null) {
                    liveRanker = live.version().equals(draft.version()) ? draftRanker : new CauseRanker(knowledge, live);
                }
                before = ranked(liveRanker.rank(facts), c.confirmedCause());
                ranks.put(c.runId(), before);
            }
            Ranked after = ranked(draftRanker.rank(facts), c.confirmedCause());
            boolean worse = before.rank() != null && (after.rank() == null || after.rank() > before.rank());
            boolean failing = before.rank() != null && before.rank() <= TOP
                    && (after.rank() == null || after.rank() > TOP);
            results.add(new RegressionReport.Case(c.incidentId(), c.title(), c.system(), c.confirmedCause(),
                    before.rank(), after.rank(), before.confidence(), after.confidence(), before.top(), after.top(),
                    worse, failing));
        }
        results.sort(Comparator.comparing((RegressionReport.Case r) -> !r.failing())
                .thenComparing(r -> !r.worse()).thenComparing(r -> !r.improved())
                .thenComparingLong(RegressionReport.Case::incidentId));
        int improved = (int) results.stream().filter(RegressionReport.Case::improved).count();
        int worse = (int) results.stream().filter(RegressionReport.Case::worse).count();
        int failing = (int) results.stream().filter(RegressionReport.Case::failing).count();
        return new RegressionReport(live.version(), draft.version(), results.size(), improved, worse,
                results.size() - improved - worse, failing, (System.nanoTime() - started) / 1_000_000, results);
    }

    /** An incident's latest recorded facts ranked with one rule base: for "try on incident". */
    public Optional<List<Diagnosis.Candidate>> rank(CompiledRuleBase rules, long incidentId) {
        return jdbc.sql("SELECT facts FROM diagnosis_run WHERE incident_id = ? ORDER BY id DESC LIMIT 1")
                .param(incidentId).query(String.class).optional()
                .map(json -> new CauseRanker(knowledge, rules).rank(FactSnapshot.read(json)));
    }

    private static Ranked ranked(List<Diagnosis.Candidate> candidates, String cause) {
        String top = candidates.isEmpty() ? null : candidates.get(0).causeCode();
        for (Diagnosis.Candidate candidate : candidates) {
            if (candidate.causeCode().equals(cause)) {
                return new Ranked(candidate.rank(), candidate.confidence(), top);
            }
        }
        return new Ranked(null, 0, top);
    }
}
