package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * Which of its system's signals an incident takes: from an hour before it opened, until the
 * next incident of its system takes over (its own hour before excluded), never less than an
 * hour after it opened.
 */
@TriageIntegrationTest
class IncidentFactsWindowTests extends IntegrationTestSupport {

    @Autowired
    private IncidentFactsLoader loader;

    @Test
    void shouldLeaveTheSignalsOfALaterIncidentOfTheSameSystemToThatIncident() {
        long disk = incident("NodeFilesystemAlmostOutOfSpace", "2026-11-20T06:40:00Z", "window-disk");
        log("2026-11-20T07:10:00Z", "disk write failed: No space left on device");
        log("2026-11-23T09:55:00Z", "Slow query: 12.4 s SELECT * FROM royalty_payment WHERE period = ?");
        long slow = incident("RoyaltyPaymentProcessingSlow", "2026-11-23T10:00:00Z", "window-slow");

        assertThat(slow).isNotEqualTo(disk);
        assertThat(loader.loadSignals(disk).facts().logs()).extracting(l -> l.getMessage())
                .containsExactly("disk write failed: No space left on device");
        assertThat(loader.loadSignals(slow).facts().logs()).extracting(l -> l.getMessage())
                .containsExactly("Slow query: 12.4 s SELECT * FROM royalty_payment WHERE period = ?");
    }

    private long incident(String alert, String startsAt, String fingerprint) {
        Response response = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", alert, "rms",
                startsAt, fingerprint, ""));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("incidents").get(0).longValue();
    }

    private void log(String at, String message) {
        Response response = post("/api/v1/logs", "{\"system\": \"rms\", \"component\": \"app\", \"level\": \"ERROR\","
                + " \"message\": \"" + message + "\", \"timestamp\": \"" + at + "\"}");
        assertThat(response.status()).as(response.body()).isIn(200, 201, 202);
    }
}
