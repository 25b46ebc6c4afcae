package com.saypro.triage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

@TriageIntegrationTest
class IncidentLifecycleTests extends IntegrationTestSupport {

    @Autowired
    DiagnosisService diagnoses;

    @Test
    void shouldRecomputeTheDiagnosisWhenTheAnalystAnswersAQuestion() {
        long id = openSlowRoyaltyIncident();
        JsonNode before = get("/api/v1/incidents/" + id + "/diagnosis").json();
        assertThat(codes(before.get("questions"))).contains("SLOW_QUERY_LOG");

        Response answered = post("/api/v1/incidents/" + id + "/answers",
                "{\"question\": \"SLOW_QUERY_LOG\", \"answer\": \"yes\"}");

        assertThat(answered.status()).isEqualTo(200);
        JsonNode after = answered.json();
        assertThat(codes(after.get("questions"))).doesNotContain("SLOW_QUERY_LOG");
        assertThat(after.get("candidates").get(0).get("causeCode").asString()).isEqualTo("SLOW_DATABASE_QUERY");
        assertThat(after.get("candidates").get(0).get("confidence").doubleValue())
                .isGreaterThan(before.get("candidates").get(0).get("confidence").doubleValue());
        assertThat(get("/api/v1/incidents/" + id + "/diagnosis").json()).isEqualTo(after);
    }

    @Test
    void shouldRefuseAnAnswerToAnUnknownQuestionOrOutsideItsOptions() {
        long id = openSlowRoyaltyIncident();

        Response unknown = post("/api/v1/incidents/" + id + "/answers", "{\"question\": \"NOPE\", \"answer\": \"yes\"}");
        Response outside = post("/api/v1/incidents/" + id + "/answers",
                "{\"question\": \"SLOW_QUERY_LOG\", \"answer\": \"maybe\"}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("question");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("field").asString()).isEqualTo("answer");
        assertThat(count("answer")).isZero();
        assertThat(post("/api/v1/incidents/999999/answers", "{\"question\": \"SLOW_QUERY_LOG\", \"answer\": \"yes\"}")
                .status()).isEqualTo(404);
    }

    @Test
    void shouldReplayAStoredDiagnosisExactlyAfterTheIncidentChanged() {
        long id = openSlowRoyaltyIncident();
        get("/api/v1/incidents/" + id + "/diagnosis");
        long runId = jdbc.queryForObject("SELECT MAX(id) FROM diagnosis_run WHERE incident_id = ?", Long.class, id);
        post("/api/v1/logs", "{\"system\": \"rms\", \"level\": \"ERROR\", \"message\": \"Read timed out\","
                + " \"timestamp\": \"2026-11-20T10:01:00Z\"}");
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("resolved", "RoyaltyPaymentProcessingSlow", "rms",
                "2026-11-20T10:00:00Z", "royalty0000000001", ""));

        DiagnosisService.Replay replay = diagnoses.replay(runId);

        assertThat(replay.identical()).isTrue();
        assertThat(replay.replayed().candidates()).isNotEmpty();
    }

    @Test
    void shouldServeTheBoardWithTheOpenIncidentAndItsTopCause() {
        long id = openSlowRoyaltyIncident();
        diagnoses.recompute(id);

        Response board = get("/");
        Response rows = get("/", "HX-Request", "true");

        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).contains("Open incidents", "rms", "Inefficient database query");
        assertThat(rows.body()).doesNotContain("<html").contains("/incidents/" + id);
    }

    @Test
    void shouldEscapeAlertLabelsOnTheIncidentPage() {
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostHighCpuLoad", "lms",
                "2026-11-20T10:00:00Z", "cafe0000cafe0000", ", \"team\": \"<script>alert(1)</script>\""));
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();

        Response page = get("/incidents/" + id);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void shouldAnswerFromTheIncidentPageForm() {
        long id = openSlowRoyaltyIncident();

        Response response = postForm("/incidents/" + id + "/answers",
                "question=SLOW_QUERY_LOG&answer=" + URLEncoder.encode("yes", StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(302);
        assertThat(count("answer")).isEqualTo(1);
        assertThat(get("/incidents/" + id).body()).contains("Inefficient database query");
        assertThat(get("/incidents/424242").status()).isEqualTo(404);
    }

    @Test
    void shouldOpenANewIncidentForNewAlertsOnceTheOldOneIsResolved() {
        long first = openSlowRoyaltyIncident();

        Response resolved = post("/api/v1/incidents/" + first + "/resolve", "");
        post("/api/v1/alerts", AlertMother.genericAlert("HostHighCpuLoad", "rms"));

        assertThat(resolved.json().get("status").asString()).isEqualTo("verifying");
        assertThat(resolved.json().get("resolvedAt").isNull()).isFalse();
        JsonNode open = get("/api/v1/incidents?status=open").json();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("id").longValue()).isNotEqualTo(first);
        assertThat(get("/api/v1/incidents?status=resolved").json().get(0).get("id").longValue()).isEqualTo(first);
        assertThat(postForm("/incidents/" + first + "/resolve", "").status()).isEqualTo(302);
    }

    @Test
    void shouldShowTheAnswersGivenAndNoEndlessDiagnosingWhenNoCauseRemains() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();

        post("/api/v1/incidents/" + id + "/answers", "{\"question\": \"DISK_SPACE_OK\", \"answer\": \"yes\"}");

        assertThat(get("/incidents/" + id).body()).contains("Answered", "With the answers given");
        assertThat(get("/").body()).contains("no cause recognised yet").doesNotContain("diagnosing");
    }

    @Test
    void shouldAnswerAMissingIncidentPageWithTheHtmlErrorPageAndTheApiWithAProblem() {
        Response page = get("/incidents/99999", "Accept", "text/html");
        Response api = get("/api/v1/incidents/abc/diagnosis");
        Response parameter = get("/api/v1/incidents?status=bogus");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).contains("text/html");
        assertThat(page.body()).contains("There is no incident 99999");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.contentType()).contains("application/problem+json");
        assertThat(parameter.json().get("field").asString()).isEqualTo("status");
        assertThat(parameter.json().get("detail").asString()).doesNotContain("body");
    }

    @Test
    void shouldReportHealthUpWithTheRuleBaseVersion() {
        JsonNode health = get("/actuator/health").json();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("rules").get("details").get("version").asString()).isNotBlank();
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
    }

    /** Royalty payments slow, with nothing yet to say where the time goes: the questions decide. */
    private long openSlowRoyaltyIncident() {
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "RoyaltyPaymentProcessingSlow", "rms",
                "2026-11-20T10:00:00Z", "royalty0000000001", ", \"workflow\": \"royalty_payment\""));
        return get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
    }

    private static java.util.List<String> codes(JsonNode questions) {
        java.util.List<String> codes = new java.util.ArrayList<>();
        questions.forEach(q -> codes.add(q.get("code").asString()));
        return codes;
    }
}
