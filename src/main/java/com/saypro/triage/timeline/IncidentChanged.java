package com.saypro.triage.timeline;

/**
 * Published (as a Spring application event) whenever something about an incident changed:
 * new signals, a new diagnosis, a status, an answer, a playbook step. {@code kind} is a
 * timeline entry's kind, {@link #SIGNALS} or {@link #DIAGNOSIS}. Listeners that push changes
 * to browsers should act after the transaction commits.
 */
public record IncidentChanged(long incidentId, String kind) {

    /** Signals were stored for the incident (alerts, metrics, logs, traces, changes). */
    public static final String SIGNALS = "signals";
    /** The incident was diagnosed again. */
    public static final String DIAGNOSIS = "diagnosis";
}
