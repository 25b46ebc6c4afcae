package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * Several requests stored in one transaction come out as if each had been stored on its own:
 * the same rows, the same incidents, each request's own counts, and a request the database
 * refuses fails alone.
 */
@TriageIntegrationTest
class AlertGroupCommitTests extends IntegrationTestSupport {

    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @Autowired
    AlertWriter writer;

    @BeforeEach
    void empty() {
        emptyIncidentsAndSignals();
    }

    private static AlertIn alert(String name, String system, String status, String fingerprint) {
        return new AlertIn("alertmanager", name, system, "db", "warning", status, Map.of("instance", fingerprint),
                Map.of("summary", name + " on " + system), START, "resolved".equals(status) ? START.plusSeconds(60)
                        : null, fingerprint, true);
    }

    @Test
    void shouldCountEachRequestOfAGroupAsIfItWereStoredAlone() throws Exception {
        writer.store(List.of(alert("HighErrorRate", "groupa", "firing", "g-stored-1"),
                alert("HighErrorRate", "groupa", "firing", "g-stored-2")));
        long incidentA = jdbc.queryForObject("SELECT id FROM incident WHERE system_name = 'groupa'", Long.class);

        List<CompletableFuture<IngestSummary>> outcomes = writer.storeGroup(List.of(
                // New alerts of the same system: they join its open incident.
                List.of(alert("HighErrorRate", "groupa", "firing", "g-new-1"),
                        alert("HighErrorRate", "groupa", "firing", "g-new-2")),
                // A duplicate of a stored alert and the resolution of another.
                List.of(alert("HighErrorRate", "groupa", "firing", "g-stored-1"),
                        alert("HighErrorRate", "groupa", "resolved", "g-stored-2")),
                // Another system: an incident of its own.
                List.of(alert("DiskFull", "groupb", "firing", "g-other-1"))));

        IngestSummary first = outcomes.get(0).get();
        IngestSummary second = outcomes.get(1).get();
        IngestSummary third = outcomes.get(2).get();
        assertThat(List.of(first.received(), first.stored(), first.duplicates(), first.resolved()))
                .containsExactly(2, 2, 0, 0);
        assertThat(first.incidents()).containsExactly(incidentA);
        assertThat(List.of(second.received(), second.stored(), second.duplicates(), second.resolved()))
                .containsExactly(2, 0, 1, 1);
        assertThat(second.incidents()).containsExactly(incidentA);
        long incidentB = jdbc.queryForObject("SELECT id FROM incident WHERE system_name = 'groupb'", Long.class);
        assertThat(third.stored()).isEqualTo(1);
        assertThat(third.incidents()).containsExactly(incidentB);

        assertThat(count("alert")).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT duplicates FROM alert WHERE fingerprint = 'g-stored-1'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM alert WHERE fingerprint = 'g-stored-2'", String.class))
                .isEqualTo("resolved");
        assertThat(jdbc.queryForObject("SELECT alert_count FROM incident WHERE id = ?", Integer.class, incidentA))
                .isEqualTo(4);
    }

    @Test
    void shouldFailOnlyTheRequestTheDatabaseRefuses() throws Exception {
        String tooLong = "x".repeat(5_000);
        List<CompletableFuture<IngestSummary>> outcomes = writer.storeGroup(List.of(
                List.of(alert("HighErrorRate", "groupc", "firing", "g-good-1")),
                List.of(alert("HighErrorRate", "groupc", "firing", "g-bad-1"),
                        new AlertIn("alertmanager", tooLong, "groupc", "db", "warning", "firing", Map.of(), Map.of(),
                                START, null, "g-bad-2", true)),
                List.of(alert("HighErrorRate", "groupc", "firing", "g-good-2"))));

        assertThat(outcomes.get(0).get().stored()).isEqualTo(1);
        assertThat(outcomes.get(1)).isCompletedExceptionally();
        assertThat(outcomes.get(2).get().stored()).isEqualTo(1);
        // Nothing of the refused request was stored, not even its good alert.
        assertThat(jdbc.queryForList("SELECT fingerprint FROM alert ORDER BY fingerprint", String.class))
                .containsExactly("g-good-1", "g-good-2");
        assertThat(jdbc.queryForObject("SELECT alert_count FROM incident WHERE system_name = 'groupc'", Integer.class))
                .isEqualTo(2);
    }
}
