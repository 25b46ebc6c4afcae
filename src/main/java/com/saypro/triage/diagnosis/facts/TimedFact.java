package com.saypro.triage.diagnosis.facts;

import java.time.Duration;
import java.time.Instant;

/** Helpers shared by the facts that carry a time. */
final class TimedFact {

    private TimedFact() {
    }

    /**
     * Whole minutes from {@code at} to the moment the incident opened: positive before it,
     * negative after. Computed once when the fact is made, so a diagnosis never depends on
     * the wall clock.
     */
    static long minutesBefore(Instant at, Instant incidentOpenedAt) {
        if (at == null || incidentOpenedAt == null) {
            return 0;
        }
        return Duration.between(at, incidentOpenedAt).toMinutes();
    }
}
