package com.saypro.triage.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.RuleFolders;
import com.saypro.triage.support.TriageIntegrationTest;
import com.saypro.triage.workbench.RegressionReport;
import com.saypro.triage.workbench.RegressionSuite;
import com.saypro.triage.workbench.RulePublisher;

/**
 * Prints how long compile-test-swap takes for the seeded rule base and for the seeded rule
 * base plus 1,000 generated rules, with confirmed incidents in the regression suite, and the
 * longest acknowledgement of alert batches posted over HTTP while the 1,000 rules go live.
 * Not a pass/fail test; run it with
 * {@code ./mvnw test -Dtriage.test.excluded=none -Dtest=RuleReloadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read target/surefire-reports/*RuleReloadBenchmark-output.txt.
 */
@Tag("benchmark")
@TriageIntegrationTest
class RuleReloadBenchmark extends IntegrationTestSupport {

    static final String DIR = "target/benchmark-rules";
    private static final int GENERATED = 1_000;
    private static final int FILES = 10;
    private static final int CONFIRMED = 40;
    private static final String[] CAUSES = {"DISK_FULL", "SERVER_RESOURCE_BOTTLENECK", "NETWORK_LATENCY",
        "DEPENDENCY_OUTAGE", "BAD_DEPLOYMENT", "CONFIGURATION_CHANGE"};
    private static final String[] ALERTS = {"NodeFilesystemAlmostOutOfSpace", "NodeHighCPU", "HostHighLoad",
        "KubePodCrashLooping", "TargetDown", "HighRequestLatency", "MySQLDown", "JvmHeapNearlyFull"};

    /** A copy of the project's diagnosis rules, made before the application starts on it. */
    @DynamicPropertySource
    static void ruleDirectory(DynamicPropertyRegistry registry) {
        RuleFolders.copy(Path.of("rules"), Path.of(DIR));
        registry.add("triage.rules-dir", () -> DIR);
    }

    @Autowired
    RuleBase ruleBase;
    @Autowired
    RulePublisher publisher;
    @Autowired
    RegressionSuite suite;

    @Test
    void printTimeToValidateTestAndSwapTheSeededRulesAndOneThousandGeneratedRules() throws Exception {
        confirmIncidents();
        List<RuleSource> seeded = ruleBase.current().sources();
        int seededRules = ruleBase.current().ruleCount();
        System.out.printf(Locale.ROOT, "regression suite: %d confirmed incidents%n", suite.cases().size());

        // The seeded rule base with one reason reworded: a new version.
        List<RuleSource> reworded = new ArrayList<>(seeded);
        reworded.replaceAll(s -> s.path().equals("infra/Disk.drl") ? new RuleSource(s.path(),
                s.content().replace("is (nearly) full: ", "is all but full: ")) : s);
        measure("seeded rule base (" + seededRules + " rules)", reworded, null);

        List<RuleSource> generated = new ArrayList<>(seeded);
        for (int f = 0; f < FILES; f++) {
            generated.add(generatedFile(f));
        }
        Load load = new Load();
        load.start();
        try {
            Thread.sleep(2_000); // the load's own warm-up, before the measured swap
            load.reset();
            measure("seeded + " + GENERATED + " generated rules", generated, load);
        } finally {
            load.stop();
        }
    }

    private void measure(String what, List<RuleSource> draft, Load load) {
        long t0 = System.nanoTime();
        RulePublisher.Compiled compiled = publisher.compile(draft);
        long t1 = System.nanoTime();
        if (compiled.rules() == null) {
            throw new IllegalStateException(what + " did not compile: " + compiled.problems());
        }
        RegressionReport report = suite.run(ruleBase.current(), compiled.rules());
        long t2 = System.nanoTime();
        RulePublisher.Outcome outcome = publisher.publish(draft, "benchmark", RulePublisher.Kind.WORKBENCH, what,
                null, false);
        long t3 = System.nanoTime();
        if (!outcome.published()) {
            throw new IllegalStateException(what + " was refused: " + outcome.refusal());
        }
        System.out.printf(Locale.ROOT, "%s: guard + compile + code check %.0f ms, regression suite (%d cases) %.0f ms;"
                + " whole compile-test-swap %.0f ms (target < 10,000 ms for 1,000 generated rules); %d rules in use%n",
                what, (t1 - t0) / 1e6, report.cases(), (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                ruleBase.current().ruleCount());
        BenchmarkFigures.record(what + ": validate, test and swap", (t3 - t2) / 1e6, "ms",
                load == null ? null : 10_000.0, true);
        if (load != null) {
            System.out.printf(Locale.ROOT, "  alert batches acknowledged during the swap: %d, longest %d ms"
                    + " (target < 250 ms), failed %d%n", load.count.get(), load.longest.get() / 1_000_000,
                    load.failed.get());
            BenchmarkFigures.record("longest ingestion acknowledgement during the swap", load.longest.get() / 1e6, "ms",
                    250.0, true);
        }
    }

    /** 100 rules: an alert name read as evidence for a cause, in the shape of the seeded rules. */
    private static RuleSource generatedFile(int f) {
        StringBuilder drl = new StringBuilder("package generated;\n\n"
                + "import com.saypro.triage.diagnosis.facts.AlertReading;\n"
                + "import com.saypro.triage.diagnosis.facts.Answer;\n"
                + "import com.saypro.triage.diagnosis.facts.CandidateCause;\n\n");
        for (int i = 0; i < GENERATED / FILES; i++) {
            int n = f * (GENERATED / FILES) + i;
            String cause = CAUSES[n % CAUSES.length];
            drl.append("rule \"Generated ").append(n).append(": alert Generated").append(n).append(" suggests ")
                    .append(cause).append("\" @cause(\"").append(cause).append("\") @group(\"generated-").append(n)
                    .append("\")\nwhen\n    $r : AlertReading( firing, alertName == \"Generated").append(n)
                    .append("\", $sys : system )\n    not Answer( question == \"RECENT_DEPLOYMENT\", value == \"no\" )\n")
                    .append("then\n    insertLogical( new CandidateCause(\"").append(cause)
                    .append("\", 0.3, \"alert Generated").append(n).append(" fired on \" + $sys) );\nend\n\n");
        }
        return new RuleSource("generated/Generated" + f + ".drl", drl.toString());
    }

    private void confirmIncidents() {
        emptyIncidentsAndSignals();
        for (int i = 0; i < CONFIRMED; i++) {
            String alert = ALERTS[i % ALERTS.length];
            Response response = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", alert,
                    "bench" + i, "2026-11-20T10:00:00Z", "bench" + i, ""));
            long id = response.json().get("incidents").get(0).longValue();
            String top = get("/api/v1/incidents/" + id + "/diagnosis").json().get("candidates").path(0)
                    .path("causeCode").asString("");
            if (!top.isEmpty()) {
                post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"confirmed\", \"causeCode\": \""
                        + top + "\"}");
            }
        }
    }

    /** Two senders posting 50-alert Alertmanager batches, timing each acknowledgement. */
    private final class Load {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong longest = new AtomicLong();
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        final HttpClient client = HttpClient.newHttpClient();

        void start() {
            for (int t = 0; t < 2; t++) {
                int sender = t;
                Thread thread = new Thread(() -> send(sender), "load-" + sender);
                thread.start();
                threads.add(thread);
            }
        }

        void reset() {
            longest.set(0);
            count.set(0);
            failed.set(0);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void send(int sender) {
            String auth = "Bearer " + INGEST_TOKEN;
            int round = 0;
            while (running.get()) {
                StringBuilder alerts = new StringBuilder();
                for (int i = 0; i < 50; i++) {
                    alerts.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"Load")
                            .append(i % 5).append("\",\"system\":\"load").append(i % 20).append("\",\"instance\":\"n")
                            .append(sender).append('-').append(round).append('-').append(i)
                            .append("\"},\"annotations\":{},\"startsAt\":\"2026-11-20T10:00:00Z\"}");
                }
                String body = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + alerts + "]}";
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/alerts/alertmanager"))
                            .header("Content-Type", "application/json").header("Authorization", auth)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (IOException | InterruptedException e) {
                    failed.incrementAndGet();
                }
                longest.accumulateAndGet(System.nanoTime() - started, Math::max);
                count.incrementAndGet();
                round++;
            }
        }
    }
}
