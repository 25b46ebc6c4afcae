package com.saypro.triage.incident;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A line of the board and of {@code GET /api/v1/incidents}: {@code status} is open,
 * acknowledged, verifying or closed; {@code reopened} when a recurrence brought it back.
 * The figures the reports need are derived: time to acknowledge, resolve and close, and
 * whether the fix held (null until known).
 */
public record IncidentSummary(long id, String system, String title, String severity, String status, Instant openedAt,
        Instant updatedAt, Instant resolvedAt, int alertCount, boolean diagnosed, TopCause topCause, String assignee,
        boolean reopened, Instant acknowledgedAt, Instant verifyUntil, Instant closedAt, Instant lastActivityAt,
        Resolution resolution, Boolean fixHeld, Instant lastSignalAt, Long mergedInto) {

    /** Open or acknowledged: it takes alerts, answers and playbook steps. */
    public boolean workable() {
        return IncidentStatus.of(status).workable();
    }

    /** Kept for the pages: an incident still being worked. */
    public boolean open() {
        return workable();
    }

    @JsonProperty
    public Long secondsToAcknowledge() {
        return seconds(acknowledgedAt);
    }

    @JsonProperty
    public Long secondsToResolve() {
        return seconds(resolvedAt);
    }

    @JsonProperty
    public Long secondsToClose() {
        return seconds(closedAt);
    }

    private Long seconds(Instant at) {
        return at == null ? null : Math.max(0, Duration.between(openedAt, at).toSeconds());
    }

    public record TopCause(String causeCode, String title, double confidence) {
    }

    /** How the incident was resolved: {@code confirmed} (with the cause), {@code false_alarm} or {@code unknown}. */
    public record Resolution(String kind, String causeCode, String fix, String by) {
    }
}
