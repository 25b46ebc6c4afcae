package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * A start diagnoses every open incident again from the database, in the background (the
 * periodic pass hands them to the worker; each pass here waits until the worker is done).
 */
@TriageIntegrationTest
class DiagnosisAfterRestartTests extends IntegrationTestSupport {

    @Autowired
    DiagnosisRefresher refresher;

    @Autowired
    DiagnosisWorker worker;

    @Autowired
    RuleBase ruleBase;

    @Test
    void shouldDiagnoseOpenIncidentsAgainAfterAStartButNotResolvedOnes() {
        long open = openIncident("rms");
        long resolved = openIncident("lms");
        post("/api/v1/incidents/" + resolved + "/resolve", "");
        pass();
        int openRuns = runs(open);
        int resolvedRuns = runs(resolved);

        refresher.diagnoseOpenIncidentsAgain();
        pass();

        assertThat(runs(open)).isEqualTo(openRuns + 1);
        assertThat(runs(resolved)).isEqualTo(resolvedRuns);
        assertThat(jdbc.queryForObject("SELECT diagnosed_version FROM incident WHERE id = ?", String.class, open))
                .isEqualTo(ruleBase.current().version());
        pass();
        assertThat(runs(open)).as("a current diagnosis is not computed again").isEqualTo(openRuns + 1);
    }

    private void pass() {
        refresher.refreshStaleDiagnoses();
        assertThat(worker.awaitIdle(Duration.ofSeconds(60))).isTrue();
    }

    private long openIncident(String system) {
        return post("/api/v1/alerts", AlertMother.genericAlert("HostOutOfDiskSpace", system)).json().get("incidents")
                .get(0).longValue();
    }

    private int runs(long incidentId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM diagnosis_run WHERE incident_id = ?", Integer.class,
                incidentId);
    }
}
