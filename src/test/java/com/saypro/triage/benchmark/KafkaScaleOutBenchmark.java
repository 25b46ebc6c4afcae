package com.saypro.triage.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * Alerts a second through one node scaled out over Kafka, in both roles (ingestion and worker
 * in one JVM) on an embedded broker: four threads post Alertmanager bodies of 50 unique alerts
 * of 20 systems for 20 s as fast as they are answered; the figures are the rate acknowledged
 * (in the log) and the rate stored (from the first post to the last alert committed by the
 * worker), with the worker's background diagnosis running as in production. Not a pass/fail
 * test; run it with
 * {@code ./mvnw test -Dtriage.test.excluded=none -Dtest=KafkaScaleOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read target/surefire-reports*&#47;*KafkaScaleOutBenchmark-output.txt.
 */
@Tag("benchmark")
@TriageIntegrationTest
@EmbeddedKafka
@TestPropertySource(properties = { "triage.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "triage.kafka.role=both", "triage.diagnosis.refresh-interval=2s", "triage.diagnosis.refresh-initial-delay=1s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaScaleOutBenchmark extends IntegrationTestSupport {

    private static final int THREADS = 4;
    private static final int BATCH = 50;
    private static final int SYSTEMS = 20;
    private static final Duration LOAD = Duration.ofSeconds(20);

    @Test
    void printAlertsPerSecondThroughOneNodeInBothRoles() throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long started = System.nanoTime();
        long end = started + LOAD.toNanos();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread poster = new Thread(() -> {
                for (int n = 0; System.nanoTime() < end; n++) {
                    Response response = post("/api/v1/alerts/alertmanager", body(thread, n));
                    (response.status() == 200 ? acknowledged : refused).addAndGet(BATCH);
                }
            }, "kafka-benchmark-" + t);
            posters.add(poster);
            poster.start();
        }
        for (Thread poster : posters) {
            poster.join();
        }
        double postedSeconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> stored() >= acknowledged.get());
        double storedSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(stored()).as("sent = stored").isEqualTo(acknowledged.get());
        System.out.printf(Locale.ROOT, "%d alerts acknowledged in %.1f s (%d refused), all stored after %.1f s%n",
                acknowledged.get(), postedSeconds, refused.get(), storedSeconds);
        BenchmarkFigures.record("Kafka mode, one node in both roles: alerts acknowledged a second",
                acknowledged.get() / postedSeconds, "alerts/s", null, false);
        BenchmarkFigures.record("Kafka mode, one node in both roles: alerts stored a second",
                acknowledged.get() / storedSeconds, "alerts/s", null, false);
    }

    private long stored() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE fingerprint LIKE 'kb-%'", Long.class);
    }

    private static String body(int thread, int n) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            String id = "kb-" + thread + "-" + n + "-" + i;
            alerts.append(i == 0 ? "" : ",").append("""
                    {"status": "firing", "labels": {"alertname": "HighRequestLatency", "system": "bench-%d",
                     "instance": "%s", "severity": "warning"}, "annotations": {"summary": "slow responses"},
                     "startsAt": "2026-11-20T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "%s"}
                    """.formatted((n * BATCH + i) % SYSTEMS, id, id));
        }
        return """
                {"version": "4", "status": "firing", "receiver": "triage", "groupKey": "bench", "groupLabels": {},
                 "commonLabels": {}, "commonAnnotations": {}, "externalURL": "", "alerts": [%s]}
                """.formatted(alerts);
    }
}
