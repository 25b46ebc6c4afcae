package com.saypro.triage.learning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Learning from resolved incidents: a cause the rules ranked low but that was confirmed again
 * and again on a system rises for the next incident with the same signals, says why, and one
 * contrary confirmation does not flip it back; similar past incidents are listed.
 */
@TriageIntegrationTest
class LearningTests extends IntegrationTestSupport {

    private static final String ALERT = "HighRequestLatency";
    private int round;

    @Test
    void shouldRankACauseConfirmedAgainAndAgainHigherForTheSameSignalsAndStayBounded() {
        long first = incident();
        JsonNode before = diagnosis(first);
        String ruled = before.get("candidates").get(0).get("causeCode").asString();
        String confirmed = before.get("candidates").get(2).get("causeCode").asString();
        int rankBefore = rank(before, confirmed);
        resolveAndClose(first, confirmed);
        for (int i = 0; i < 3; i++) {
            long next = incident();
            assertThat(rank(diagnosis(next), confirmed)).isGreaterThan(0);
            resolveAndClose(next, confirmed);
        }

        long learnedFrom = incident();
        JsonNode after = diagnosis(learnedFrom);

        assertThat(rankBefore).isEqualTo(3);
        assertThat(rank(after, confirmed)).as(after.toString()).isEqualTo(1);
        JsonNode top = after.get("candidates").get(0);
        assertThat(top.get("priorNote").asString()).isEqualTo("confirmed in 4 of the last 4 similar incidents on rms");
        assertThat(top.get("prior").doubleValue()).isGreaterThan(before.get("candidates").get(2).get("prior").doubleValue());
        assertThat(candidate(after, ruled).get("priorNote").asString())
                .isEqualTo("ranked first but not confirmed in 1 of the last 4 similar incidents on rms");
        assertThat(signIn("admin", ADMIN_PASSWORD).get("/incidents/" + learnedFrom).body())
                .contains("confirmed in 4 of the last 4 similar incidents on rms", "Similar past incidents");

        resolveAndClose(learnedFrom, ruled);
        JsonNode contrary = diagnosis(incident());

        assertThat(rank(contrary, confirmed)).as("one contrary confirmation does not flip it back").isEqualTo(1);
        assertThat(candidate(contrary, confirmed).get("priorNote").asString())
                .isEqualTo("confirmed in 4 of the last 5 similar incidents on rms");
    }

    @Test
    void shouldListSimilarPastIncidentsWithTheirResolution() {
        long past = incident();
        resolveAndClose(past, diagnosis(past).get("candidates").get(0).get("causeCode").asString());
        long other = incident("rms", "NodeFilesystemAlmostOutOfSpace");
        resolveAndClose(other, "DISK_FULL");
        long now = incident();

        JsonNode similar = get("/api/v1/incidents/" + now + "/similar").json();

        assertThat(similar.size()).as(similar.toString()).isGreaterThanOrEqualTo(1);
        assertThat(similar.get(0).get("id").longValue()).isEqualTo(past);
        assertThat(similar.get(0).get("system").asString()).isEqualTo("rms");
        assertThat(similar.get(0).get("similarity").doubleValue()).isGreaterThan(0.9);
        assertThat(similar.get(0).get("confirmedCause").asString()).isNotBlank();
        assertThat(similar.get(0).get("resolvedAt").asString()).isNotBlank();
        for (JsonNode s : similar) {
            if (s.get("id").longValue() == other) {
                assertThat(s.get("similarity").doubleValue()).isLessThan(similar.get(0).get("similarity").doubleValue());
            }
        }
        assertThat(get("/api/v1/incidents/999999/similar").status()).isEqualTo(404);

        long postmortem = post("/api/v1/incidents/" + past + "/postmortem", "").json().get("id").longValue();
        assertThat(signIn("admin", ADMIN_PASSWORD).get("/incidents/" + now).body())
                .contains("Similar past incidents", "href=\"/postmortems/" + postmortem + "\"", "post-mortem (draft)");
    }

    private long incident() {
        return incident("rms", ALERT);
    }

    private long incident(String system, String alert) {
        round++;
        Response response = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", alert, system,
                "2026-11-2" + (round % 9) + "T1" + (round % 10) + ":00:00Z", "learn-" + round + "-" + alert, ""));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("incidents").get(0).longValue();
    }

    private JsonNode diagnosis(long id) {
        return get("/api/v1/incidents/" + id + "/diagnosis").json();
    }

    /** Resolved with the cause confirmed, then closed as it would be once its verify window passed quietly. */
    private void resolveAndClose(long id, String cause) {
        Response resolved = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"" + cause + "\", \"fix\": \"scaled out\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        jdbc.update("UPDATE incident SET status = 'CLOSED', closed_at = resolved_at, verify_until = NULL WHERE id = ?", id);
    }

    private static int rank(JsonNode diagnosis, String cause) {
        JsonNode c = candidate(diagnosis, cause);
        return c == null ? 0 : c.get("rank").intValue();
    }

    private static JsonNode candidate(JsonNode diagnosis, String cause) {
        for (JsonNode c : diagnosis.get("candidates")) {
            if (c.get("causeCode").asString().equals(cause)) {
                return c;
            }
        }
        return null;
    }
}
