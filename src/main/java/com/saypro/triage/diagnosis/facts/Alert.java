package com.saypro.triage.diagnosis.facts;

import java.time.Instant;
import java.util.Map;

/**
 * An alert from Alertmanager, Grafana or any other source. {@code name} is the alert name
 * ({@code alertname} in Prometheus), {@code labels} and {@code annotations} are kept as sent.
 */
public final class Alert {

    private final long id;
    private final String name;
    private final String system;
    private final String component;
    private final String severity;
    private final String status;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final Instant startsAt;
    private final Instant endsAt;
    private final String fingerprint;
    private final long minutesBeforeIncident;

    public Alert(long id, String name, String system, String component, String severity, String status,
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
            String fingerprint, long minutesBeforeIncident) {
        this.id = id;
        this.name = name;
        this.system = system;
        this.component = component;
        this.severity = severity;
        this.status = status;
        this.labels = TimedFact.sorted(labels);
        this.annotations = TimedFact.sorted(annotations);
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.fingerprint = fingerprint;
        this.minutesBeforeIncident = minutesBeforeIncident;
    }

    public long getId() { return id; }
    public String getName() { return name; }
    public String getSystem() { return system; }
    public String getComponent() { return component; }
    public String getSeverity() { return severity; }
    public String getStatus() { return status; }
    public Map<String, String> getLabels() { return labels; }
    public Map<String, String> getAnnotations() { return annotations; }
    public Instant getStartsAt() { return startsAt; }
    public Instant getEndsAt() { return endsAt; }
    public String getFingerprint() { return fingerprint; }
    public long getMinutesBeforeIncident() { return minutesBeforeIncident; }

    public boolean isFiring() { return "firing".equals(status); }
    public boolean isCritical() { return "critical".equals(severity); }

    /** A label's value, or the empty string when the alert has no such label. */
    public String label(String key) { return labels.getOrDefault(key, ""); }

    /** An annotation's value, or the empty string. */
    public String annotation(String key) { return annotations.getOrDefault(key, ""); }

    /** The name and the annotation values (in key order) as one lower-case text, for keyword matching. */
    public String getText() {
        StringBuilder text = new StringBuilder(name == null ? "" : name);
        annotations.values().forEach(v -> text.append(' ').append(v));
        return text.toString().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Alert " + name + " [" + status + ", " + severity + "] on " + system
                + (component == null || component.isEmpty() ? "" : "/" + component);
    }
}
