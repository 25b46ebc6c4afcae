package com.saypro.triage.incident;

import java.time.Instant;
import java.util.Map;

/** An alert as stored, for the incident page. */
public record StoredAlert(long id, String name, String component, String severity, String status,
        Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt, int duplicates,
        String source) {
}
