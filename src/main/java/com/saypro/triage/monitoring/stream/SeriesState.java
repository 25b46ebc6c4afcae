package com.saypro.triage.monitoring.stream;

/**
 * Where one series stands against its threshold: {@code ok}, {@code pending} (breached
 * since {@code since}, waiting out the for-duration) or {@code firing} (its alert started at
 * {@code since}). The only fact the threshold rules modify.
 */
public final class SeriesState {

    public static final String OK = "ok";
    public static final String PENDING = "pending";
    public static final String FIRING = "firing";

    private final String system;
    private final String metric;
    private final String series;
    private final Reading first;
    private String status = OK;
    private long since;

    public SeriesState(Evaluation evaluation) {
        this.first = evaluation.getReading();
        this.system = first.getSystem();
        this.metric = first.getMetric();
        this.series = first.getSeries();
    }

    public String getComponent() { return first.getComponent(); }
    public String getWorkflow() { return first.getWorkflow(); }
    public String getProbe() { return first.getProbe(); }

    public String getSystem() { return system; }
    public String getMetric() { return metric; }
    public String getSeries() { return series; }
    public String getStatus() { return status; }
    public long getSince() { return since; }

    public void setStatus(String status) { this.status = status; }
    public void setSince(long since) { this.since = since; }

    @Override
    public String toString() {
        return "SeriesState " + system + " " + metric + (series.isEmpty() ? "" : " [" + series + "]") + " " + status;
    }
}
