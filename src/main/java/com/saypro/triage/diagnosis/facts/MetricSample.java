package com.saypro.triage.diagnosis.facts;

import java.time.Instant;
import java.util.Map;

/**
 * One metric reading. Standard names: availability, error_rate, response_time_p95_ms,
 * cpu_utilization, memory_utilization, disk_utilization, workflow_success_rate (with the
 * label {@code workflow}); others are kept and usable too.
 */
public final class MetricSample {

    private final long id;
    private final String system;
    private final String component;
    private final String metric;
    private final double value;
    private final String unit;
    private final Instant timestamp;
    private final Map<String, String> labels;
    private final long minutesBeforeIncident;

    public MetricSample(long id, String system, String component, String metric, double value, String unit,
            Instant timestamp, Map<String, String> labels, long minutesBeforeIncident) {
        this.id = id;
        this.system = system;
        this.component = component;
        this.metric = metric;
        this.value = value;
        this.unit = unit;
        this.timestamp = timestamp;
        this.labels = TimedFact.sorted(labels);
        this.minutesBeforeIncident = minutesBeforeIncident;
    }

    public long getId() { return id; }
    public String getSystem() { return system; }
    public String getComponent() { return component; }
    public String getMetric() { return metric; }
    public double getValue() { return value; }
    public String getUnit() { return unit; }
    public Instant getTimestamp() { return timestamp; }
    public Map<String, String> getLabels() { return labels; }
    public long getMinutesBeforeIncident() { return minutesBeforeIncident; }

    /** A label's value, or the empty string. */
    public String label(String key) { return labels.getOrDefault(key, ""); }

    /** The {@code workflow} label, or the empty string. */
    public String getWorkflow() { return label("workflow"); }

    @Override
    public String toString() {
        return "Metric " + metric + "=" + value + (unit == null || unit.isEmpty() ? "" : " " + unit)
                + " on " + system + (component == null || component.isEmpty() ? "" : "/" + component)
                + (getWorkflow().isEmpty() ? "" : " (workflow " + getWorkflow() + ")");
    }
}
