package com.saypro.triage.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.learning.LearnedPriors;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.NotFoundException;

/**
 * Collects an incident's facts: its alerts, its system's other signals from {@link #LOOKBACK}
 * before it opened until it was resolved (or the next incident of its system took over), and
 * the latest answer to each question.
 */
@Component
public class IncidentFactsLoader {

    /** Signals from shortly before an incident opened count as its facts too. */
    public static final Duration LOOKBACK = Duration.ofMinutes(60);
    /** A cap per signal kind, newest kept, so one chatty system cannot swamp a diagnosis. */
    static final int MAX_PER_KIND = 2_000;
    /** Alerts beyond this many are summarised per alert name ({@link #alerts}). */
    static final int MAX_ALERTS = 200;
    static final int MIN_ALERTS_PER_NAME = 3;

    private final JdbcTemplate jdbc;
    private final DiagnosisKnowledge knowledge;
    private final LearnedPriors learned;

    public IncidentFactsLoader(JdbcTemplate jdbc, DiagnosisKnowledge knowledge, LearnedPriors learned) {
        this.jdbc = jdbc;
        this.knowledge = knowledge;
        this.learned = learned;
    }

    /**
     * An incident's facts at a facts revision. {@code alertsHeld}: how many alerts the incident
     * holds, more than its facts have when they were summarised ({@link #alerts}).
     */
    public record Loaded(FactSet facts, int factsRevision, int alertsHeld) {

        public Loaded(FactSet facts, int factsRevision) {
            this(facts, factsRevision, facts.alerts().size());
        }

        /** Whether the incident holds alerts its facts leave out. */
        public boolean alertsSummarised() {
            return alertsHeld > facts.alerts().size();
        }
    }

    /**
     * The incident's facts, its signals read with the knowledge base, and the priors of its
     * system as learned from similar resolved incidents, as a diagnosis needs them.
     */
    public Loaded load(long incidentId) {
        Loaded signals = loadSignals(incidentId);
        FactSet facts = signals.facts();
        String system = facts.context().getSystem();
        FactSet read = knowledge.reader().read(facts, knowledge.profile(system));
        LearnedPriors.Learned priors = learned.learn(incidentId, system, read.priors());
        return new Loaded(read.withLearnedPriors(priors.priors(), priors.notes()), signals.factsRevision(),
                signals.alertsHeld());
    }

    /**
     * Where an incident's signals end: at its resolution, and before the lookback of the next
     * incident opened on its system (what comes then belongs to that one), but never less than
     * {@link #LOOKBACK} after it opened; an open incident with no newer one takes its system's
     * signals as they come.
     */
    private Instant until(long incidentId, String system, Instant openedAt, Instant resolvedAt) {
        Instant end = resolvedAt == null ? Instant.parse("9999-12-31T00:00:00Z") : resolvedAt;
        List<Instant> next = jdbc.query("SELECT MIN(opened_at) AS next_open FROM incident WHERE system_name = ?"
                + " AND opened_at > ? AND id <> ? AND merged_into IS NULL", (rs, n) -> Times.fromDb(rs, "next_open"),
                system, Times.toDb(openedAt), incidentId);
        if (!next.isEmpty() && next.get(0) != null) {
            Instant beforeNext = next.get(0).minus(LOOKBACK);
            Instant earliest = openedAt.plus(LOOKBACK);
            end = min(end, beforeNext.isAfter(earliest) ? beforeNext : earliest);
        }
        return end;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The incident's signals and answers only, as stored (for its timeline). */
    public Loaded loadSignals(long incidentId) {
        List<Object[]> rows = jdbc.query("SELECT system_name, severity, opened_at, resolved_at, facts_revision,"
                + " alert_count FROM incident WHERE id = ?", (rs, n) -> new Object[] { rs.getString(1), rs.getString(2),
                        Times.fromDb(rs, "opened_at"), Times.fromDb(rs, "resolved_at"), rs.getInt(5), rs.getInt(6) },
                incidentId);
        if (rows.isEmpty()) {
            throw new NotFoundException("There is no incident " + incidentId);
        }
        Object[] row = rows.get(0);
        String system = (String) row[0];
        Instant openedAt = (Instant) row[2];
        Instant resolvedAt = (Instant) row[3];
        Object from = Times.toDb(openedAt.minus(LOOKBACK));
        Object to = Times.toDb(until(incidentId, system, openedAt, resolvedAt));
        IncidentContext context = new IncidentContext(incidentId, system, (String) row[1], openedAt);

        List<Alert> alerts = alerts(incidentId, openedAt);
        List<MetricSample> metrics = sortedById(jdbc.query("SELECT id, system_name, component, metric,"
                + " metric_value, unit, labels, occurred_at FROM metric_sample WHERE system_name = ? AND occurred_at"
                + " >= ? AND occurred_at <= ? ORDER BY occurred_at DESC, id DESC LIMIT " + MAX_PER_KIND, (rs, n) -> {
                    Instant at = Times.fromDb(rs, "occurred_at");
                    return new MetricSample(rs.getLong("id"), rs.getString("system_name"), rs.getString("component"),
                            rs.getString("metric"), rs.getDouble("metric_value"), rs.getString("unit"), at,
                            Json.readStringMap(rs.getString("labels")), minutes(at, openedAt));
                }, system, from, to), MetricSample::getId);
        List<LogEvent> logs = sortedById(jdbc.query("SELECT id, system_name, component, level, message,"
                + " logger, occurred_at FROM log_event WHERE system_name = ? AND occurred_at >= ? AND occurred_at <= ?"
                + " ORDER BY occurred_at DESC, id DESC LIMIT " + MAX_PER_KIND, (rs, n) -> {
                    Instant at = Times.fromDb(rs, "occurred_at");
                    return new LogEvent(rs.getLong("id"), rs.getString("system_name"), rs.getString("component"),
                            rs.getString("level"), rs.getString("message"), rs.getString("logger"), at,
                            minutes(at, openedAt));
                }, system, from, to), LogEvent::getId);
        List<TransactionTrace> traces = sortedById(jdbc.query("SELECT id, system_name, transaction_name,"
                + " duration_ms, db_ms, external_ms, failed, occurred_at FROM transaction_trace WHERE system_name = ?"
                + " AND occurred_at >= ? AND occurred_at <= ? ORDER BY occurred_at DESC, id DESC LIMIT "
                + MAX_PER_KIND, (rs, n) -> {
                    Instant at = Times.fromDb(rs, "occurred_at");
                    return new TransactionTrace(rs.getLong("id"), rs.getString("system_name"),
                            rs.getString("transaction_name"), rs.getLong("duration_ms"), rs.getLong("db_ms"),
                            rs.getLong("external_ms"), rs.getBoolean("failed"), at, minutes(at, openedAt));
                }, system, from, to), TransactionTrace::getId);
        List<ChangeEvent> changes = sortedById(jdbc.query("SELECT id, system_name, kind, description,"
                + " version, author, occurred_at FROM change_event WHERE system_name = ? AND occurred_at >= ?"
                + " AND occurred_at <= ? ORDER BY occurred_at DESC, id DESC LIMIT " + MAX_PER_KIND, (rs, n) -> {
                    Instant at = Times.fromDb(rs, "occurred_at");
                    return new ChangeEvent(rs.getLong("id"), rs.getString("system_name"), rs.getString("kind"),
                            rs.getString("description"), rs.getString("version"), rs.getString("author"), at,
                            minutes(at, openedAt));
                }, system, Times.toDb(openedAt.minus(Duration.ofHours(24))), to), ChangeEvent::getId);
        Map<String, Answer> latest = new LinkedHashMap<>();
        jdbc.query("SELECT question_code, answer_value FROM answer WHERE incident_id = ? ORDER BY id", rs -> {
            latest.put(rs.getString(1), new Answer(rs.getString(1), rs.getString(2)));
        }, incidentId);
        List<Answer> answers = latest.values().stream()
                .sorted(java.util.Comparator.comparing(Answer::getQuestion)).toList();
        // Summarised exactly when the incident holds more than MAX_ALERTS (its count, kept with it).
        int held = (int) row[5] > MAX_ALERTS ? (int) row[5] : alerts.size();
        return new Loaded(new FactSet(context, alerts, metrics, logs, traces, changes, answers), (int) row[4],
                Math.max(held, alerts.size()));
    }

    private static final String ALERT_COLUMNS = "SELECT id, name, system_name, component, severity, status, labels,"
            + " annotations, starts_at, ends_at, fingerprint FROM alert";

    /**
     * The incident's alerts, all of them up to {@link #MAX_ALERTS}. A bigger incident (a storm
     * of the same alert over thousands of hosts) is summarised per alert name: the first of each
     * name and its newest ones, a share of {@link #MAX_ALERTS} each, so its facts stay small
     * whatever it holds. The names, which the rules reason over, are all there.
     */
    private List<Alert> alerts(long incidentId, Instant openedAt) {
        RowMapper<Alert> row = (rs, n) -> {
            Instant startsAt = Times.fromDb(rs, "starts_at");
            return new Alert(rs.getLong("id"), rs.getString("name"), rs.getString("system_name"),
                    rs.getString("component"), rs.getString("severity"), rs.getString("status"),
                    Json.readStringMap(rs.getString("labels")), Json.readStringMap(rs.getString("annotations")),
                    startsAt, Times.fromDb(rs, "ends_at"), rs.getString("fingerprint"), minutes(startsAt, openedAt));
        };
        // Counted up to one past the limit only: a storm's tens of thousands are not counted.
        int count = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT id FROM alert WHERE incident_id = ? LIMIT "
                + (MAX_ALERTS + 1) + ") a", Integer.class, incidentId);
        if (count <= MAX_ALERTS) {
            return jdbc.query(ALERT_COLUMNS + " WHERE incident_id = ? ORDER BY id", row, incidentId);
        }
        // The first of each name, from the index alone: MIN alone lets MariaDB skip along it (a COUNT
        // beside it would read every entry of the storm).
        Map<String, Long> firstByName = new TreeMap<>();
        jdbc.query("SELECT name, MIN(id) FROM alert WHERE incident_id = ? GROUP BY name", rs -> {
            firstByName.put(rs.getString(1), rs.getLong(2));
        }, incidentId);
        if (firstByName.isEmpty()) {
            return List.of(); // split off meanwhile
        }
        int share = Math.max(MIN_ALERTS_PER_NAME, MAX_ALERTS / firstByName.size());
        // The newest of each name: their ids from the index (incident_id, name), then the rows. Asked for
        // the rows with ORDER BY id LIMIT directly, MariaDB may walk the whole table by id instead.
        java.util.SortedSet<Long> kept = new java.util.TreeSet<>(firstByName.values());
        for (String name : firstByName.keySet()) {
            kept.addAll(jdbc.queryForList("SELECT id FROM alert WHERE incident_id = ? AND name = ?"
                    + " ORDER BY id DESC LIMIT " + share, Long.class, incidentId, name));
        }
        return jdbc.query(ALERT_COLUMNS + " WHERE id IN (" + String.join(", ", java.util.Collections.nCopies(
                kept.size(), "?")) + ") ORDER BY id", row, kept.toArray());
    }

    private static long minutes(Instant at, Instant openedAt) {
        return Duration.between(at, openedAt).toMinutes();
    }

    private static <T> List<T> sortedById(List<T> rows, java.util.function.ToLongFunction<T> id) {
        return rows.stream().sorted(java.util.Comparator.comparingLong(id)).toList();
    }
}
