package com.saypro.triage.ingest;

import java.time.Instant;
import java.util.Map;

/** Signals as read from a request body, checked and normalised, before they are stored. */
public final class Incoming {

    private Incoming() {
    }

    /** {@code startsAtGiven} is false when the sender gave no start and the time of receipt stands in. */
    public record AlertIn(String source, String name, String system, String component, String severity, String status,
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
            String fingerprint, boolean startsAtGiven) {

        public boolean firing() {
            return "firing".equals(status);
        }
    }

    public record MetricIn(String system, String component, String metric, double value, String unit,
            Instant timestamp, Map<String, String> labels) {
    }

    public record LogIn(String system, String component, String level, String message, String logger,
            Instant timestamp) {
    }

    public record TraceIn(String system, String transaction, long durationMs, long dbMs, long externalMs,
            boolean error, Instant timestamp) {
    }

    public record ChangeIn(String system, String kind, String description, String version, String author,
            Instant timestamp) {
    }
}
