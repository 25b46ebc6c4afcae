package com.saypro.triage.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.saypro.triage.diagnosis.DiagnosisEngine;
import com.saypro.triage.diagnosis.DiagnosisKnowledge;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.IncidentFactsLoader;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * Prints how long the rule base takes to compile, one incident takes to diagnose (the engine
 * alone, and the whole service: load facts, run, store the run), and a large body takes to
 * ingest over HTTP. Not a pass/fail test;
 * run it with
 * {@code ./mvnw test -Dtriage.test.excluded=none -Dtest=DiagnosisBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read target/surefire-reports/*DiagnosisBenchmark-output.txt.
 */
@Tag("benchmark")
@TriageIntegrationTest
@TestPropertySource(properties = "triage.ingest.max-body-bytes=10485760")
class DiagnosisBenchmark extends IntegrationTestSupport {

    private static final int WARM_UP = 50;
    private static final int RUNS = 300;

    @Autowired
    DiagnosisService diagnoses;
    @Autowired
    IncidentFactsLoader loader;
    @Autowired
    RuleBase ruleBase;
    @Autowired
    DiagnosisKnowledge knowledge;

    /**
     * A 200-fact incident whose cause is still open (a failing course registration with a
     * role change and hanging requests, amid routine signals): the engine run alone, and the
     * whole diagnosis including the ranking of its questions, which runs the engine once more
     * per informative answer of each open question.
     */
    @Test
    void printTimeToRankTheQuestionsOfA200FactIncident() {
        emptyIncidentsAndSignals();
        post("/api/v1/changes", "{\"system\":\"lms\",\"kind\":\"config\",\"description\":\"Reworked the"
                + " permission grants of the student roles\",\"timestamp\":\"2026-11-20T09:30:00Z\"}");
        post("/api/v1/alerts", "{\"name\":\"CourseRegistrationErrors\",\"system\":\"lms\",\"severity\":\"critical\","
                + "\"status\":\"firing\",\"labels\":{\"workflow\":\"course_registration\"},"
                + "\"startsAt\":\"2026-11-20T10:00:00Z\"}");
        StringBuilder logs = new StringBuilder("[");
        StringBuilder metrics = new StringBuilder("[{\"system\":\"lms\",\"metric\":\"workflow_success_rate\","
                + "\"value\":0.4,\"labels\":{\"workflow\":\"course_registration\"},\"timestamp\":\"2026-11-20T09:59:00Z\"}");
        StringBuilder traces = new StringBuilder("[{\"system\":\"lms\",\"transaction\":\"POST /api/enrolments\","
                + "\"durationMs\":31000,\"dbMs\":0,\"externalMs\":0,\"error\":true,\"timestamp\":\"2026-11-20T09:59:30Z\"}");
        for (int i = 0; i < 65; i++) {
            String at = String.format(Locale.ROOT, "2026-11-20T09:%02d:%02dZ", 50 + i % 10, i % 60);
            logs.append(i == 0 ? "" : ",").append("{\"system\":\"lms\",\"component\":\"lms-api\",\"level\":\"INFO\","
                    + "\"message\":\"GET /api/courses/").append(i).append(" 200 (12 ms)\",\"timestamp\":\"").append(at)
                    .append("\"}");
            metrics.append(",{\"system\":\"lms\",\"component\":\"lms-api-").append(i % 4)
                    .append("\",\"metric\":\"cpu_utilization\",\"value\":0.4,\"timestamp\":\"").append(at).append("\"}");
            traces.append(",{\"system\":\"lms\",\"transaction\":\"GET /api/courses\",\"durationMs\":80,"
                    + "\"dbMs\":20,\"externalMs\":0,\"error\":false,\"timestamp\":\"").append(at).append("\"}");
        }
        post("/api/v1/logs", logs.append("]").toString());
        post("/api/v1/metrics", metrics.append("]").toString());
        post("/api/v1/traces", traces.append("]").toString());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        FactSet facts = loader.load(id).facts();
        // The JMH benchmarks (EngineJmh) build this incident's facts without a database: the same facts.
        FactSet jmh = knowledge.reader().read(EngineJmh.signals(), knowledge.profile("lms"));
        if (!EngineJmh.withoutIds(facts).equals(EngineJmh.withoutIds(jmh))) {
            throw new IllegalStateException("EngineJmh.signals() is no longer the incident posted here:\n"
                    + EngineJmh.withoutIds(facts) + "\n" + EngineJmh.withoutIds(jmh));
        }
        var rules = ruleBase.current();
        DiagnosisEngine engine = new DiagnosisEngine();
        // Plain Drools side by side, taking turns with the engine run so both meet the same machine: a
        // session, the same inserts, fire, dispose; no listeners, nothing read back.
        long[][] sideBySide = timeInTurns(() -> engine.run(rules.kieBase(), facts.all()), () -> {
            var session = rules.kieBase().newKieSession();
            try {
                facts.all().forEach(session::insert);
                session.fireAllRules();
            } finally {
                session.dispose();
            }
        });
        long[] engineOnly = sideBySide[0];
        long[] plain = sideBySide[1];
        long[] ranked = time(() -> diagnoses.compute(rules, facts, 1));
        var diagnosis = diagnoses.compute(rules, facts, 1);
        int runs = 1 + diagnosis.questions().size();
        System.out.printf(Locale.ROOT, "open 200-fact incident: %d facts in the session, top %s, %d questions ranked (%s);"
                + " engine run median %.2f ms p99 %.2f ms; diagnosis with ranked questions median %.2f ms p99 %.2f ms%n",
                facts.all().size(), diagnosis.top() == null ? "none" : diagnosis.top().causeCode(),
                diagnosis.questions().size(), diagnosis.questions().stream().map(q -> q.code() + " " + q.gain()).toList(),
                median(engineOnly) / 1e6, p99(engineOnly) / 1e6, median(ranked) / 1e6, p99(ranked) / 1e6);
        System.out.printf(Locale.ROOT, "plain Drools, same rules and facts: median %.2f ms p99 %.2f ms;"
                + " the engine run takes %.2fx plain Drools (median)%n", median(plain) / 1e6, p99(plain) / 1e6,
                (double) median(engineOnly) / median(plain));
        BenchmarkFigures.record("diagnosis of a 200-fact incident, engine run, p99", p99(engineOnly) / 1e6, "ms", 10.0,
                true);
        BenchmarkFigures.record("plain Drools with the same rules and facts, p99", p99(plain) / 1e6, "ms", null,
                true);
        BenchmarkFigures.record("engine run against plain Drools (median ratio)",
                (double) median(engineOnly) / median(plain), "x", 2.0, true);
        BenchmarkFigures.record("diagnosis of a 200-fact incident with its questions ranked, p99", p99(ranked) / 1e6,
                "ms", null, true);
    }

    @Test
    void printCompileAndDiagnosisTimes() throws IOException {
        List<RuleSource> sources = RuleFiles.fromDirectory(Path.of("rules"));
        long[] compile = new long[5];
        for (int i = 0; i < compile.length; i++) {
            long start = System.nanoTime();
            new RuleBaseCompiler().compile("benchmark", sources);
            compile[i] = System.nanoTime() - start;
        }
        System.out.printf(Locale.ROOT, "rule base: %d files, %d rules; compile first %.0f ms, median of %d %.0f ms%n",
                sources.size(), ruleBase.current().ruleCount(), compile[0] / 1e6, compile.length,
                median(compile) / 1e6);

        DiagnosisEngine engine = new DiagnosisEngine();
        try (var files = Files.list(Path.of("src/test/resources/scenarios"))) {
            for (Path scenario : files.sorted().toList()) {
                emptyIncidentsAndSignals();
                postScenario(Json.MAPPER.readTree(Files.readString(scenario)));
                long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
                FactSet facts = loader.load(id).facts();
                long[] engineOnly = time(() -> engine.run(ruleBase.current().kieBase(), facts.all()));
                long[] service = time(() -> diagnoses.recompute(id));
                System.out.printf(Locale.ROOT,
                        "%-40s %3d facts: engine median %.2f ms p95 %.2f ms; service (load+run+store) median %.2f ms p95 %.2f ms%n",
                        scenario.getFileName(), facts.all().size(), median(engineOnly) / 1e6, p95(engineOnly) / 1e6,
                        median(service) / 1e6, p95(service) / 1e6);
            }
        }
    }

    @Test
    void printIngestionThroughput() {
        for (int round = 0; round < 3; round++) {
            emptyIncidentsAndSignals();
            StringBuilder alerts = new StringBuilder("{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [");
            int count = 5_000;
            for (int i = 0; i < count; i++) {
                alerts.append(i == 0 ? "" : ",").append("{\"status\": \"firing\", \"labels\": {\"alertname\": \"HighErrorRate\",")
                        .append(" \"system\": \"sys").append(i % 50).append("\", \"instance\": \"host").append(i)
                        .append(":9100\", \"severity\": \"warning\"}, \"annotations\": {\"summary\": \"5xx above 5%\"},")
                        .append(" \"startsAt\": \"2026-11-20T10:00:00Z\", \"endsAt\": \"0001-01-01T00:00:00Z\"}");
            }
            alerts.append("]}");
            long start = System.nanoTime();
            Response response = post("/api/v1/alerts/alertmanager", alerts.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            StringBuilder metrics = new StringBuilder("[");
            for (int i = 0; i < count; i++) {
                metrics.append(i == 0 ? "" : ",").append("{\"system\": \"sys").append(i % 50)
                        .append("\", \"metric\": \"cpu_utilization\", \"value\": 0.").append(i % 100)
                        .append(", \"timestamp\": \"2026-11-20T10:00:00Z\"}");
            }
            metrics.append("]");
            long metricStart = System.nanoTime();
            Response metricResponse = post("/api/v1/metrics", metrics.append("").toString());
            double metricSeconds = (System.nanoTime() - metricStart) / 1e9;
            if (response.status() != 200 || metricResponse.status() != 200) {
                throw new IllegalStateException("ingestion refused the benchmark bodies: " + response.body() + " "
                        + metricResponse.body());
            }
            System.out.printf(Locale.ROOT, "ingest round %d: %d alerts in one Alertmanager body (%d systems, status %d) %.0f ms"
                    + " = %.0f alerts/s; %d metrics in one body (status %d) %.0f ms = %.0f samples/s%n", round + 1,
                    count, 50, response.status(), seconds * 1000, count / seconds, count, metricResponse.status(),
                    metricSeconds * 1000, count / metricSeconds);
        }
    }

    /** Two actions timed in turns, after warming both up: their times in the same conditions. */
    private static long[][] timeInTurns(Runnable first, Runnable second) {
        for (int i = 0; i < WARM_UP * 4; i++) {
            first.run();
            second.run();
        }
        long[][] times = new long[2][RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            first.run();
            long between = System.nanoTime();
            second.run();
            times[0][i] = between - start;
            times[1][i] = System.nanoTime() - between;
        }
        return times;
    }

    private static long[] time(Runnable action) {
        for (int i = 0; i < WARM_UP; i++) {
            action.run();
        }
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            action.run();
            times[i] = System.nanoTime() - start;
        }
        return times;
    }

    private static double median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double p95(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(sorted.length * 0.95) - 1];
    }

    private static double p99(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(sorted.length * 0.99) - 1];
    }
}
