package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

@TriageIntegrationTest
class SignalIngestionTests extends IntegrationTestSupport {

    @Test
    void shouldStoreEachKindOfSignalAsOneObjectOrAnArray() {
        assertThat(post("/api/v1/metrics", """
                {"system": "rms", "metric": "cpu_utilization", "value": 0.97, "timestamp": "2026-11-20T09:58:00Z"}
                """).status()).isEqualTo(200);
        assertThat(post("/api/v1/logs", """
                [{"system": "lms", "level": "error", "message": "Cannot get JDBC connection", "timestamp": "2026-11-20T09:58:00Z"},
                 {"system": "lms", "message": "started"}]
                """).status()).isEqualTo(200);
        assertThat(post("/api/v1/traces", """
                {"system": "rms", "transaction": "RoyaltyPaymentBatch", "durationMs": 12000, "dbMs": 10000,
                 "externalMs": 200, "error": false, "timestamp": "2026-11-20T09:58:00Z", "somethingElse": 1}
                """).status()).isEqualTo(200);
        assertThat(post("/api/v1/changes", """
                {"system": "lms", "kind": "deploy", "description": "Release 4.2", "version": "4.2.0", "author": "ci"}
                """).status()).isEqualTo(200);

        assertThat(count("metric_sample")).isEqualTo(1);
        assertThat(count("log_event")).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT level FROM log_event WHERE message LIKE 'Cannot%'", String.class))
                .isEqualTo("ERROR");
        assertThat(count("transaction_trace")).isEqualTo(1);
        assertThat(count("change_event")).isEqualTo(1);
    }

    @Test
    void shouldMarkTheOpenIncidentOfTheSystemForRediagnosisWhenSignalsArrive() {
        post("/api/v1/alerts", AlertMother.genericAlert("RoyaltyPaymentProcessingSlow", "rms"));
        int before = jdbc.queryForObject("SELECT facts_revision FROM incident", Integer.class);

        Response response = post("/api/v1/traces", """
                {"system": "rms", "transaction": "RoyaltyPaymentBatch", "durationMs": 12000, "dbMs": 10000,
                 "timestamp": "2026-11-20T09:58:00Z"}
                """);

        assertThat(response.json().get("incidents")).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT facts_revision FROM incident", Integer.class)).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseAMetricWithoutAValueAndStoreNothing() {
        Response response = post("/api/v1/metrics", """
                [{"system": "rms", "metric": "cpu_utilization", "value": 0.5},
                 {"system": "rms", "metric": "cpu_utilization", "value": "high"}]
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("[1].value");
        assertThat(count("metric_sample")).isZero();
    }

    @Test
    void shouldRefuseATraceWhosePartsExceedItsDuration() {
        Response response = post("/api/v1/traces", """
                {"system": "rms", "transaction": "t", "durationMs": 100, "dbMs": 80, "externalMs": 50}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("dbMs");
        assertThat(count("transaction_trace")).isZero();
    }

    @Test
    void shouldRefuseAChangeOfUnknownKind() {
        Response response = post("/api/v1/changes", """
                {"system": "rms", "kind": "reboot", "description": "rebooted"}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("kind");
        assertThat(count("change_event")).isZero();
    }

    @Test
    void shouldRefuseALogWithoutMessageAndABodyThatIsNotAnObject() {
        assertThat(post("/api/v1/logs", "{\"system\": \"rms\"}").json().get("field").asString()).isEqualTo("message");
        assertThat(post("/api/v1/logs", "42").status()).isEqualTo(400);
        assertThat(post("/api/v1/logs", "[]").json().get("received").intValue()).isZero();
        assertThat(count("log_event")).isZero();
    }
}
