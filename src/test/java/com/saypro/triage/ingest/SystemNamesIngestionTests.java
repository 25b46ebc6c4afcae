package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

@TriageIntegrationTest
class SystemNamesIngestionTests extends IntegrationTestSupport {

    @Test
    void shouldFileAlertsNamingRmsInDifferentWaysUnderOneIncidentOfRms() {
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HighErrorRate", "RMS",
                "2026-11-20T10:00:00Z", "5151515151515151", ""));
        post("/api/v1/alerts", AlertMother.genericAlert("HighLatency", "saypro-rms-prod"));
        post("/api/v1/alerts", "{\"name\": \"HostHighCpuLoad\", \"labels\": {\"job\": \"saypro-rms-batch\"},"
                + " \"startsAt\": \"2026-11-20T10:01:00Z\"}");

        JsonNode incidents = get("/api/v1/incidents?status=open").json();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("system").asString()).isEqualTo("rms");
        assertThat(jdbc.queryForObject("SELECT alert_count FROM incident", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT DISTINCT system_name FROM alert", String.class)).containsExactly("rms");
    }

    @Test
    void shouldStoreOtherSignalsUnderTheSystemsCode() {
        post("/api/v1/alerts", AlertMother.genericAlert("CourseRegistrationFailing", "LMS"));
        Response metric = post("/api/v1/metrics", "{\"system\": \"saypro-lms-prod\", \"metric\": \"error_rate\","
                + " \"value\": 0.2}");
        post("/api/v1/logs", "{\"system\": \"Learning-Management\", \"message\": \"enrolment failed\"}");
        post("/api/v1/traces", "{\"system\": \"saypro-lms-prod\", \"transaction\": \"POST /api/enrolments\","
                + " \"durationMs\": 900}");
        post("/api/v1/changes", "{\"system\": \"LMS\", \"kind\": \"deploy\", \"description\": \"release 4.2\"}");

        assertThat(metric.status()).isEqualTo(200);
        assertThat(metric.json().get("incidents")).isNotNull();
        for (String table : new String[] { "alert", "metric_sample", "log_event", "transaction_trace",
                "change_event" }) {
            assertThat(jdbc.queryForList("SELECT DISTINCT system_name FROM " + table, String.class)).as(table)
                    .containsExactly("lms");
        }
        assertThat(jdbc.queryForObject("SELECT facts_revision FROM incident WHERE system_name = 'lms'", Integer.class))
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldCreateAnUnknownSystemOnFirstSightAndGroupLaterSpellingsWithIt() {
        String name = "Payments-Hub-" + UUID.randomUUID().toString().substring(0, 6);
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", name));
        post("/api/v1/alerts", AlertMother.genericAlert("HighLatency", name.toUpperCase()));

        String code = name.toLowerCase();
        assertThat(jdbc.queryForObject("SELECT origin FROM monitored_system WHERE code = ?", String.class, code))
                .isEqualTo("AUTO");
        assertThat(jdbc.queryForList("SELECT system_name FROM incident", String.class)).containsExactly(code);
        assertThat(get("/api/v1/systems/" + code).json().get("origin").asString()).isEqualTo("AUTO");
    }
}
