package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

@TriageIntegrationTest
class AlertIngestionTests extends IntegrationTestSupport {

    @Test
    void shouldOpenAnIncidentWithDiskFullOnTopForAnAlertmanagerDiskAlert() {
        Response response = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("stored").intValue()).isEqualTo(1);
        JsonNode incidents = get("/api/v1/incidents?status=open").json();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).get("system").asString()).isEqualTo("rms");
        assertThat(incidents.get(0).get("severity").asString()).isEqualTo("critical");
        assertThat(incidents.get(0).get("topCause").get("causeCode").asString()).isEqualTo("DISK_FULL");

        long id = incidents.get(0).get("id").longValue();
        JsonNode top = get("/api/v1/incidents/" + id + "/diagnosis").json().get("candidates").get(0);
        assertThat(top.get("category").asString()).isEqualTo("STORAGE");
        assertThat(top.get("confidence").doubleValue()).isBetween(0.6, 1.0);
        assertThat(top.get("evidence").get(0).get("rule").asString()).isNotBlank();
        assertThat(top.get("playbooks").get(0).get("code").asString()).isEqualTo("DISK_CLEANUP");
        assertThat(top.get("playbooks").get(0).get("title").asString()).containsIgnoringCase("free disk space");
        assertThat(get("/api/v1/incidents?status=open").json().get(0).get("topCause").get("causeCode").asString())
                .isEqualTo("DISK_FULL");
    }

    @Test
    void shouldStoreADuplicateDeliveryOnceAndCountIt() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        Response again = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("stored").intValue()).isZero();
        assertThat(again.json().get("duplicates").intValue()).isEqualTo(1);
        assertThat(count("alert")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT duplicates FROM alert", Integer.class)).isEqualTo(1);
        assertThat(count("incident")).isEqualTo(1);
    }

    @Test
    void shouldCloseTheFiringTwinWhenTheResolvedAlertArrives() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        Response resolved = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("resolved",
                "NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-20T10:00:00Z", "a1b2c3d4e5f60718",
                ", \"job\": \"node\", \"mountpoint\": \"/var\", \"instance\": \"rms-app-01:9100\""));

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("resolved").intValue()).isEqualTo(1);
        assertThat(count("alert")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM alert", String.class)).isEqualTo("resolved");
        assertThat(jdbc.queryForObject("SELECT ends_at IS NOT NULL FROM alert", Boolean.class)).isTrue();
    }

    @Test
    void shouldStoreAResolvedAlertWithoutTwinWithoutOpeningAnIncident() {
        Response resolved = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("resolved", "HostHighCpuLoad",
                "lms", "2026-11-20T09:00:00Z", "0000aaaa0000bbbb", ""));

        assertThat(resolved.status()).isEqualTo(200);
        assertThat(count("alert")).isEqualTo(1);
        assertThat(count("incident")).isZero();
    }

    @Test
    void shouldGroupFiringAlertsOfOneSystemIntoItsOpenIncident() {
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "lms"));
        post("/api/v1/alerts", "[" + AlertMother.genericAlert("HighLatency", "lms") + ","
                + AlertMother.genericAlert("HostHighCpuLoad", "rms") + "]");

        assertThat(count("incident")).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT alert_count FROM incident WHERE system_name = 'lms'", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void shouldDeriveTheFingerprintOfAGenericAlertSoARepeatIsADuplicate() {
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "lms"));
        Response again = post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "lms"));

        assertThat(again.json().get("duplicates").intValue()).isEqualTo(1);
        assertThat(count("alert")).isEqualTo(1);
    }

    @Test
    void shouldRefuseMalformedJsonAndStoreNothing() {
        Response response = post("/api/v1/alerts/alertmanager", "{\"alerts\": [ {\"status\": ");

        assertProblem(response, "");
        assertThat(response.json().get("detail").asString()).contains("not valid JSON");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldRefuseTheWholeBatchWhenOneAlertLacksARequiredFieldAndNameTheField() {
        String body = "[" + AlertMother.genericAlert("HighErrorRate", "lms")
                + ", {\"system\": \"lms\", \"severity\": \"warning\"}]";

        Response response = post("/api/v1/alerts", body);

        assertProblem(response, "[1].name");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldRefuseAWrongTypeAndNameTheField() {
        Response response = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostDown", "rms",
                "yesterday", "ffff", ""));

        assertProblem(response, "alerts[0].startsAt");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldRefuseAnUnknownSeverity() {
        Response response = post("/api/v1/alerts", "{\"name\": \"X\", \"system\": \"rms\", \"severity\": \"urgent\"}");

        assertProblem(response, "severity");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldRefuseAnAlertmanagerAlertWithoutASystem() {
        Response response = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostDown", "",
                "2026-11-20T10:00:00Z", "ffff", "").replace("\"system\": \"\",", ""));

        assertProblem(response, "alerts[0].labels");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldRefuseAnOversizedBodyAndStoreNothing() {
        String filler = "x".repeat(1024 * 1024 + 1000);
        Response response = post("/api/v1/alerts", "{\"name\": \"Big\", \"system\": \"rms\", \"annotations\": {\"a\": \""
                + filler + "\"}}");

        assertProblem(response, "");
        assertThat(response.json().get("detail").asString()).contains("larger than");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldAcceptGrafanaWebhookAlerts() {
        String body = """
                {"receiver": "triage", "status": "firing", "orgId": 1, "title": "[FIRING:1] HighErrorRate",
                 "state": "alerting", "message": "error rate high", "groupLabels": {}, "commonLabels": {},
                 "alerts": [{"status": "firing", "labels": {"alertname": "HighErrorRate", "service": "lms",
                   "grafana_folder": "LMS"}, "annotations": {"summary": "5xx above 5%"},
                   "startsAt": "2026-11-20T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "9f9f9f9f",
                   "values": {"A": 0.12}, "valueString": "[ var='A' value=0.12 ]"}]}
                """;

        Response response = post("/api/v1/alerts/grafana", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT system_name FROM alert", String.class)).isEqualTo("lms");
    }

    @Test
    void shouldRecogniseAReSentAlertWhoseStartHasNanoseconds() {
        String body = AlertMother.alertmanager("firing", "HostHighCpuLoad", "rms", "2026-11-20T10:00:35.826775066Z",
                "nano000000000001", "");

        post("/api/v1/alerts/alertmanager", body);
        Response again = post("/api/v1/alerts/alertmanager", body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicates").intValue()).isEqualTo(1);
        assertThat(count("alert")).isEqualTo(1);
    }

    @Test
    void shouldTreatARepeatedGenericAlertWithoutStartAsTheSameAlertAndResolveIt() {
        String firing = "{\"name\": \"QueueBacklog\", \"system\": \"lms\"}";

        post("/api/v1/alerts", firing);
        Response again = post("/api/v1/alerts", firing);
        Response resolved = post("/api/v1/alerts", "{\"name\": \"QueueBacklog\", \"system\": \"lms\", \"status\": \"resolved\"}");

        assertThat(again.json().get("duplicates").intValue()).isEqualTo(1);
        assertThat(resolved.json().get("resolved").intValue()).isEqualTo(1);
        assertThat(count("alert")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM alert", String.class)).isEqualTo("resolved");
    }

    @Test
    void shouldRefuseAnOverlongComponentLabelAndOversizedLabels() {
        Response component = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostDown", "rms",
                "2026-11-20T10:00:00Z", "long0001", ", \"component\": \"" + "c".repeat(201) + "\""));
        Response labels = post("/api/v1/alerts", "{\"name\": \"X\", \"system\": \"rms\", \"labels\": {\"big\": \""
                + "v".repeat(40_000) + "\"}}");

        assertProblem(component, "alerts[0].labels.component");
        assertProblem(labels, "labels");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldRefuseATimestampOutsideTheYearsTheDatabaseKeeps() {
        Response response = post("/api/v1/alerts", "{\"name\": \"X\", \"system\": \"rms\", \"startsAt\": \"+10000-01-01T00:00:00Z\"}");

        assertProblem(response, "startsAt");
        assertThat(signalRows()).isZero();
    }

    @Test
    void shouldKeepTextInAnyScriptAndFileEverySpellingOfASystemUnderItsCode() {
        post("/api/v1/logs", "{\"system\": \"lms\", \"level\": \"ERROR\", \"message\": \"Помилка реєстрації: 课程 🚫\"}");
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "RMS"));
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "rms"));

        assertThat(jdbc.queryForObject("SELECT message FROM log_event", String.class))
                .isEqualTo("Помилка реєстрації: 课程 🚫");
        assertThat(jdbc.queryForList("SELECT system_name FROM incident", String.class)).containsExactly("rms");
    }

    private static void assertProblem(Response response, String field) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains("nothing of this body was stored");
    }
}
