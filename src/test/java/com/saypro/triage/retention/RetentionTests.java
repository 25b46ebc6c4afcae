package com.saypro.triage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/** Retention deletes old signals and runs, and keeps every incident's latest run and its alerts. */
@TriageIntegrationTest
class RetentionTests extends IntegrationTestSupport {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Autowired
    private Retention retention;

    @Test
    void shouldDeleteOldSignalsAndRunsButKeepEachIncidentsLatestRunAndItsAlerts() {
        metric("2026-09-01T10:00:00Z");
        metric("2026-11-27T10:00:00Z");
        long incident = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).json().get("incidents").get(0)
                .longValue();
        run(incident, "2026-09-01T10:00:00Z");
        run(incident, "2026-09-02T10:00:00Z");
        long latest = run(incident, "2026-09-03T10:00:00Z");
        long other = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostHighCpuLoad", "lms",
                "2026-11-20T10:00:00Z", "retention-cpu", "")).json().get("incidents").get(0).longValue();
        long recent = run(other, "2026-11-27T10:00:00Z");

        Map<String, Integer> deleted = retention.apply(NOW);

        assertThat(deleted.get("metric_sample")).isEqualTo(1);
        assertThat(deleted.get("diagnosis_run")).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT occurred_at FROM metric_sample", LocalDateTime.class))
                .containsExactly(LocalDateTime.parse("2026-11-27T10:00:00"));
        assertThat(jdbc.queryForList("SELECT id FROM diagnosis_run ORDER BY id", Long.class)).containsExactly(latest, recent);
        assertThat(count("alert")).isEqualTo(2);
        assertThat(retention.apply(NOW).values()).allMatch(n -> n == 0);
    }

    private void metric(String at) {
        Response r = post("/api/v1/metrics", "{\"system\": \"rms\", \"metric\": \"cpu_utilization\", \"value\": 0.5,"
                + " \"timestamp\": \"" + at + "\"}");
        assertThat(r.status()).as(r.body()).isLessThan(300);
    }

    private long run(long incident, String at) {
        jdbc.update("INSERT INTO diagnosis_run (incident_id, facts_revision, rule_base_version, computed_at, facts, result)"
                + " VALUES (?, 1, 'test', ?, '{}', '{}')", incident, LocalDateTime.ofInstant(Instant.parse(at), ZoneOffset.UTC));
        return jdbc.queryForObject("SELECT MAX(id) FROM diagnosis_run", Long.class);
    }
}
