package com.saypro.triage.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.incident.IncidentLifecycle;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

@TriageIntegrationTest
class PlaybookRunTests extends IntegrationTestSupport {

    private static final String PASSWORD = "playbook-test-password";

    @Autowired
    UserAccounts users;
    @Autowired
    IncidentLifecycle lifecycle;

    @Test
    void shouldStartAPlaybookAndAnswerWithTheRunAndItsStepsAsTheyRead() {
        long id = openDiskFullIncident();

        Response started = start(id, "DISK_CLEANUP");

        assertThat(started.status()).isEqualTo(201);
        JsonNode run = started.json();
        assertThat(started.location()).isEqualTo("/api/v1/playbook-runs/" + run.get("id").longValue());
        assertThat(run.get("playbook").asString()).isEqualTo("DISK_CLEANUP");
        assertThat(run.get("title").asString()).isEqualTo("Free disk space on the affected host");
        assertThat(run.get("startedBy").asString()).isEqualTo("admin");
        assertThat(run.get("startedAt").asString()).isNotBlank();
        JsonNode steps = run.get("steps");
        assertThat(steps).hasSize(6);
        assertThat(steps.get(0).get("position").intValue()).isEqualTo(1);
        assertThat(steps.get(0).get("kind").asString()).isEqualTo("check");
        assertThat(steps.get(0).get("text").asString()).contains("df -h");
        assertThat(steps.get(0).get("answers").asString()).isEqualTo("DISK_SPACE_OK");
        assertThat(steps.get(2).get("kind").asString()).isEqualTo("fix");
        assertThat(steps.get(5).get("kind").asString()).isEqualTo("verify");
        for (String field : List.of("outcome", "note", "by", "at", "finding")) {
            assertThat(steps.get(0).get(field).isNull()).as(field).isTrue();
        }
        assertThat(get("/api/v1/incidents/" + id + "/playbook-runs").json()).containsExactly(run);
        assertThat(get("/api/v1/playbook-runs/" + run.get("id").longValue()).json()).isEqualTo(run);
        assertThat(timeline(id, "playbook")).containsExactly("admin: started playbook Free disk space on the affected"
                + " host (6 steps)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'playbook.started'"
                + " AND actor = 'admin' AND target_id = ?", Integer.class, String.valueOf(run.get("id").longValue())))
                .isEqualTo(1);
    }

    @Test
    void shouldRecordAStepWithWhoAndWhenAndCountTheLatestOfSeveralRecordings() {
        long id = openDiskFullIncident();
        long run = start(id, "DISK_CLEANUP").json().get("id").longValue();
        Session analyst = signInAs("ana", Role.ANALYST);

        Response first = analyst.postJson("/api/v1/playbook-runs/" + run + "/steps/2",
                "{\"outcome\": \"failed\", \"note\": \"du hangs on the NFS mount\"}");
        Response again = post("/api/v1/playbook-runs/" + run + "/steps/2",
                "{\"outcome\": \"done\", \"note\": \"/var/log/app grew to 40 GB\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("steps").get(1).get("by").asString()).isEqualTo("ana");
        assertThat(again.status()).isEqualTo(200);
        JsonNode step = again.json().get("steps").get(1);
        assertThat(step.get("outcome").asString()).isEqualTo("done");
        assertThat(step.get("note").asString()).isEqualTo("/var/log/app grew to 40 GB");
        assertThat(step.get("by").asString()).isEqualTo("admin");
        assertThat(step.get("at").asString()).isNotBlank();
        assertThat(again.json().get("steps").get(0).get("outcome").isNull()).isTrue();
        assertThat(timeline(id, "playbook")).containsExactly(
                "admin: started playbook Free disk space on the affected host (6 steps)",
                "ana: Free disk space on the affected host, step 2 of 6 (check): failed; note: du hangs on the NFS mount",
                "admin: Free disk space on the affected host, step 2 of 6 (check): done; note: /var/log/app grew to 40 GB");
        assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE action = 'playbook.step-recorded' ORDER BY id",
                String.class)).containsExactly("ana", "admin");
    }

    @Test
    void shouldGiveACheckStepsFindingAsTheAnswerSoTheDiagnosisChangesAtOnce() {
        long id = openSlowRoyaltyIncident();
        JsonNode before = get("/api/v1/incidents/" + id + "/diagnosis").json();
        assertThat(before.get("candidates").get(0).get("causeCode").asString()).isEqualTo("SLOW_DATABASE_QUERY");
        long run = start(id, "QUERY_OPTIMISATION").json().get("id").longValue();

        Response recorded = post("/api/v1/playbook-runs/" + run + "/steps/1", "{\"outcome\": \"done\","
                + " \"note\": \"nothing over 200 ms\", \"finding\": {\"question\": \"SLOW_QUERY_LOG\", \"answer\": \"no\"}}");

        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.json().get("steps").get(0).get("finding").get("answer").asString()).isEqualTo("no");
        JsonNode after = get("/api/v1/incidents/" + id + "/diagnosis").json();
        assertThat(after.get("candidates").get(0).get("causeCode").asString()).isNotEqualTo("SLOW_DATABASE_QUERY");
        assertThat(causeCodes(after.get("ruledOut"))).contains("SLOW_DATABASE_QUERY");
        assertThat(codesOf(after.get("questions"))).doesNotContain("SLOW_QUERY_LOG");
        assertThat(jdbc.queryForObject("SELECT answered_by FROM answer WHERE incident_id = ?", String.class, id))
                .isEqualTo("admin");
        assertThat(timeline(id, "answer")).hasSize(1);
    }

    @Test
    void shouldRefuseAnUnknownPlaybookAndFindingsThatTheStepDoesNotAnswer() {
        long id = openDiskFullIncident();
        long run = start(id, "DISK_CLEANUP").json().get("id").longValue();
        String steps = "/api/v1/playbook-runs/" + run + "/steps/";

        assertRefused(start(id, "NO_SUCH_PLAYBOOK"), "playbook");
        assertRefused(post("/api/v1/incidents/" + id + "/playbook-runs", "{}"), "playbook");
        assertRefused(post(steps + "1", "{\"outcome\": \"finished\"}"), "outcome");
        assertRefused(post(steps + "1", finding("done", "SLOW_QUERY_LOG", "no")), "finding.question");
        assertRefused(post(steps + "1", finding("done", "DISK_SPACE_OK", "maybe")), "finding.answer");
        assertRefused(post(steps + "1", finding("skipped", "DISK_SPACE_OK", "no")), "finding");
        assertRefused(post(steps + "3", finding("done", "DISK_SPACE_OK", "no")), "finding");
        assertThat(post(steps + "7", "{\"outcome\": \"done\"}").status()).isEqualTo(404);
        assertThat(post("/api/v1/playbook-runs/999999/steps/1", "{\"outcome\": \"done\"}").status()).isEqualTo(404);
        assertThat(start(999999, "DISK_CLEANUP").status()).isEqualTo(404);
        assertThat(count("answer")).isZero();
        assertThat(get("/api/v1/playbook-runs/" + run).json().get("steps").get(0).get("outcome").isNull()).isTrue();
        assertThat(timeline(id, "playbook")).hasSize(1);
    }

    @Test
    void shouldRefusePlaybookWorkOnAResolvedOrClosedIncident() {
        long id = openDiskFullIncident();
        long run = start(id, "DISK_CLEANUP").json().get("id").longValue();
        post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\"}");

        Response whileVerifying = post("/api/v1/playbook-runs/" + run + "/steps/1", "{\"outcome\": \"done\"}");
        lifecycle.closeQuietOnes(Instant.now().plus(Duration.ofDays(1)));
        Response startWhenClosed = start(id, "DISK_CLEANUP");
        Response stepWhenClosed = post("/api/v1/playbook-runs/" + run + "/steps/1", "{\"outcome\": \"done\"}");

        assertThat(whileVerifying.status()).isEqualTo(409);
        assertThat(get("/api/v1/incidents/" + id).json().get("status").asString()).isEqualTo("closed");
        assertThat(startWhenClosed.status()).isEqualTo(409);
        assertThat(startWhenClosed.contentType()).contains("application/problem+json");
        assertThat(stepWhenClosed.status()).isEqualTo(409);
        assertThat(get("/api/v1/incidents/" + id + "/playbook-runs").json()).hasSize(1);
    }

    @Test
    void shouldLetOnlyAnalystsStartPlaybooksAndRecordSteps() {
        long id = openDiskFullIncident();
        long run = start(id, "DISK_CLEANUP").json().get("id").longValue();

        for (Role role : List.of(Role.REVIEWER, Role.ENGINEER)) {
            Session session = signInAs(role.name().toLowerCase() + "-user", role);
            assertThat(session.postJson("/api/v1/incidents/" + id + "/playbook-runs", "{\"playbook\": \"DISK_CLEANUP\"}")
                    .status()).as(role.name()).isEqualTo(403);
            assertThat(session.postJson("/api/v1/playbook-runs/" + run + "/steps/1", "{\"outcome\": \"done\"}")
                    .status()).as(role.name()).isEqualTo(403);
            assertThat(session.postForm("/incidents/" + id + "/playbook-runs", "playbook=DISK_CLEANUP").status())
                    .as(role.name()).isEqualTo(403);
            assertThat(session.get("/incidents/" + id).body()).as(role.name())
                    .contains("Free disk space on the affected host").doesNotContain("Start this playbook", "step-form");
        }
        assertThat(get("/api/v1/incidents/" + id + "/playbook-runs").json()).hasSize(1);
    }

    @Test
    void shouldKeepTheStepsOfARunAsTheyReadWhenThePlaybookIsEditedLater() {
        long id = openDiskFullIncident();
        long run = start(id, "DISK_CLEANUP").json().get("id").longValue();
        String text = jdbc.queryForObject("SELECT text FROM playbook_step WHERE playbook_code = 'DISK_CLEANUP'"
                + " AND position = 1", String.class);
        try {
            jdbc.update("UPDATE playbook_step SET text = 'Edited later' WHERE playbook_code = 'DISK_CLEANUP'"
                    + " AND position = 1");

            assertThat(get("/api/v1/playbook-runs/" + run).json().get("steps").get(0).get("text").asString())
                    .isEqualTo(text);
            assertThat(start(id, "DISK_CLEANUP").json().get("steps").get(0).get("text").asString())
                    .isEqualTo("Edited later");
        } finally {
            jdbc.update("UPDATE playbook_step SET text = ? WHERE playbook_code = 'DISK_CLEANUP' AND position = 1", text);
        }
    }

    @Test
    void shouldStartAndRecordAPlaybookFromTheIncidentPageAndShowItsProgressOnTheBoard() {
        long id = openDiskFullIncident();
        Session analyst = signInAs("ana", Role.ANALYST);
        String page = analyst.get("/incidents/" + id).body();
        assertThat(page).contains("Start this playbook", "action=\"/incidents/" + id + "/playbook-runs\"");

        Response started = analyst.postForm("/incidents/" + id + "/playbook-runs", "playbook=DISK_CLEANUP");
        long run = get("/api/v1/incidents/" + id + "/playbook-runs").json().get(0).get("id").longValue();
        Response step = analyst.postForm("/incidents/" + id + "/playbook-runs/" + run + "/steps/1",
                "outcome=done&note=%2Fvar+at+97%25&finding=no");
        Response noCsrf = analyst.postFormWithToken("/incidents/" + id + "/playbook-runs/" + run + "/steps/2",
                "outcome=done", null);

        assertThat(started.status()).isEqualTo(302);
        assertThat(started.location()).endsWith("/incidents/" + id + "#run-" + run);
        assertThat(step.status()).isEqualTo(302);
        assertThat(noCsrf.status()).isEqualTo(403);
        JsonNode recorded = get("/api/v1/playbook-runs/" + run).json().get("steps").get(0);
        assertThat(recorded.get("outcome").asString()).isEqualTo("done");
        assertThat(recorded.get("note").asString()).isEqualTo("/var at 97%");
        assertThat(recorded.get("by").asString()).isEqualTo("ana");
        assertThat(recorded.get("finding").get("question").asString()).isEqualTo("DISK_SPACE_OK");
        assertThat(count("answer")).isEqualTo(1);
        String after = analyst.get("/incidents/" + id).body();
        assertThat(after).contains("1 of 6 steps", "id=\"run-" + run + "-step-1\"", "name=\"finding\"",
                "/var at 97%", "name=\"_csrf\"").doesNotContain("style=", "<script>");
        assertThat(analyst.get("/").body()).contains("playbook 1/6");
    }

    private long openDiskFullIncident() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        return get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
    }

    private long openSlowRoyaltyIncident() {
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "RoyaltyPaymentProcessingSlow", "rms",
                "2026-11-20T10:00:00Z", "royalty0000000001", ", \"workflow\": \"royalty_payment\""));
        return get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
    }

    private Response start(long incident, String playbook) {
        return post("/api/v1/incidents/" + incident + "/playbook-runs", "{\"playbook\": \"" + playbook + "\"}");
    }

    private Session signInAs(String username, Role role) {
        users.create(username, username, PASSWORD, Set.of(role));
        return signIn(username, PASSWORD);
    }

    private static String finding(String outcome, String question, String answer) {
        return "{\"outcome\": \"" + outcome + "\", \"finding\": {\"question\": \"" + question + "\", \"answer\": \""
                + answer + "\"}}";
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }

    /** The incident's timeline entries of one kind, as "actor: summary". */
    private List<String> timeline(long incident, String kind) {
        List<String> entries = new ArrayList<>();
        get("/api/v1/incidents/" + incident + "/timeline").json().forEach(e -> {
            if (e.get("kind").asString().equals(kind)) {
                entries.add(e.get("actor").asString() + ": " + e.get("summary").asString());
            }
        });
        return entries;
    }

    private static List<String> causeCodes(JsonNode causes) {
        List<String> codes = new ArrayList<>();
        causes.forEach(c -> codes.add(c.get("causeCode").asString()));
        return codes;
    }

    private static List<String> codesOf(JsonNode questions) {
        List<String> codes = new ArrayList<>();
        questions.forEach(q -> codes.add(q.get("code").asString()));
        return codes;
    }
}
