package com.saypro.triage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.scaleout.SignalEnvelope.Kind;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * One node in both roles on an embedded Kafka broker: signals posted over HTTP are answered
 * once the broker has them, then stored and diagnosed by the worker; a record delivered twice
 * is stored once. The context is closed after the class: its worker would otherwise go on
 * diagnosing the other tests' incidents.
 */
@TriageIntegrationTest
@EmbeddedKafka
@TestPropertySource(properties = { "triage.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "triage.kafka.role=both", "triage.kafka.partitions=4", "triage.diagnosis.refresh-interval=200ms",
    "triage.diagnosis.refresh-initial-delay=0s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaIngestionTests extends IntegrationTestSupport {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    SignalWorker worker;

    private long rows(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void shouldAnswerOnceTheBrokerHasTheSignalsThenStoreAndDiagnoseThem() {
        Response alert = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        Response metrics = post("/api/v1/metrics", """
                [{"system": "RMS", "component": "rms-app-01", "metric": "disk_utilization", "value": 0.97,
                  "timestamp": "2026-11-20T10:00:00Z"},
                 {"system": "lms", "metric": "error_rate", "value": 0.02, "timestamp": "2026-11-20T10:00:00Z"}]
                """);
        Response logs = post("/services/collector/event", """
                {"time": 1795168800.5, "host": "rms-app-01", "index": "rms", "event": "No space left on device"}
                """);

        assertThat(alert.status()).as(alert.body()).isEqualTo(200);
        assertThat(alert.json().get("received").intValue()).isEqualTo(1);
        assertThat(alert.json().get("stored").intValue()).as("in the log, to be stored").isEqualTo(1);
        assertThat(alert.json().get("incidents")).as("only the worker knows them").isEmpty();
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.json().get("stored").intValue()).isEqualTo(2);
        assertThat(logs.status()).as(logs.body()).isEqualTo(200);
        assertThat(logs.json().get("text").asString()).isEqualTo("Success");

        await().atMost(WITHIN).until(() -> rows("SELECT COUNT(*) FROM alert WHERE fingerprint = 'a1b2c3d4e5f60718'") == 1
                && rows("SELECT COUNT(*) FROM metric_sample WHERE metric IN ('disk_utilization', 'error_rate')") == 2
                && rows("SELECT COUNT(*) FROM log_event WHERE message = 'No space left on device'") == 1);
        await().atMost(WITHIN).until(() -> rows("SELECT COUNT(*) FROM incident WHERE system_name = 'rms'"
                + " AND diagnosed_revision = facts_revision AND top_cause_code IS NOT NULL") == 1);
        assertThat(jdbc.queryForObject("SELECT top_cause_code FROM incident WHERE system_name = 'rms'", String.class))
                .isEqualTo("DISK_FULL");
    }

    @Test
    void shouldStoreARecordThatIsDeliveredAgainOnlyOnce() {
        // A partition the topic does not have, so the running consumer never touches its offsets.
        List<ConsumerRecord<String, String>> first = List.of(metric(0, 0.1), metric(1, 0.2), metric(2, 0.3));

        assertThat(worker.store(first)).isEqualTo(3);
        assertThat(worker.store(first)).as("delivered again after a crash").isZero();
        assertThat(worker.store(List.of(metric(2, 0.3), metric(3, 0.4)))).as("only the new one").isEqualTo(1);
        assertThat(rows("SELECT COUNT(*) FROM metric_sample WHERE system_name = 'replayed'")).isEqualTo(4);
    }

    private static ConsumerRecord<String, String> metric(long offset, double value) {
        MetricIn metric = new MetricIn("replayed", "api", "error_rate", value, "",
                Instant.parse("2026-11-20T10:00:00Z").plusSeconds(offset), Map.of());
        return new ConsumerRecord<>("triage.signals", 99, offset, "replayed",
                SignalEnvelope.of(Kind.METRIC, Instant.now(), List.of(metric)).toJson());
    }
}
