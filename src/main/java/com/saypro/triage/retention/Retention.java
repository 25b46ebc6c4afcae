package com.saypro.triage.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saypro.triage.support.DatabaseUnavailable;
import com.saypro.triage.support.Times;

/**
 * Retention: signals and diagnosis runs older than their configured age are deleted, oldest
 * first, in batches of {@value #BATCH} rows, each batch its own statement so that ingestion is
 * never held up behind a long delete. What post-mortems and regression cases need is kept:
 * alerts stay with their incidents, and every incident keeps its latest diagnosis run (its
 * record, with the facts it saw, which replays and the regression suite read). Metric samples,
 * logs, traces and changes are read by diagnoses only from an hour before an incident opened,
 * and each run keeps the facts it saw, so older signals are needed only for the health charts
 * (a week at most). A zero age keeps everything of that kind.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Map<String, Duration> signalAges = new LinkedHashMap<>();
    private final Duration runAge;

    Retention(JdbcClient jdbc, @Value("${triage.retention.metrics:30d}") Duration metrics,
            @Value("${triage.retention.logs:30d}") Duration logs,
            @Value("${triage.retention.traces:30d}") Duration traces,
            @Value("${triage.retention.changes:180d}") Duration changes,
            @Value("${triage.retention.diagnosis-runs:30d}") Duration runs) {
        this.jdbc = jdbc;
        signalAges.put("metric_sample", metrics);
        signalAges.put("log_event", logs);
        signalAges.put("transaction_trace", traces);
        signalAges.put("change_event", changes);
        this.runAge = runs;
    }

    @Scheduled(fixedDelayString = "${triage.retention.interval:1h}", initialDelayString = "${triage.retention.initial-delay:5m}")
    void scheduled() {
        try {
            Map<String, Integer> deleted = apply(Times.now());
            if (deleted.values().stream().anyMatch(n -> n > 0)) {
                log.info("Retention deleted {}", deleted);
            }
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            log.warn("Retention skipped: the database is unavailable ({})", e.getMessage());
        }
    }

    /** Deletes what is older than its age as of {@code now}; returns how many rows per table. */
    Map<String, Integer> apply(Instant now) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        signalAges.forEach((table, age) -> {
            if (!age.isZero()) {
                deleted.put(table, deleteOlder(table, "occurred_at", now.minus(age), ""));
            }
        });
        if (!runAge.isZero()) {
            // Every incident keeps its latest run, whatever its age.
            deleted.put("diagnosis_run", deleteOlder("diagnosis_run", "computed_at", now.minus(runAge),
                    " AND id NOT IN (SELECT k.id FROM (SELECT MAX(id) AS id FROM diagnosis_run GROUP BY incident_id) k)"));
        }
        return deleted;
    }

    private int deleteOlder(String table, String column, Instant before, String andAlso) {
        int total = 0;
        while (true) {
            List<Long> ids = jdbc.sql("SELECT id FROM " + table + " WHERE " + column + " < ?" + andAlso + " ORDER BY "
                    + column + ", id LIMIT " + BATCH).param(Times.toDb(before)).query(Long.class).list();
            if (ids.isEmpty()) {
                return total;
            }
            total += jdbc.sql("DELETE FROM " + table + " WHERE id IN (:ids)").param("ids", ids).update();
            if (ids.size() < BATCH) {
                return total;
            }
        }
    }
}
