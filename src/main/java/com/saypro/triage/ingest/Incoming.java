package com.saypro.triage.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * Signals as read from a request body, checked and normalised, before they are stored. The
 * {@code system} is the name the sender gave until ingestion resolves it to the system's code.
 */
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

        public AlertIn withSystem(String code) {
            return new AlertIn(source, name, code, component, severity, status, labels, annotations, startsAt, endsAt,
                    fingerprint, startsAtGiven);
        }
    }

    public record MetricIn(String system, String component, String metric, double value, String unit,
            Instant timestamp, Map<String, String> labels) {

        public MetricIn withSystem(String code) {
            return new MetricIn(code, component, metric, value, unit, timestamp, labels);
        }
    }

    public record LogIn(String system, String component, String level, String message, String logger,
            Instant timestamp) {

        public LogIn withSystem(String code) {
            return new LogIn(code, component, level, message, logger, timestamp);
        }
    }

    public record TraceIn(String system, String transaction, long durationMs, long dbMs, long externalMs,
            boolean error, Instant timestamp) {

        public TraceIn withSystem(String code) {
            return new TraceIn(code, transaction, durationMs, dbMs, externalMs, error, timestamp);
        }
    }

    public record ChangeIn(String system, String kind, String description, String version, String author,
            Instant timestamp) {

        public ChangeIn withSystem(String code) {
            return new ChangeIn(code, kind, description, version, author, timestamp);
        }
    }
}
