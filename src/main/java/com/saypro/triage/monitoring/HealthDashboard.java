package com.saypro.triage.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentStatus;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.knowledge.KbSystem;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.monitoring.SystemHealth.MetricSeries;
import com.saypro.triage.monitoring.SystemHealth.Summary;
import com.saypro.triage.monitoring.SystemHealth.Watched;
import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.NotFoundException;

/**
 * The health dashboard's figures, read from the stored metric samples. Series are bucketed in
 * the database (bucket = whole seconds since the window's start, divided by the bucket length:
 * plain DATETIME arithmetic that H2 and MariaDB agree on, free of time zones), so a week of
 * samples comes back as at most a few hundred rows per metric.
 * <p>
 * A system's state now: {@code down} when its newest availability sample is beyond the
 * availability threshold; {@code degraded} when another watched metric's newest sample is
 * beyond its threshold or an incident of the system is open; {@code ok} with fresh samples
 * and none of that; {@code no data} without samples of the last {@link #FRESH}.
 */
@Service
public class HealthDashboard {

    static final Duration FRESH = Duration.ofMinutes(15);
    private static final int OPEN_INCIDENTS_READ = 1000;

    private final JdbcClient jdbc;
    private final Systems systems;
    private final Thresholds thresholds;
    private final IncidentRepository incidents;

    HealthDashboard(JdbcClient jdbc, Systems systems, Thresholds thresholds, IncidentRepository incidents) {
        this.jdbc = jdbc;
        this.systems = systems;
        this.thresholds = thresholds;
        this.incidents = incidents;
    }

    /** One system's health over the window; 404 for a system Triage does not know. */
    public SystemHealth of(String code, HealthWindow window) {
        KbSystem system = systems.system(code).orElseThrow(() -> new NotFoundException("No system " + code));
        return health(system, window, thresholds.all(), openIncidents());
    }

    /** Every system's health over the window: down first, then degraded, ok, no data; by code within. */
    public List<SystemHealth> all(HealthWindow window) {
        List<Threshold> all = thresholds.all();
        Map<String, Long> open = openIncidents();
        List<String> order = List.of(SystemHealth.DOWN, SystemHealth.DEGRADED, SystemHealth.OK, SystemHealth.NO_DATA);
        return systems.all().stream().map(s -> health(s, window, all, open))
                .sorted(Comparator.comparingInt((SystemHealth h) -> order.indexOf(h.state()))
                        .thenComparing(SystemHealth::system))
                .toList();
    }

    private Map<String, Long> openIncidents() {
        Map<String, Long> bySystem = new LinkedHashMap<>();
        for (IncidentSummary incident : incidents.list(EnumSet.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED),
                OPEN_INCIDENTS_READ)) {
            bySystem.merge(incident.system(), 1L, Long::sum);
        }
        return bySystem;
    }

    private SystemHealth health(KbSystem system, HealthWindow window, List<Threshold> all, Map<String, Long> open) {
        Map<String, List<Bucket>> buckets = buckets(system.code(), window);
        Instant now = Times.now();
        List<MetricSeries> metrics = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean down = false;
        boolean degraded = false;
        boolean fresh = false;
        for (Watched w : SystemHealth.WATCHED) {
            Threshold threshold = threshold(all, system.code(), w.metric());
            Optional<Latest> latest = latest(system.code(), w.metric(), now);
            metrics.add(series(window, w, threshold, buckets.getOrDefault(w.metric(), List.of()), latest.orElse(null)));
            if (latest.isEmpty() || latest.get().at().isBefore(now.minus(FRESH))) {
                continue;
            }
            fresh = true;
            if (threshold != null && beyond(threshold, latest.get().value())) {
                reasons.add(w.label() + " " + w.show(latest.get().value()) + ", " + threshold.getComparison()
                        + " its threshold of " + w.show(threshold.getValue()));
                if (w.metric().equals("availability")) {
                    down = true;
                } else {
                    degraded = true;
                }
            }
        }
        long openCount = open.getOrDefault(system.code(), 0L);
        if (openCount > 0) {
            reasons.add(openCount + (openCount == 1 ? " open incident" : " open incidents"));
        }
        String state = down ? SystemHealth.DOWN
                : degraded || openCount > 0 ? SystemHealth.DEGRADED
                : fresh ? SystemHealth.OK : SystemHealth.NO_DATA;
        return new SystemHealth(system.code(), system.name(), window.name(), window.from(), window.to(),
                window.bucketSeconds(), state, reasons, (int) openCount, metrics);
    }

    /** The system's own threshold for the metric, else the one for every system, else null. */
    static Threshold threshold(List<Threshold> all, String system, String metric) {
        Threshold every = null;
        for (Threshold t : all) {
            if (t.getMetric().equals(metric)) {
                if (t.getSystem().equals(system)) {
                    return t;
                }
                if (Threshold.EVERY_SYSTEM.equals(t.getSystem())) {
                    every = t;
                }
            }
        }
        return every;
    }

    private static boolean beyond(Threshold t, double value) {
        return Threshold.BELOW.equals(t.getComparison()) ? value < t.getValue() : value > t.getValue();
    }

    private record Bucket(String metric, long slot, double avg, double max, long samples) {
    }

    private record Latest(double value, Instant at) {
    }

    private Map<String, List<Bucket>> buckets(String system, HealthWindow window) {
        Map<String, List<Bucket>> byMetric = new LinkedHashMap<>();
        jdbc.sql("SELECT metric, slot, AVG(v) AS avg_value, MAX(v) AS max_value, COUNT(*) AS samples FROM ("
                + " SELECT metric, metric_value AS v,"
                + " FLOOR(TIMESTAMPDIFF(SECOND, :from, occurred_at) / :bucket) AS slot"
                + " FROM metric_sample WHERE system_name = :system AND metric IN (:metrics)"
                + " AND occurred_at >= :from AND occurred_at < :to) s"
                + " GROUP BY metric, slot ORDER BY metric, slot")
                .param("from", Times.toDb(window.from())).param("to", Times.toDb(window.to()))
                .param("bucket", window.bucketSeconds()).param("system", system)
                .param("metrics", SystemHealth.WATCHED.stream().map(Watched::metric).toList())
                .query((rs, n) -> new Bucket(rs.getString("metric"), rs.getLong("slot"), rs.getDouble("avg_value"),
                        rs.getDouble("max_value"), rs.getLong("samples")))
                .list().forEach(b -> byMetric.computeIfAbsent(b.metric(), k -> new ArrayList<>()).add(b));
        return byMetric;
    }

    /** The newest sample of the metric up to now (any component): the state is the state now, whatever the window. */
    private Optional<Latest> latest(String system, String metric, Instant until) {
        return jdbc.sql("SELECT metric_value, occurred_at FROM metric_sample WHERE system_name = :system"
                + " AND metric = :metric AND occurred_at <= :until ORDER BY occurred_at DESC LIMIT 1")
                .param("system", system).param("metric", metric).param("until", Times.toDb(until))
                .query((rs, n) -> new Latest(rs.getDouble("metric_value"), Times.fromDb(rs, "occurred_at")))
                .optional();
    }

    private static MetricSeries series(HealthWindow window, Watched w, Threshold threshold, List<Bucket> buckets, Latest latest) {
        List<Long> t = new ArrayList<>(buckets.size());
        List<Double> avg = new ArrayList<>(buckets.size());
        List<Double> max = new ArrayList<>(buckets.size());
        List<Long> samples = new ArrayList<>(buckets.size());
        double sum = 0;
        long count = 0;
        Double peak = null;
        for (Bucket b : buckets) {
            t.add(window.bucketStart(b.slot()));
            avg.add(b.avg());
            max.add(b.max());
            samples.add(b.samples());
            sum += b.avg() * b.samples();
            count += b.samples();
            peak = peak == null ? b.max() : Math.max(peak, b.max());
        }
        Summary summary = new Summary(count == 0 ? null : sum / count, peak, count,
                latest == null ? null : latest.value(), latest == null ? null : latest.at());
        Double figure = "avg".equals(w.plot()) ? summary.avg() : summary.max();
        String headline = figure == null ? "no data" : ("avg".equals(w.plot()) ? "" : "peak ") + w.show(figure);
        String thresholdText = threshold == null ? null : threshold.getComparison() + " " + w.show(threshold.getValue());
        return new MetricSeries(w.metric(), w.label(), w.unit(), w.plot(), threshold, thresholdText, summary, headline,
                t, avg, max, samples);
    }
}
