package com.saypro.triage.audit;

import java.time.Instant;

/** One recorded change: who did what to which thing, and its state before and after (JSON). */
public record AuditEvent(long id, Instant at, String actor, String action, String targetKind, String targetId,
        String summary, String before, String after) {
}
