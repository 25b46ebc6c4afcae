package com.saypro.triage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.diagnosis.DiagnosisWorker;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The analyst's workflow through the API: acknowledge, resolve, verify, close, reopen; the
 * refusals; grouping of alerts into incidents; merge and split; and the timeline that records
 * every step with who took it.
 */
@TriageIntegrationTest
class IncidentWorkflowTests extends IntegrationTestSupport {

    @Autowired
    IncidentLifecycle lifecycle;

    @Autowired
    UserAccounts users;

    @Autowired
    DiagnosisWorker diagnoses;

    @Test
    void shouldTakeAnIncidentFromOpenThroughAcknowledgedAndVerifyingToClosedAndRecordEachStep() {
        long id = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");
        users.create("ana", "Ana", "ana-password", Set.of(Role.ANALYST));

        JsonNode acknowledged = post("/api/v1/incidents/" + id + "/acknowledge", "{\"assignee\": \"ana\"}").json();
        JsonNode reassigned = post("/api/v1/incidents/" + id + "/acknowledge", "{}").json();
        JsonNode resolved = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\", \"fix\": \"rotated the logs\"}").json();

        assertThat(acknowledged.get("status").asString()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("assignee").asString()).isEqualTo("ana");
        assertThat(reassigned.get("assignee").asString()).as("default: the caller").isEqualTo("admin");
        assertThat(resolved.get("status").asString()).isEqualTo("verifying");
        assertThat(resolved.get("resolution").get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(resolved.get("secondsToAcknowledge").isNumber()).isTrue();
        assertThat(resolved.get("fixHeld").isNull()).isTrue();

        Instant resolvedAt = Instant.parse(resolved.get("resolvedAt").asString());
        Instant verifyUntil = Instant.parse(resolved.get("verifyUntil").asString());
        assertThat(java.time.Duration.between(resolvedAt, verifyUntil)).as("rms's verifyWindow in systems.yaml")
                .isEqualTo(java.time.Duration.ofHours(2));
        lifecycle.closeQuietOnes(verifyUntil.minusSeconds(1));
        assertThat(get("/api/v1/incidents/" + id).json().get("status").asString()).isEqualTo("verifying");
        lifecycle.closeQuietOnes(verifyUntil.plusSeconds(1));
        assertThat(post("/api/v1/incidents/" + id + "/notes", "{\"text\": \"logrotate was off since 4.2\"}").status())
                .isEqualTo(200);
        assertThat(post("/api/v1/incidents/" + id + "/notes", "{\"text\": \"  \"}").status()).isEqualTo(400);

        JsonNode closed = get("/api/v1/incidents/" + id).json();
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("fixHeld").booleanValue()).isTrue();
        assertThat(closed.get("secondsToClose").isNumber()).isTrue();
        JsonNode timeline = get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(summaries(timeline)).anyMatch(s -> s.startsWith("acknowledged; assigned to ana"))
                .anyMatch(s -> s.startsWith("reassigned from ana to admin"))
                .anyMatch(s -> s.startsWith("resolved: root cause Disk or filesystem full; fix: rotated the logs"))
                .anyMatch(s -> s.startsWith("closed: no recurrence"))
                .anyMatch(s -> s.equals("logrotate was off since 4.2"))
                .anyMatch(s -> s.startsWith("alert NodeFilesystemAlmostOutOfSpace fired"));
        assertThat(actorOf(timeline, "acknowledged")).isEqualTo("admin");
        assertThat(actorOf(timeline, "closed")).isEqualTo("system");
        assertThat(timeline.get(0).has("at")).isTrue();
    }

    @Test
    void shouldRefuseWhatTheStateDoesNotAllowWithAClearProblem() {
        long id = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");

        Response noCause = post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"confirmed\"}");
        Response unknownCause = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"NOT_A_REAL_CAUSE\"}");
        Response nobody = post("/api/v1/incidents/" + id + "/acknowledge", "{\"assignee\": \"nobody-here\"}");
        assertThat(noCause.status()).isEqualTo(422);
        assertThat(noCause.json().get("field").asString()).isEqualTo("causeCode");
        assertThat(unknownCause.status()).isEqualTo(422);
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(get("/api/v1/incidents/" + id).json().get("status").asString()).isEqualTo("open");

        assertThat(post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"false_alarm\"}").status())
                .isEqualTo(200);
        Response acknowledge = post("/api/v1/incidents/" + id + "/acknowledge", "{}");
        Response answer = post("/api/v1/incidents/" + id + "/answers", "{\"question\": \"DISK_SPACE_OK\", \"answer\": \"yes\"}");
        Response again = post("/api/v1/incidents/" + id + "/resolve", "{}");

        assertThat(acknowledge.status()).isEqualTo(409);
        assertThat(answer.status()).isEqualTo(409);
        assertThat(again.status()).isEqualTo(409);
        assertThat(acknowledge.contentType()).contains("problem+json");
        assertThat(count("answer")).isZero();
    }

    @Test
    void shouldReopenAVerifyingIncidentWhenItsAlertFiresAgainAndRecordThatTheFixDidNotHold() {
        long id = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");
        post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\"}");

        long again = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:20:00Z", "disk-1");

        assertThat(again).isEqualTo(id);
        JsonNode reopened = get("/api/v1/incidents/" + id).json();
        assertThat(reopened.get("status").asString()).isEqualTo("open");
        assertThat(reopened.get("reopened").booleanValue()).isTrue();
        assertThat(reopened.get("fixHeld").booleanValue()).isFalse();
        assertThat(summaries(get("/api/v1/incidents/" + id + "/timeline").json()))
                .anyMatch(s -> s.startsWith("reopened: alert NodeFilesystemAlmostOutOfSpace fired again"));
    }

    @Test
    void shouldKeepAResolvedIncidentsDiagnosisAsItWasWhenItsFactsAndTheRulesChangeLater() {
        long id = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");
        post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"unknown\"}");
        String atResolution = get("/api/v1/incidents/" + id + "/diagnosis").body();

        post("/api/v1/logs", "{\"system\": \"rms\", \"level\": \"ERROR\", \"message\": \"No space left on device\","
                + " \"timestamp\": \"2026-11-25T10:05:00Z\"}");
        jdbc.update("UPDATE incident SET facts_revision = facts_revision + 1 WHERE id = ?", id);
        // The rules change: the record was made with a rule base that is no longer the one in use.
        jdbc.update("UPDATE diagnosis_run SET rule_base_version = 'rules-of-last-week' WHERE incident_id = ?", id);
        jdbc.update("UPDATE incident SET diagnosed_version = 'rules-of-last-week' WHERE id = ?", id);
        int runs = count("diagnosis_run");
        diagnoses.queueStale(50);
        assertThat(diagnoses.awaitIdle(Duration.ofSeconds(60))).isTrue();

        assertThat(get("/api/v1/incidents/" + id + "/diagnosis").body()).isEqualTo(atResolution);
        assertThat(count("diagnosis_run")).as("nothing diagnosed again").isEqualTo(runs);
        Response today = get("/api/v1/incidents/" + id + "/diagnosis?rules=current");
        assertThat(today.status()).isEqualTo(200);
        assertThat(today.json().get("candidates").get(0).get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(get("/api/v1/incidents/" + id + "/diagnosis").body()).as("still the record").isEqualTo(atResolution);
    }

    @Test
    void shouldGroupRelatedAlertsAndOpenANewIncidentForAnUnrelatedOneOutsideTheWindow() {
        long disk = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");
        long sameName = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-27T09:00:00Z", "disk-2");
        long sameFamily = alert("HostOutOfDiskSpace", "rms", "2026-11-27T12:00:00Z", "disk-3");
        long closeInTime = alert("HostHighCpuLoad", "rms", "2026-11-27T12:10:00Z", "cpu-1");
        long unrelatedLater = alert("RoyaltyPaymentProcessingSlow", "rms", "2026-11-28T09:00:00Z", "royalty-1");
        long otherSystem = alert("HostHighCpuLoad", "lms", "2026-11-27T12:10:00Z", "cpu-2");

        assertThat(sameName).isEqualTo(disk);
        assertThat(sameFamily).as("a full disk by another alert's name").isEqualTo(disk);
        assertThat(closeInTime).as("within the correlation window of the newest alert").isEqualTo(disk);
        assertThat(unrelatedLater).as("unrelated and a day later").isNotEqualTo(disk);
        assertThat(otherSystem).isNotIn(disk, unrelatedLater);
        assertThat(get("/api/v1/incidents/" + disk).json().get("alertCount").intValue()).isEqualTo(4);
    }

    @Test
    void shouldMergeTwoIncidentsOfASystemAndSplitAlertsOffIntoANewOne() {
        long disk = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");
        long royalty = alert("RoyaltyPaymentProcessingSlow", "rms", "2026-11-28T09:00:00Z", "royalty-1");
        long lms = alert("HostHighCpuLoad", "lms", "2026-11-28T09:00:00Z", "cpu-2");

        Response acrossSystems = post("/api/v1/incidents/" + disk + "/merge", "{\"incidents\": [" + lms + "]}");
        JsonNode merged = post("/api/v1/incidents/" + disk + "/merge", "{\"incidents\": [" + royalty + "]}").json();

        assertThat(acrossSystems.status()).isEqualTo(422);
        assertThat(merged.get("alertCount").intValue()).isEqualTo(2);
        JsonNode source = get("/api/v1/incidents/" + royalty).json();
        assertThat(source.get("status").asString()).isEqualTo("closed");
        assertThat(source.get("mergedInto").longValue()).isEqualTo(disk);
        assertThat(namesHeldBy(disk)).containsExactly("NodeFilesystemAlmostOutOfSpace", "RoyaltyPaymentProcessingSlow");
        assertThat(namesHeldBy(royalty)).isEmpty();

        long royaltyAlert = jdbc.queryForObject("SELECT id FROM alert WHERE name = 'RoyaltyPaymentProcessingSlow'",
                Long.class);
        Response split = post("/api/v1/incidents/" + disk + "/split", "{\"alerts\": [" + royaltyAlert + "]}");
        Response all = post("/api/v1/incidents/" + disk + "/split", "{\"alerts\": ["
                + jdbc.queryForObject("SELECT id FROM alert WHERE name = 'NodeFilesystemAlmostOutOfSpace'", Long.class)
                + "]}");

        assertThat(split.status()).isEqualTo(201);
        long created = split.json().get("id").longValue();
        assertThat(jdbc.queryForObject("SELECT incident_id FROM alert WHERE id = ?", Long.class, royaltyAlert))
                .isEqualTo(created);
        assertThat(all.status()).as("the last alert stays").isEqualTo(400);
        // The names each incident holds follow its alerts (similar past incidents are found through them).
        assertThat(namesHeldBy(disk)).containsExactly("NodeFilesystemAlmostOutOfSpace");
        assertThat(namesHeldBy(created)).containsExactly("RoyaltyPaymentProcessingSlow");
        assertThat(namesHeldBy(lms)).containsExactly("HostHighCpuLoad");
        assertThat(summaries(get("/api/v1/incidents/" + disk + "/timeline").json()))
                .anyMatch(s -> s.startsWith("incident " + royalty + " merged in"))
                .anyMatch(s -> s.startsWith("1 alerts split off into incident " + created));
        assertThat(summaries(get("/api/v1/incidents/" + created + "/timeline").json()))
                .anyMatch(s -> s.startsWith("split off incident " + disk));
    }

    @Test
    void shouldLetTheTitleFollowTheTopCause() {
        long id = alert("NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-25T10:00:00Z", "disk-1");
        get("/api/v1/incidents/" + id + "/diagnosis");

        assertThat(get("/api/v1/incidents/" + id).json().get("title").asString())
                .isEqualTo("Disk or filesystem full: NodeFilesystemAlmostOutOfSpace");
    }

    /** Posts one firing alert and returns the incident it joined. */
    private long alert(String name, String system, String startsAt, String fingerprint) {
        Response response = post("/api/v1/alerts/alertmanager",
                AlertMother.alertmanager("firing", name, system, startsAt, fingerprint, ""));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("incidents").get(0).longValue();
    }

    private List<String> namesHeldBy(long incident) {
        return jdbc.queryForList("SELECT name FROM incident_alert_name WHERE incident_id = ? ORDER BY name", String.class,
                incident);
    }

    private static List<String> summaries(JsonNode timeline) {
        List<String> summaries = new ArrayList<>();
        timeline.forEach(e -> summaries.add(e.get("summary").asString()));
        return summaries;
    }

    private static String actorOf(JsonNode timeline, String summaryStart) {
        for (JsonNode e : timeline) {
            if (e.get("summary").asString().startsWith(summaryStart)) {
                return e.get("actor").asString();
            }
        }
        return null;
    }
}
