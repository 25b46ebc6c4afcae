package com.saypro.triage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * An ingestion node whose Kafka brokers do not answer: nothing is acknowledged, every request
 * gets 503 with {@code Retry-After} and a problem document within the publish timeout.
 */
@TriageIntegrationTest
@TestPropertySource(properties = { "triage.kafka.bootstrap-servers=127.0.0.1:9", "triage.kafka.role=ingest",
    "triage.kafka.publish-timeout=1s" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokersUnavailableTests extends IntegrationTestSupport {

    @Test
    void shouldAnswer503WithRetryAfterWhenTheBrokersDoNotAcknowledge() {
        long started = System.nanoTime();
        Response alert = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        Response metric = post("/api/v1/metrics", """
                {"system": "rms", "metric": "error_rate", "value": 0.5}
                """);

        assertThat(alert.status()).as(alert.body()).isEqualTo(503);
        assertThat(alert.header("Retry-After")).isEqualTo("5");
        assertThat(alert.json().get("type").asString()).isEqualTo("urn:saypro:triage:problem:brokers-unavailable");
        assertThat(alert.json().get("detail").asString()).contains("not stored");
        assertThat(tookMillis).as("answered within the publish timeout and a little").isLessThan(5_000);
        assertThat(metric.status()).isEqualTo(503);
        assertThat(count("alert")).isZero();
    }
}
