package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.rules.RuleBase;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldDiagnoseOpenIncidentsAgainAfterAStartButNotResolvedOnes() {
        long open = openIncident("rms");
        long resolved = openIncident("lms");
        post("/api/v1/incidents/" + resolved + "/resolve", "");
        pass();
        long computed = computed();
        int resolvedRuns = runs(resolved);

        refresher.diagnoseOpenIncidentsAgain();
        pass();

        // Diagnosed again; the same ranking from the same facts moves the latest run on, no new one.
        assertThat(computed()).isEqualTo(computed + 1);
        assertThat(runs(resolved)).isEqualTo(resolvedRuns);
        assertThat(jdbc.queryForObject("SELECT diagnosed_version FROM incident WHERE id = ?", String.class, open))
                .isEqualTo(ruleBase.current().version());
        pass();
        assertThat(computed()).as("a current diagnosis is not computed again").isEqualTo(computed + 1);
    }

    private void pass() {
        refresher.refreshStaleDiagnoses();
        assertThat(worker.awaitIdle(Duration.ofSeconds(60))).isTrue();
    }

    private long openIncident(String system) {
        return post("/api/v1/alerts", AlertMother.genericAlert("HostOutOfDiskSpace", system)).json().get("incidents")
                .get(0).longValue();
    }

    /** How many diagnoses were computed and stored. */
    private long computed() {
        return meters.find("triage.diagnosis.computed").timers().stream().mapToLong(Timer::count).sum();
    }

    private int runs(long incidentId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM diagnosis_run WHERE incident_id = ?", Integer.class,
                incidentId);
    }
}
