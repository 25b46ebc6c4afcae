package com.saypro.triage.incident;

import java.time.Instant;

/** A line of the board and of {@code GET /api/v1/incidents}; {@code status} is open or resolved. */
public record IncidentSummary(long id, String system, String title, String severity, String status, Instant openedAt,
        Instant updatedAt, Instant resolvedAt, int alertCount, boolean diagnosed, TopCause topCause) {

    public boolean open() {
        return "open".equals(status);
    }

    public record TopCause(String causeCode, String title, double confidence) {
    }
}
