package com.saypro.triage.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.timeline.IncidentEvent;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleBaseVersions;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentChanged;
import com.saypro.triage.web.NotFoundException;
import com.saypro.triage.web.UnderWayException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Diagnoses incidents. A diagnosis is computed when an incident's facts or the rule base
 * changed since the last one, and stored as a run together with the exact facts it saw, so
 * that every run can be replayed. Reads never run the rules: they answer with the stored run,
 * and what needs computing is computed by the {@link DiagnosisWorker} while they wait
 * (at most {@code triage.diagnosis.read-wait}, 5 s, for one incident; at most
 * {@code triage.diagnosis.list-wait}, 2 s, for the rows of a list). Each stored diagnosis is
 * timed in {@code triage.diagnosis.computed}, tagged {@code thread} {@code worker} or
 * {@code other} (a caller of {@link #recompute}).
 */
@Service
public class DiagnosisService {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisService.class);

    private final JdbcClient jdbc;
    private final IncidentFactsLoader loader;
    private final RuleBase ruleBase;
    private final RuleBaseVersions versions;
    private final KnowledgeBase knowledge;
    private final DiagnosisEngine engine = new DiagnosisEngine();
    private final Map<String, CompiledRuleBase> pastRuleBases = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> rulesByCause = new ConcurrentHashMap<>();

    private final IncidentEvents timeline;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<DiagnosisWorker> worker;
    private final MeterRegistry meters;
    private final Duration readWait;
    private final Duration listWait;

    @Autowired
    public DiagnosisService(JdbcClient jdbc, IncidentFactsLoader loader, RuleBase ruleBase,
            RuleBaseVersions versions, KnowledgeBase knowledge, IncidentEvents timeline,
            ApplicationEventPublisher events, ObjectProvider<DiagnosisWorker> worker, MeterRegistry meters,
            @Value("${triage.diagnosis.read-wait:5s}") Duration readWait,
            @Value("${triage.diagnosis.list-wait:2s}") Duration listWait) {
        this.timeline = timeline;
        this.events = events;
        this.jdbc = jdbc;
        this.loader = loader;
        this.ruleBase = ruleBase;
        this.versions = versions;
        this.knowledge = knowledge;
        this.worker = worker;
        this.meters = meters;
        this.readWait = readWait;
        this.listWait = listWait;
    }

    /**
     * The incident's diagnosis as stored. When its facts or the rule base changed since the
     * last run, the worker diagnoses it now and this waits for the result; if that takes
     * longer than {@code triage.diagnosis.read-wait}, the latest stored run answers, marked
     * {@code stale}, or, with none, 503 (under way).
     */
    public Diagnosis diagnosis(long incidentId) {
        return diagnosis(incidentId, readWait);
    }

    Diagnosis diagnosis(long incidentId, Duration wait) {
        // A resolved incident's diagnosis is its record: kept as it was, whatever the rules became.
        Optional<String> frozen = jdbc.sql("SELECT r.result FROM diagnosis_run r JOIN incident i ON i.id = r.incident_id"
                + " WHERE r.incident_id = ? AND i.status IN ('VERIFYING', 'CLOSED') ORDER BY r.id DESC LIMIT 1")
                .params(incidentId).query(String.class).optional();
        if (frozen.isPresent()) {
            return Json.MAPPER.readValue(frozen.get(), Diagnosis.class);
        }
        CompiledRuleBase rules = ruleBase.current();
        Optional<String> fresh = jdbc.sql("SELECT r.result FROM diagnosis_run r JOIN incident i ON i.id = r.incident_id"
                + " WHERE r.incident_id = ? AND r.facts_revision = i.facts_revision AND r.rule_base_version = ?"
                + " ORDER BY r.id DESC LIMIT 1").params(incidentId, rules.version()).query(String.class).optional();
        if (fresh.isPresent()) {
            return Json.MAPPER.readValue(fresh.get(), Diagnosis.class);
        }
        // Inside a transaction, which may hold the incident's row lock that the worker needs, the
        // worker is asked and not waited for: the stored diagnosis answers.
        DiagnosisWorker.Waited waited = worker.getObject().awaitCurrent(List.of(incidentId),
                TransactionSynchronizationManager.isActualTransactionActive() ? Duration.ZERO : wait);
        Optional<String> latest = jdbc.sql("SELECT result FROM diagnosis_run WHERE incident_id = ? ORDER BY id DESC"
                + " LIMIT 1").params(incidentId).query(String.class).optional();
        if (latest.isPresent()) {
            Diagnosis stored = Json.MAPPER.readValue(latest.get(), Diagnosis.class);
            return waited.notCurrent().isEmpty() ? stored : stored.asStale();
        }
        if (waited.failure() != null) {
            throw waited.failure();
        }
        if (jdbc.sql("SELECT COUNT(*) FROM incident WHERE id = ?").params(incidentId).query(Integer.class).single() == 0) {
            throw new NotFoundException("There is no incident " + incidentId);
        }
        throw new UnderWayException("The diagnosis of incident " + incidentId + " is under way; try again in a moment",
                2);
    }

    /**
     * Before a list of incidents is shown: those among them not diagnosed with their current
     * facts and rules are diagnosed by the worker now, and this waits for them at most
     * {@code triage.diagnosis.list-wait}. True when any was (the list should be read again).
     */
    public boolean bringUpToDate(Collection<Long> incidentIds) {
        return worker.getObject().awaitCurrent(incidentIds, listWait).asked();
    }

    /**
     * Computes the diagnosis from the incident's current facts and stores it as a run, and
     * announces it ({@link IncidentChanged}, kind {@code diagnosis}). Reads leave this to the
     * {@link DiagnosisWorker}; other callers compute in their own thread.
     */
    public Diagnosis recompute(long incidentId) {
        Timer.Sample timing = Timer.start(meters);
        try {
            return store(incidentId);
        } finally {
            timing.stop(meters.timer("triage.diagnosis.computed", "thread",
                    DiagnosisWorker.onWorkerThread() ? "worker" : "other"));
        }
    }

    private Diagnosis store(long incidentId) {
        CompiledRuleBase rules = ruleBase.current();
        long started = System.nanoTime();
        IncidentFactsLoader.Loaded loaded = loader.load(incidentId);
        Computed computed = computeRun(rules, loaded.facts(), loaded.factsRevision());
        Diagnosis diagnosis = computed.diagnosis();
        versions.record(rules);
        storeRun(incidentId, rules, loaded, diagnosis);
        Diagnosis.Candidate top = diagnosis.top();
        String newTop = top == null ? null : top.causeCode();
        // Compare and set: of two diagnoses finishing together, only one records the change.
        int changed = newTop == null
                ? jdbc.sql("UPDATE incident SET top_cause_code = NULL WHERE id = ? AND top_cause_code IS NOT NULL")
                        .params(incidentId).update()
                : jdbc.sql("UPDATE incident SET top_cause_code = ? WHERE id = ?"
                        + " AND (top_cause_code IS NULL OR top_cause_code <> ?)").params(newTop, incidentId, newTop)
                        .update();
        if (timeline != null && changed == 1) {
            timeline.recordAs(Actor.SYSTEM, Times.now(), incidentId, IncidentEvent.TOP_CAUSE,
                    top == null ? "no cause stands out any more"
                            : "most likely cause now: " + top.title() + " (" + Math.round(top.confidence() * 100) + "%)",
                    Map.of("causeCode", newTop == null ? "" : newTop));
        }
        if (top != null) {
            jdbc.sql("UPDATE incident SET title = ? WHERE id = ?")
                    .params(title(top, loaded.facts().alerts()), incidentId).update();
        }
        jdbc.sql("UPDATE incident SET diagnosed_revision = ?, diagnosed_version = ?, top_cause_code = ?,"
                + " top_cause_title = ?, top_confidence = ? WHERE id = ?").params(loaded.factsRevision(),
                        rules.version(), top == null ? null : top.causeCode(), top == null ? null : top.title(),
                        top == null ? null : top.confidence(), incidentId).update();
        events.publishEvent(new IncidentChanged(incidentId, IncidentChanged.DIAGNOSIS));
        events.publishEvent(new DiagnosisRecorded(incidentId, diagnosis, computed.firedRules(), Times.now()));
        if (!diagnosis.failures().isEmpty()) {
            log.warn("Diagnosis of incident {} had failing rules: {}", incidentId, diagnosis.failures());
        }
        log.debug("Diagnosed incident {} in {} ms", incidentId, (System.nanoTime() - started) / 1_000_000);
        return diagnosis;
    }

    /**
     * Stores the run with the facts it saw, unless it ranks as the incident's latest run does,
     * with the same rules and answers: then that run only moves on to this facts revision, and
     * keeps its facts and its result (evidence included) together, so that it still replays
     * exactly. An alert storm changes the facts every few seconds and the ranking seldom; a
     * snapshot of every revision would fill the database with copies.
     */
    private void storeRun(long incidentId, CompiledRuleBase rules, IncidentFactsLoader.Loaded loaded,
            Diagnosis diagnosis) {
        record Latest(long id, String version, String result) {
        }
        Optional<Latest> latest = jdbc.sql("SELECT id, rule_base_version, result FROM diagnosis_run"
                + " WHERE incident_id = ? ORDER BY id DESC LIMIT 1").param(incidentId)
                .query((rs, n) -> new Latest(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
        Object now = Times.toDb(Times.now());
        // Answers always make a new run: a replay, and the regression suite, must see them. The
        // run's facts are read only when the ranking is the same.
        if (latest.isPresent() && latest.get().version().equals(rules.version())
                && ranking(Json.MAPPER.readValue(latest.get().result(), Diagnosis.class)).equals(ranking(diagnosis))
                && FactSnapshot.sameAnswers(jdbc.sql("SELECT facts FROM diagnosis_run WHERE id = ?")
                        .param(latest.get().id()).query(String.class).single(), loaded.facts())) {
            jdbc.sql("UPDATE diagnosis_run SET facts_revision = ?, computed_at = ? WHERE id = ?")
                    .params(loaded.factsRevision(), now, latest.get().id()).update();
            return;
        }
        jdbc.sql("INSERT INTO diagnosis_run (incident_id, facts_revision, rule_base_version, computed_at, facts, result)"
                + " VALUES (?, ?, ?, ?, ?, ?)").params(incidentId, loaded.factsRevision(), rules.version(), now,
                        FactSnapshot.write(loaded.facts()), Json.write(diagnosis)).update();
    }

    /**
     * What an analyst reads first: the causes, their confidences and the rules speaking for and
     * against them, those ruled out, the questions. Not which facts each rule matched: more
     * alerts of a kind already in the evidence leave this as it was.
     */
    private static String ranking(Diagnosis d) {
        return Json.write(List.of(d.candidates().stream().map(c -> List.of(c.causeCode(), c.confidence(),
                c.evidence().stream().map(e -> e.rule() + " " + e.effect()).toList())).toList(),
                d.ruledOut().stream().map(Diagnosis.RuledOut::causeCode).toList(),
                d.questions().stream().map(q -> List.of(q.code(), q.gain())).toList(), d.symptoms(),
                d.failures()));
    }

    /**
     * The incident's title follows its most likely cause and its alerts: "Disk or filesystem
     * full: NodeFilesystemAlmostOutOfSpace and 2 more".
     */
    static String title(Diagnosis.Candidate top, List<Alert> alerts) {
        List<String> names = alerts.stream()
                .sorted(Comparator.comparing(Alert::getStartsAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Alert::getName).distinct().toList();
        String title = top.title() + (names.isEmpty() ? ""
                : ": " + names.get(0) + (names.size() > 1 ? " and " + (names.size() - 1) + " more" : ""));
        return title.length() > 300 ? title.substring(0, 297) + "..." : title;
    }

    /**
     * Marks every open incident for a new diagnosis, done by the {@link DiagnosisWorker} in the
     * background. Called at start-up: the knowledge base seed applied then may have changed
     * causes, playbooks, questions or a system's priors, which the facts revision and the rule
     * base version do not show. Returns how many were marked.
     */
    public int markOpenIncidentsStale() {
        return jdbc.sql("UPDATE incident SET diagnosed_version = NULL WHERE status = 'OPEN'").update();
    }

    /**
     * Marks every open or acknowledged incident for a new diagnosis, done in the background by
     * the {@link DiagnosisWorker}: the knowledge base was edited (a cause's title, a playbook, a
     * question), which neither the facts revision nor the rule base version shows.
     */
    public int markUnresolvedIncidentsStale() {
        return jdbc.sql("UPDATE incident SET diagnosed_version = NULL WHERE status IN ('OPEN', 'ACKNOWLEDGED')")
                .update();
    }

    /**
     * A pure function of the facts (with the system's priors they carry), their revision and
     * the rule base (plus the knowledge base's texts). The open questions are ranked by running the
     * diagnosis once more per possible answer ({@link QuestionRanker}).
     */
    public Diagnosis compute(CompiledRuleBase rules, FactSet facts, int factsRevision) {
        return computeRun(rules, facts, factsRevision).diagnosis();
    }

    /**
     * A diagnosis and the rules that fired in the run that made it; the what-if runs that rank
     * the questions are not part of it.
     */
    record Computed(Diagnosis diagnosis, List<String> firedRules) {
    }

    private Computed computeRun(CompiledRuleBase rules, FactSet facts, int factsRevision) {
        DiagnosisAssembler assembler = new DiagnosisAssembler(knowledge.causes(), knowledge.playbooks(),
                knowledge.questions(), facts.priors(), rulesByCause(rules));
        return computeRun(rules, facts, factsRevision, assembler, engine);
    }

    /** The diagnosis with a given assembler: what the corpus and benchmark tests call without a database. */
    public static Diagnosis compute(CompiledRuleBase rules, FactSet facts, int factsRevision,
            DiagnosisAssembler assembler, DiagnosisEngine engine) {
        return computeRun(rules, facts, factsRevision, assembler, engine).diagnosis();
    }

    private static Computed computeRun(CompiledRuleBase rules, FactSet facts, int factsRevision,
            DiagnosisAssembler assembler, DiagnosisEngine engine) {
        if (!rules.derivesOnlyLogically()) {
            return computeFresh(rules, facts, factsRevision, assembler, engine);
        }
        try (DiagnosisEngine.Session session = engine.open(rules.kieBase(), facts.all())) {
            EngineOutcome outcome = session.outcome();
            Diagnosis diagnosis = assembler.assemble(facts, factsRevision, rules.version(), outcome);
            // Each "what if" adds its answer to the session run above and takes it out again: the
            // rules derive only logically, so what the answer caused goes with it.
            Diagnosis ranked = QuestionRanker.rank(diagnosis, (question, option) -> {
                FactSet answered = facts.withAnswer(question, option);
                EngineOutcome then = session.withAnswer(new Answer(question, option))
                        .orElseGet(() -> engine.run(rules.kieBase(), answered.all()));
                return assembler.assemble(answered, factsRevision, rules.version(), then).candidates();
            });
            return new Computed(ranked, fired(outcome));
        }
    }

    private static List<String> fired(EngineOutcome outcome) {
        return outcome.firedRules().stream().distinct().sorted().toList();
    }

    /**
     * The diagnosis with every "what if" of the question ranking run in a new session of its
     * own: slower, and what {@link #compute} must agree with (a test holds them together).
     */
    public static Diagnosis computeInFreshSessions(CompiledRuleBase rules, FactSet facts, int factsRevision,
            DiagnosisAssembler assembler, DiagnosisEngine engine) {
        return computeFresh(rules, facts, factsRevision, assembler, engine).diagnosis();
    }

    private static Computed computeFresh(CompiledRuleBase rules, FactSet facts, int factsRevision,
            DiagnosisAssembler assembler, DiagnosisEngine engine) {
        EngineOutcome outcome = engine.run(rules.kieBase(), facts.all());
        Diagnosis ranked = QuestionRanker.rank(assembler.assemble(facts, factsRevision, rules.version(), outcome),
                (question, option) -> {
                    FactSet answered = facts.withAnswer(question, option);
                    return assembler.assemble(answered, factsRevision, rules.version(),
                            engine.run(rules.kieBase(), answered.all())).candidates();
                });
        return new Computed(ranked, fired(outcome));
    }

    /** The names of the rules that declare, in their metadata, that they speak for each cause. */
    public Map<String, List<String>> rulesByCause(CompiledRuleBase rules) {
        return rulesByCause.computeIfAbsent(rules.version(), v -> rulesByCauseOf(rules));
    }

    public static Map<String, List<String>> rulesByCauseOf(CompiledRuleBase rules) {
        Map<String, List<String>> byCause = new TreeMap<>();
        rules.kieBase().getKiePackages().forEach(p -> p.getRules().forEach(rule -> RuleMetadata.causes(rule)
                .forEach(cause -> byCause.computeIfAbsent(cause, k -> new ArrayList<>()).add(rule.getName()))));
        byCause.values().forEach(names -> names.sort(null));
        return byCause;
    }

    /** A stored run and the same run computed again from its recorded facts and rule base version. */
    public record Replay(long runId, Diagnosis recorded, Diagnosis replayed) {

        /** Same causes, confidences, evidence and questions. */
        public boolean identical() {
            return Json.write(essence(recorded)).equals(Json.write(essence(replayed)));
        }

        private static Object essence(Diagnosis d) {
            return List.of(d.candidates().stream().map(c -> List.of(c.causeCode(), c.confidence(), c.evidence()))
                    .toList(), d.questions().stream().map(Diagnosis.QuestionView::code).toList(), d.symptoms());
        }
    }

    /**
     * The incident's latest recorded facts diagnosed again with the rule base in use now,
     * stored nowhere: how today's rules would read a resolved incident, beside its record.
     * Computed by the worker like every other diagnosis (a request runs no rules), ahead of
     * background work; 503 (under way) when it takes longer than
     * {@code triage.diagnosis.read-wait}.
     */
    public Optional<Diagnosis> withCurrentRules(long incidentId) {
        record Run(int revision, String facts) {
        }
        Optional<Run> latest = jdbc.sql("SELECT facts_revision, facts FROM diagnosis_run WHERE incident_id = ?"
                + " ORDER BY id DESC LIMIT 1").param(incidentId)
                .query((rs, n) -> new Run(rs.getInt(1), rs.getString(2))).optional();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        FactSet facts = FactSnapshot.read(latest.get().facts());
        CompletableFuture<Diagnosis> today = worker.getObject()
                .submit(() -> compute(ruleBase.current(), facts, latest.get().revision()));
        try {
            return Optional.of(today.get(readWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            today.cancel(false);
            throw new UnderWayException("The diagnosis of incident " + incidentId
                    + " with the current rules is under way; try again in a moment", 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the incident was diagnosed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    public Replay replay(long runId) {
        record Run(String version, int revision, String facts, String result) {
        }
        Run run = jdbc.sql("SELECT rule_base_version, facts_revision, facts, result FROM diagnosis_run WHERE id = ?")
                .param(runId).query((rs, n) -> new Run(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4))).optional()
                .orElseThrow(() -> new IllegalArgumentException("There is no diagnosis run " + runId));
        CompiledRuleBase rules = ruleBaseOfVersion(run.version());
        Diagnosis replayed = compute(rules, FactSnapshot.read(run.facts()), run.revision());
        return new Replay(runId, Json.MAPPER.readValue(run.result(), Diagnosis.class), replayed);
    }

    private CompiledRuleBase ruleBaseOfVersion(String version) {
        CompiledRuleBase current = ruleBase.current();
        if (current.version().equals(version)) {
            return current;
        }
        return pastRuleBases.computeIfAbsent(version, v -> {
            List<RuleSource> sources = versions.sources(v)
                    .orElseThrow(() -> new IllegalStateException("Rule base version " + v + " was not recorded"));
            return new RuleBaseCompiler().compile("rule base version " + v, sources);
        });
    }
}
