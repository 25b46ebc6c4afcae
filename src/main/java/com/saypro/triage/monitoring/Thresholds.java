package com.saypro.triage.monitoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.InvalidBodyException;

/**
 * The thresholds in the knowledge base (table {@code metric_threshold}), one per system (or
 * {@code *}) and metric. Seeded from kb-seed/thresholds.yaml; an engineer's change makes the
 * entry LOCAL, and the seed leaves it alone from then on. Every change is audited and
 * announced with {@link ThresholdsChanged}, so the stream session uses it at once.
 */
@Repository
public class Thresholds {

    static final String SEED = "SEED";
    static final String LOCAL = "LOCAL";

    /** Published after a change to the thresholds. */
    record ThresholdsChanged() {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Thresholds(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    private static final String COLUMNS = "system_name, metric, alert_name, comparison, threshold_value, clear_value,"
            + " for_seconds, samples_needed, samples_of, severity, origin";

    public List<Threshold> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_threshold ORDER BY metric, system_name")
                .query(Thresholds::row).list();
    }

    public Optional<Threshold> find(String system, String metric) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_threshold WHERE system_name = :system AND metric = :metric")
                .param("system", system).param("metric", metric).query(Thresholds::row).optional();
    }

    private static Threshold row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Threshold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                rs.getDouble(6), rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getString(11));
    }

    /** An engineer's threshold for a system (or {@code *}) and metric, made or replaced. */
    @Transactional
    public Threshold put(ThresholdSetting setting) {
        List<com.saypro.triage.web.FieldError> problems = setting.problems();
        if (!problems.isEmpty()) {
            throw new InvalidBodyException(problems);
        }
        Threshold after = setting.toThreshold(LOCAL);
        Optional<Threshold> before = find(after.getSystem(), after.getMetric());
        write(after, null, before.isPresent());
        audit.record(before.isPresent() ? "threshold.updated" : "threshold.created", "threshold",
                after.getSystem() + "/" + after.getMetric(),
                after.getMetric() + " on " + label(after.getSystem()) + ": " + after.getAlert() + " " + after.describe(),
                before.orElse(null), after);
        events.publishEvent(new ThresholdsChanged());
        return after;
    }

    /**
     * Applies the seed: entries not in the table are added, SEED entries whose text changed are
     * updated, LOCAL entries are left as the engineers made them. Returns the number written.
     */
    @Transactional
    public int seed(List<ThresholdSetting> settings) {
        // One node at a time, as for the rest of the seed: the others wait here, then find it applied.
        jdbc.sql("SELECT name FROM app_lock WHERE name = 'kb-seed' FOR UPDATE").query(String.class).list();
        int written = 0;
        for (ThresholdSetting setting : settings) {
            Threshold threshold = setting.toThreshold(SEED);
            String digest = digest(threshold);
            var stored = jdbc.sql("SELECT origin, seed_digest FROM metric_threshold WHERE system_name = :system"
                    + " AND metric = :metric").param("system", threshold.getSystem())
                    .param("metric", threshold.getMetric())
                    .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
            if (stored.isEmpty() || (SEED.equals(stored.get()[0]) && !digest.equals(stored.get()[1]))) {
                write(threshold, digest, stored.isPresent());
                audit.recordAs(Actor.SYSTEM, stored.isPresent() ? "threshold.updated" : "threshold.created",
                        "threshold", threshold.getSystem() + "/" + threshold.getMetric(),
                        "from kb-seed/thresholds.yaml: " + threshold.getMetric() + " on " + label(threshold.getSystem())
                                + " " + threshold.describe(), null, threshold);
                written++;
            }
        }
        if (written > 0) {
            events.publishEvent(new ThresholdsChanged());
        }
        return written;
    }

    private void write(Threshold t, String digest, boolean exists) {
        String sql = exists
                ? "UPDATE metric_threshold SET alert_name = :alert, comparison = :comparison, threshold_value = :value,"
                        + " clear_value = :clear, for_seconds = :for, samples_needed = :needed, samples_of = :of,"
                        + " severity = :severity, origin = :origin, seed_digest = :digest, updated_at = :at,"
                        + " updated_by = :by WHERE system_name = :system AND metric = :metric"
                : "INSERT INTO metric_threshold (" + COLUMNS + ", seed_digest, updated_at, updated_by) VALUES (:system,"
                        + " :metric, :alert, :comparison, :value, :clear, :for, :needed, :of, :severity, :origin,"
                        + " :digest, :at, :by)";
        jdbc.sql(sql).param("system", t.getSystem()).param("metric", t.getMetric()).param("alert", t.getAlert())
                .param("comparison", t.getComparison()).param("value", t.getValue()).param("clear", t.getClear())
                .param("for", t.getForSeconds()).param("needed", t.getSamplesNeeded()).param("of", t.getSamplesOf())
                .param("severity", t.getSeverity()).param("origin", t.getOrigin()).param("digest", digest)
                .param("at", Times.toDb(Times.now())).param("by", digest == null ? Actor.current() : Actor.SYSTEM)
                .update();
    }

    static String label(String system) {
        return Threshold.EVERY_SYSTEM.equals(system) ? "every system" : system;
    }

    private static String digest(Threshold t) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(t.toString().concat("|").concat(t.getAlert())
                    .concat("|").concat(Threshold.number(t.getClear())).concat("|").concat(t.getSeverity())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
