package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The diagnosis as outside callers read it: evidence split into what supports and what
 * weakens a cause, causes ruled out with their reason, questions best first with their gain
 * and why; and the rule behind any piece of evidence can be opened.
 */
@TriageIntegrationTest
class DiagnosisContractTests extends IntegrationTestSupport {

    private long incident;

    @BeforeEach
    void failingCourseRegistrationAfterARoleChange() {
        emptyIncidentsAndSignals();
        post("/api/v1/changes", "{\"system\":\"lms\",\"kind\":\"config\",\"description\":\"Reworked the permission grants"
                + " of the student roles\",\"timestamp\":\"2026-11-20T09:30:00Z\"}");
        post("/api/v1/metrics", "{\"system\":\"LMS\",\"metric\":\"workflow_success_rate\",\"value\":0.4,"
                + "\"labels\":{\"workflow\":\"course_registration\"},\"timestamp\":\"2026-11-20T09:59:00Z\"}");
        post("/api/v1/traces", "{\"system\":\"lms\",\"transaction\":\"POST /api/enrolments\",\"durationMs\":31000,"
                + "\"dbMs\":0,\"externalMs\":0,\"error\":true,\"timestamp\":\"2026-11-20T09:59:30Z\"}");
        assertThat(post("/api/v1/alerts/alertmanager", """
                {"version":"4","status":"firing","receiver":"triage","groupKey":"{}:{}","alerts":[{"status":"firing",
                 "labels":{"alertname":"CourseRegistrationErrors","service":"saypro-lms-prod","severity":"critical",
                 "workflow":"course_registration"},"annotations":{"summary":"Enrolment requests failing"},
                 "startsAt":"2026-11-20T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://prometheus:9090/graph?g0.expr=sum%28rate%28enrolment_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29"}]}
                """).status()).isEqualTo(200);
        incident = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
    }

    @Test
    void shouldSplitEachCandidatesEvidenceIntoSupportsAndWeakensWithRuleDescriptionAndFacts() {
        JsonNode diagnosis = get("/api/v1/incidents/" + incident + "/diagnosis").json();
        JsonNode top = diagnosis.get("candidates").get(0);
        assertThat(top.get("causeCode").asString()).isEqualTo("USER_ROLE_MISCONFIGURATION");
        for (JsonNode evidence : top.get("evidence")) {
            assertThat(evidence.get("rule").asString()).isNotBlank();
            assertThat(evidence.get("effect").asString()).isIn("supports", "weakens");
            assertThat(evidence.get("description").asString()).isNotBlank();
            assertThat(evidence.get("facts").isArray()).isTrue();
        }
        assertThat(top.get("confidence").doubleValue()).isBetween(0.0, 1.0);
    }

    @Test
    void shouldAskTheMostUsefulQuestionFirstWithItsGainAndWhy() {
        JsonNode questions = get("/api/v1/incidents/" + incident + "/diagnosis").json().get("questions");
        assertThat(questions).isNotEmpty();
        List<Double> gains = new ArrayList<>();
        for (JsonNode q : questions) {
            assertThat(q.get("code").asString()).isNotBlank();
            assertThat(q.get("options")).isNotEmpty();
            assertThat(q.get("why").asString()).isNotBlank();
            assertThat(q.get("gain").doubleValue()).isGreaterThanOrEqualTo(0);
            gains.add(q.get("gain").doubleValue());
        }
        assertThat(gains).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void shouldListACausePushedOutByAnAnswerUnderRuledOutWithItsReasonAndEvidence() {
        JsonNode after = post("/api/v1/incidents/" + incident + "/answers",
                "{\"question\":\"AFFECTED_ROLE\",\"answer\":\"no\"}").json();
        JsonNode diagnosis = after.has("candidates") ? after
                : get("/api/v1/incidents/" + incident + "/diagnosis").json();
        List<String> candidates = new ArrayList<>();
        diagnosis.get("candidates").forEach(c -> candidates.add(c.get("causeCode").asString()));
        JsonNode ruledOut = diagnosis.get("ruledOut");
        JsonNode roles = null;
        for (JsonNode r : ruledOut) {
            assertThat(r.get("causeCode").asString()).isNotBlank();
            assertThat(r.get("title").asString()).isNotBlank();
            assertThat(r.get("category").asString()).isNotBlank();
            assertThat(r.get("reason").asString()).isNotBlank();
            assertThat(r.get("evidence").isArray()).isTrue();
            if (r.get("causeCode").asString().equals("USER_ROLE_MISCONFIGURATION")) {
                roles = r;
            }
        }
        assertThat(candidates).doesNotContain("USER_ROLE_MISCONFIGURATION");
        assertThat(roles).as("roles ruled out in %s", ruledOut).isNotNull();
        assertThat(roles.get("evidence")).isNotEmpty();
        assertThat(roles.get("evidence").get(0).get("effect").asString()).isEqualTo("weakens");
    }

    @Test
    void shouldOpenTheRuleBehindAPieceOfEvidence() {
        JsonNode top = get("/api/v1/incidents/" + incident + "/diagnosis").json().get("candidates").get(0);
        String rule = top.get("evidence").get(0).get("rule").asString();
        Response page = get("/rules/source?rule=" + URLEncoder.encode(rule, StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("in-rule").contains("workflow/");
        assertThat(get("/rules/source?rule=" + URLEncoder.encode("No such rule", StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
    }

    @Test
    void shouldShowWhyNotAndTheQuestionsGainOnTheIncidentPage() {
        String page = get("/incidents/" + incident).body();
        assertThat(page).contains("Why not").contains("gain ").contains("/rules/source?rule=");
    }

    @Test
    void shouldRecordTheSignedInUserAsWhoAnsweredAndAuditTheAnswer() {
        assertThat(post("/api/v1/incidents/" + incident + "/answers",
                "{\"question\":\"DB_REACHABLE\",\"answer\":\"yes\",\"answeredBy\":\"someone-else\"}").status())
                .isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT answered_by FROM answer WHERE incident_id = ?", String.class, incident))
                .isEqualTo("admin");
        assertThat(get("/incidents/" + incident).body()).contains("by admin");
        assertThat(jdbc.queryForObject("SELECT actor FROM audit_event WHERE action = 'incident.answered'"
                + " AND target_id = ?", String.class, String.valueOf(incident))).isEqualTo("admin");
    }
}
