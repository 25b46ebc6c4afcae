package com.saypro.triage.monitoring;

import java.time.Instant;

/**
 * One probe's outcome: {@code up} when the answer had the expected status (and body text);
 * {@code responseMs} is -1 when no answer came (connection refused, name unknown).
 */
public record ProbeResult(long probeId, Instant at, boolean up, int status, long responseMs, String reason) {
}
