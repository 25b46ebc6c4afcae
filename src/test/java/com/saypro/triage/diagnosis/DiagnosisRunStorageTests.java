package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * A diagnosis run keeps its facts only while they say something new: more alerts of a kind
 * already in the evidence move the latest run on to the new facts revision instead of storing
 * another copy of the facts; a new ranking or an answer stores a new run; every run replays.
 */
@TriageIntegrationTest
class DiagnosisRunStorageTests extends IntegrationTestSupport {

    @Autowired
    DiagnosisService diagnoses;

    @Test
    void shouldStoreTheFactsAgainOnlyWhenTheRankingOrTheAnswersChange() {
        emptyIncidentsAndSignals();
        long id = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).json().get("incidents").get(0)
                .longValue();
        assertThat(get("/api/v1/incidents/" + id + "/diagnosis").json().get("candidates").get(0).get("causeCode")
                .stringValue()).isEqualTo("DISK_FULL");
        assertThat(runs(id)).isEqualTo(1);

        for (int host = 2; host <= 4; host++) {
            Response more = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing",
                    "NodeFilesystemAlmostOutOfSpace", "rms", "2026-11-20T10:0" + host + ":00Z", "storm-host-" + host,
                    ", \"job\": \"node\", \"mountpoint\": \"/var\", \"instance\": \"rms-app-0" + host + ":9100\""));
            assertThat(more.status()).isEqualTo(200);
            assertThat(get("/api/v1/incidents/" + id + "/diagnosis").json().get("stale").booleanValue()).isFalse();
        }
        int revision = jdbc.queryForObject("SELECT facts_revision FROM incident WHERE id = ?", Integer.class, id);
        assertThat(runs(id)).as("the same ranking from more of the same alerts").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT facts_revision FROM diagnosis_run WHERE incident_id = ?",
                Integer.class, id)).isEqualTo(revision);

        String question = get("/api/v1/incidents/" + id + "/diagnosis").json().get("questions").get(0).get("code")
                .stringValue();
        Response answered = post("/api/v1/incidents/" + id + "/answers",
                "{\"question\": \"" + question + "\", \"answer\": \"unknown\"}");
        assertThat(answered.status()).isEqualTo(200);
        assertThat(runs(id)).as("an answer is kept with the facts").isEqualTo(2);

        for (long run : jdbc.queryForList("SELECT id FROM diagnosis_run WHERE incident_id = ?", Long.class, id)) {
            assertThat(diagnoses.replay(run).identical()).isTrue();
        }
    }

    private int runs(long incident) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM diagnosis_run WHERE incident_id = ?", Integer.class,
                incident);
    }
}
