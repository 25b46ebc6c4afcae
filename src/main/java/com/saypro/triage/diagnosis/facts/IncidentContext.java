package com.saypro.triage.diagnosis.facts;

import java.time.Instant;

/** The incident being diagnosed: one per session. */
public final class IncidentContext {

    private final long incidentId;
    private final String system;
    private final String severity;
    private final Instant openedAt;

    public IncidentContext(long incidentId, String system, String severity, Instant openedAt) {
        this.incidentId = incidentId;
        this.system = system;
        this.severity = severity;
        this.openedAt = openedAt;
    }

    public long getIncidentId() { return incidentId; }
    public String getSystem() { return system; }
    public String getSeverity() { return severity; }
    public Instant getOpenedAt() { return openedAt; }

    @Override
    public String toString() {
        return "Incident #" + incidentId + " on " + system + " (" + severity + ")";
    }
}
