package com.saypro.triage.notify;

import java.time.Instant;

/**
 * Where notifications go: a {@code webhook} (Slack-compatible JSON to {@code address}) or
 * {@code email} (to the comma-separated addresses). {@code minSeverity} and {@code system}
 * filter the incidents it hears about (null: all); {@code maxPerMinute} null means the
 * default. The last success and the last error are shown to administrators.
 */
public record NotificationTarget(long id, String name, String kind, String address, String minSeverity,
        String system, Integer maxPerMinute, Instant createdAt, String createdBy, Instant lastSuccessAt,
        String lastError, Instant lastErrorAt) {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";

    /** Whether an incident of this system and severity concerns the target. */
    boolean wants(String incidentSystem, String severity) {
        return (system == null || system.equals(incidentSystem))
                && (minSeverity == null || Severities.rank(severity) >= Severities.rank(minSeverity));
    }
}
