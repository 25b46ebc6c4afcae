package com.saypro.triage.diagnosis.facts;

import java.time.Duration;
import java.time.Instant;

/** Helpers shared by the facts that carry a time. */
final class TimedFact {

    private TimedFact() {
    }

    /** An unmodifiable copy in key order, so iterating it gives the same order in every run. */
    static java.util.Map<String, String> sorted(java.util.Map<String, String> map) {
        return map == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(map));
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
