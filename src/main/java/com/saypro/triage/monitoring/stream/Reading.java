package com.saypro.triage.monitoring.stream;

/**
 * One metric sample in the stream session (an event: {@code rules/thresholds} declares its
 * role, timestamp and expiry). {@code at} is when it was measured, in epoch milliseconds; the
 * series is the system, metric, component and the {@code workflow} and {@code probe} labels.
 */
public final class Reading {

    private final String system;
    private final String metric;
    private final String component;
    private final String workflow;
    private final String probe;
    private final String series;
    private final double value;
    private final long at;

    public Reading(String system, String metric, String component, String workflow, String probe, double value,
            long at) {
        this.system = system;
        this.metric = metric;
        this.component = component;
        this.workflow = workflow;
        this.probe = probe;
        this.series = series(component, workflow, probe);
        this.value = value;
        this.at = at;
    }

    /** The part of a series key after system and metric: {@code component=db1 workflow=login}, or empty. */
    static String series(String component, String workflow, String probe) {
        StringBuilder key = new StringBuilder();
        append(key, "component", component);
        append(key, "workflow", workflow);
        append(key, "probe", probe);
        return key.toString();
    }

    private static void append(StringBuilder key, String name, String value) {
        if (!value.isEmpty()) {
            key.append(key.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }

    public String getSystem() { return system; }
    public String getMetric() { return metric; }
    public String getComponent() { return component; }
    public String getWorkflow() { return workflow; }
    public String getProbe() { return probe; }
    public String getSeries() { return series; }
    public double getValue() { return value; }
    public long getAt() { return at; }

    @Override
    public String toString() {
        return "Reading " + system + " " + metric + (series.isEmpty() ? "" : " [" + series + "]") + "=" + value + " at "
                + java.time.Instant.ofEpochMilli(at);
    }
}
