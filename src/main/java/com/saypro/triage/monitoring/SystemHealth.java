package com.saypro.triage.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.saypro.triage.monitoring.stream.Threshold;

/**
 * A system's health over a window: its state now, and per watched metric a series of bucket
 * averages and maxima with the threshold that applies to it (null when none does).
 */
public record SystemHealth(String system, String name, String window, Instant from, Instant to, long bucketSeconds,
        String state, List<String> reasons, int openIncidents, List<MetricSeries> metrics) {

    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String DOWN = "down";
    public static final String NO_DATA = "no data";

    /**
     * One metric over the window. {@code unit} is {@code fraction} (0..1, shown as %) or
     * {@code ms}; {@code plot} says which figure the chart draws: the average (uptime, error
     * rate) or the maximum (response time and resources: the worst component counts).
     * {@code t} holds bucket starts in epoch seconds; {@code avg}, {@code max} and
     * {@code samples} the figures of those buckets. {@code headline} is the figure the page
     * shows for the window (the average or the peak, as plotted), {@code thresholdText} the
     * threshold in the same words.
     */
    public record MetricSeries(String metric, String label, String unit, String plot, Threshold threshold,
            String thresholdText, Summary summary, String headline, List<Long> t, List<Double> avg, List<Double> max,
            List<Long> samples) {
    }

    /** The window's average, maximum and sample count; the newest sample up to now (null when none). */
    public record Summary(Double avg, Double max, long samples, Double latest, Instant latestAt) {
    }

    /** A metric the dashboard watches, and how it is shown. */
    record Watched(String metric, String label, String unit, String plot) {

        /** A value in the metric's unit as people read it: 99.5 %, 850 ms, 6.2 s. */
        String show(double value) {
            if ("ms".equals(unit)) {
                return value >= 1000 ? String.format(Locale.ROOT, "%.1f s", value / 1000) : Math.round(value) + " ms";
            }
            double percent = value * 100;
            return String.format(Locale.ROOT, percent != 0 && Math.abs(percent) < 1 ? "%.2f %%" : "%.1f %%", percent);
        }
    }

    static final List<Watched> WATCHED = List.of(
            new Watched("availability", "Uptime", "fraction", "avg"),
            new Watched("error_rate", "Error rate", "fraction", "avg"),
            new Watched("response_time_p95_ms", "Response time p95", "ms", "max"),
            new Watched("cpu_utilization", "CPU", "fraction", "max"),
            new Watched("memory_utilization", "Memory", "fraction", "max"),
            new Watched("disk_utilization", "Disk", "fraction", "max"));

    /** The series of that metric, if watched. */
    public MetricSeries metric(String code) {
        return metrics.stream().filter(m -> m.metric().equals(code)).findFirst().orElse(null);
    }
}
