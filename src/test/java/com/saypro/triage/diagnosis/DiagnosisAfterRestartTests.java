package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/** A start diagnoses every open incident again from the database, in the background. */
@TriageIntegrationTest
class DiagnosisAfterRestartTests extends IntegrationTestSupport {

    @Autowired
    DiagnosisRefresher refresher;

    @Autowired
    RuleBase ruleBase;

    @Test
    void shouldDiagnoseOpenIncidentsAgainAfterAStartButNotResolvedOnes() {
        long open = openIncident("rms");
        long resolved = openIncident("lms");
        post("/api/v1/incidents/" + resolved + "/resolve", "");
        refresher.refreshStaleDiagnoses();
        int openRuns = runs(open);
        int resolvedRuns = runs(resolved);

        refresher.diagnoseOpenIncidentsAgain();
        refresher.refreshStaleDiagnoses();

        assertThat(runs(open)).isEqualTo(openRuns + 1);
        assertThat(runs(resolved)).isEqualTo(resolvedRuns);
        assertThat(jdbc.queryForObject("SELECT diagnosed_version FROM incident WHERE id = ?", String.class, open))
                .isEqualTo(ruleBase.current().version());
        refresher.refreshStaleDiagnoses();
        assertThat(runs(open)).as("a current diagnosis is not computed again").isEqualTo(openRuns + 1);
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
