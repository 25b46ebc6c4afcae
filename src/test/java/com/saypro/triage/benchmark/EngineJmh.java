package com.saypro.triage.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisAssembler;
import com.saypro.triage.diagnosis.DiagnosisEngine;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.diagnosis.EngineOutcome;
import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.FactSnapshot;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.support.DiagnosisHarness;
import com.saypro.triage.support.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JMH benchmarks of the engine paths, without Spring or a database: the seeded rule base
 * compiled from {@code rules/}, and the 200-fact incident of
 * {@code DiagnosisBenchmark.printTimeToRankTheQuestionsOfA200FactIncident} (a failing course
 * registration on {@code lms} after a change to the student roles' permission grants, amid
 * routine logs, CPU samples and fast traces) built as the facts the loader would give it, read
 * with the seeded knowledge base (alert readings, log findings, workflows, components, priors).
 * Run by {@link EngineJmhRunner}, which prints the figures beside their targets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineJmh {

    static {
        quietLogging();
    }

    private CompiledRuleBase rules;
    private KieBase kieBase;
    private FactSet facts;
    private List<Object> all;
    private DiagnosisAssembler assembler;
    private final DiagnosisEngine engine = new DiagnosisEngine();

    @Setup(Level.Trial)
    public void setUp() {
        DiagnosisHarness harness = DiagnosisHarness.seeded();
        rules = harness.rules();
        kieBase = rules.kieBase();
        facts = harness.read(signals());
        all = facts.all();
        assembler = harness.assembler(facts);
        // Measure nothing unless the rules reason over these facts as the incident needs.
        EngineOutcome outcome = engine.run(kieBase, all);
        Diagnosis diagnosis = DiagnosisService.compute(rules, facts, 1, assembler, engine);
        if (outcome.votes().isEmpty() || diagnosis.top() == null || !outcome.failures().isEmpty()) {
            throw new IllegalStateException("The 200-fact incident gives no top candidate (or failing rules: "
                    + outcome.failures() + "); the benchmark would measure nothing");
        }
        if (all.size() < 200) {
            throw new IllegalStateException("The incident has only " + all.size() + " facts");
        }
        System.out.printf(Locale.ROOT, "%n200-fact incident: %d facts in the session, top %s, %d questions ranked%n",
                all.size(), diagnosis.top().causeCode(), diagnosis.questions().size());
    }

    /** The engine run: a session with the evidence listeners, the inserts, the firing, the outcome read back. */
    @Benchmark
    public EngineOutcome engineRun() {
        return engine.run(kieBase, all);
    }

    /** Plain Drools: a session, the same inserts, fire, dispose; no listeners, nothing read back. */
    @Benchmark
    public void plainDrools(Blackhole blackhole) {
        KieSession session = kieBase.newKieSession();
        try {
            for (Object fact : all) {
                blackhole.consume(session.insert(fact));
            }
            blackhole.consume(session.fireAllRules());
        } finally {
            session.dispose();
        }
    }

    /** The whole diagnosis: the engine run, the assembly, and the ranking of the open questions. */
    @Benchmark
    public Diagnosis diagnosisWithQuestionsRanked() {
        return DiagnosisService.compute(rules, facts, 1, assembler, engine);
    }

    /**
     * The incident's signals as {@code IncidentFactsLoader.loadSignals} gives them after the
     * posts of {@code DiagnosisBenchmark}: ids in the order they were stored, times in minutes
     * before the incident opened (at the alert's start), empty strings where nothing was sent.
     */
    static FactSet signals() {
        Instant openedAt = Instant.parse("2026-11-20T10:00:00Z");
        IncidentContext context = new IncidentContext(1, "lms", "critical", openedAt);
        List<ChangeEvent> changes = List.of(new ChangeEvent(1, "lms", "config",
                "Reworked the permission grants of the student roles", "", "", Instant.parse("2026-11-20T09:30:00Z"),
                minutes(Instant.parse("2026-11-20T09:30:00Z"), openedAt)));
        // The fingerprint as ingestion derives it from the name, system and labels.
        List<Alert> alerts = List.of(new Alert(1, "CourseRegistrationErrors", "lms", "", "critical", "firing",
                Map.of("workflow", "course_registration"), Map.of(), openedAt, null,
                "3198184d6fba11caadc3f798025292c3", 0));
        List<LogEvent> logs = new ArrayList<>();
        List<MetricSample> metrics = new ArrayList<>();
        List<TransactionTrace> traces = new ArrayList<>();
        Instant rate = Instant.parse("2026-11-20T09:59:00Z");
        metrics.add(new MetricSample(1, "lms", "", "workflow_success_rate", 0.4, "", rate,
                Map.of("workflow", "course_registration"), minutes(rate, openedAt)));
        Instant failing = Instant.parse("2026-11-20T09:59:30Z");
        traces.add(new TransactionTrace(1, "lms", "POST /api/enrolments", 31_000, 0, 0, true, failing,
                minutes(failing, openedAt)));
        for (int i = 0; i < 65; i++) {
            Instant at = Instant.parse(String.format(Locale.ROOT, "2026-11-20T09:%02d:%02dZ", 50 + i % 10, i % 60));
            long before = minutes(at, openedAt);
            logs.add(new LogEvent(1 + i, "lms", "lms-api", "INFO", "GET /api/courses/" + i + " 200 (12 ms)", "", at,
                    before));
            metrics.add(new MetricSample(2 + i, "lms", "lms-api-" + i % 4, "cpu_utilization", 0.4, "", at, Map.of(),
                    before));
            traces.add(new TransactionTrace(2 + i, "lms", "GET /api/courses", 80, 20, 0, false, at, before));
        }
        return new FactSet(context, alerts, metrics, logs, traces, changes, List.of());
    }

    /**
     * The facts as stored with a diagnosis run ({@link FactSnapshot}) without their ids, which
     * depend on what the database held before: to compare this incident with the loader's.
     */
    static String withoutIds(FactSet facts) {
        JsonNode root = Json.MAPPER.readTree(FactSnapshot.write(facts));
        ((ObjectNode) root.get("incident")).remove("id");
        root.properties().forEach(e -> {
            if (e.getValue().isArray()) {
                e.getValue().forEach(item -> ((ObjectNode) item).remove(List.of("id", "alertId", "logId")));
            }
        });
        return Json.write(root);
    }

    private static long minutes(Instant at, Instant openedAt) {
        return Duration.between(at, openedAt).toMinutes();
    }

    /** Without a logging configuration Logback logs everything at DEBUG; the benchmarks want only errors
     * (Drools warns about the rules' evals and class reactivity as it compiles and first runs them). */
    static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
