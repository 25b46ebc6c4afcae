package com.saypro.triage.monitoring;

import java.time.Instant;

/** A health URL of a monitored system, probed every {@code intervalSeconds}. */
public record Probe(long id, String name, String system, String url, int intervalSeconds, int timeoutMs,
        int expectedStatus, String expectedBody, Instant createdAt, String createdBy) {
}
