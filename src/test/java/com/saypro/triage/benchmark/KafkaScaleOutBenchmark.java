package com.saypro.triage.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.saypro.triage.scaleout.SignalLoad;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Alerts a second through one node scaled out over Kafka, in both roles (ingestion and worker
 * in one JVM) on an embedded broker: four threads post Alertmanager bodies of 50 unique alerts
 * of 20 systems, and a body of 50 metric samples after every fourth, for 20 s as fast as they
 * are answered ({@link SignalLoad}), with the worker's background diagnosis on as in
 * production. The figures: alerts acknowledged a second (in the log), alerts stored a second
 * (from the first post to the last alert committed by the worker), and alerts a second of the
 * worker's storing transactions alone (what a consumer thread doing nothing else could store).
 * Not a pass/fail test; run it with
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

    private static final Duration LOAD = Duration.ofSeconds(20);

    @Autowired
    MeterRegistry meters;

    @Test
    void printAlertsPerSecondThroughOneNodeInBothRoles() throws Exception {
        long started = System.nanoTime();
        SignalLoad load = new SignalLoad(this::uri, INGEST_TOKEN, 4, 50, 20, 0).start();
        Thread.sleep(LOAD.toMillis()); // the load's duration
        load.stop();
        double postedSeconds = (System.nanoTime() - started) / 1e9;
        long acknowledged = load.alertsAcknowledged.get();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> rows(SignalLoad.STORED_ALERTS) >= acknowledged);
        double storedSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(rows(SignalLoad.STORED_ALERTS)).as("sent = stored").isEqualTo(acknowledged);
        Timer batches = meters.get("triage.kafka.batch.stored").timer();
        System.out.printf(Locale.ROOT, "%s in %.1f s; all alerts stored after %.1f s; worker: %d polls stored,"
                + " %.1f s in storing transactions%n", load.figures(), postedSeconds, storedSeconds, batches.count(),
                batches.totalTime(TimeUnit.SECONDS));
        BenchmarkFigures.record("Kafka mode, one node in both roles: alerts acknowledged a second",
                acknowledged / postedSeconds, "alerts/s", null, false);
        BenchmarkFigures.record("Kafka mode, one node in both roles: alerts stored a second",
                acknowledged / storedSeconds, "alerts/s", null, false);
        BenchmarkFigures.record("Kafka mode, worker: signals stored a second of its transactions",
                (acknowledged + load.metricsAcknowledged.get()) / batches.totalTime(TimeUnit.SECONDS), "signals/s",
                null, false);
    }

    private long rows(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
