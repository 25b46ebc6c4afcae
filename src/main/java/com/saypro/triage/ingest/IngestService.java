package com.saypro.triage.ingest;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.incident.IncidentOpener;
import com.saypro.triage.incident.Severity;
import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentChanged;

/**
 * Stores signals. Each request is one transaction with batched inserts: either all of a
 * body is stored or nothing is, and the caller hears back only after the commit. Each
 * incident the body touched is announced once ({@link IncidentChanged}, kind {@code signals}).
 */
@Service
public class IngestService {

    private static final int LOOKUP_CHUNK = 500;
    private static final int MAX_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final IncidentOpener incidents;
    private final Systems systems;
    private final ApplicationEventPublisher events;

    public IngestService(JdbcTemplate jdbc, IncidentOpener incidents, Systems systems,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.systems = systems;
        this.events = events;
    }

    /**
     * Two requests racing to store the same alert or to open the same system's incident:
     * the loser's transaction rolls back whole, and trying it again finds the winner's rows.
     */
    public static <T> T withRetry(Supplier<T> store) {
        for (int attempt = 1;; attempt++) {
            try {
                return store.get();
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == MAX_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private void announce(Collection<Long> touched) {
        touched.forEach(id -> events.publishEvent(new IncidentChanged(id, IncidentChanged.SIGNALS)));
    }

    /**
     * Each signal's system as its code ({@code RMS}, {@code saypro-rms-prod} and {@code rms}
     * are one system), first thing in the transaction: a system seen for the first time is
     * created with the signals, or not at all.
     */
    private <T> List<T> resolveSystems(List<T> signals, Function<T, String> system, BiFunction<T, String, T> with) {
        Map<String, String> codes = systems.resolveAll(signals.stream().map(system).collect(Collectors.toSet()));
        List<T> resolved = new ArrayList<>(signals.size());
        for (T signal : signals) {
            resolved.add(with.apply(signal, codes.get(system.apply(signal))));
        }
        return resolved;
    }

    private record Stored(long id, Long incidentId, String status) {
    }

    @Transactional
    public IngestSummary storeAlerts(List<AlertIn> received) {
        return storeAlertBatches(List.of(received)).get(0);
    }

    /**
     * Several requests' alerts in one transaction (group commit, see {@link AlertWriter}), each
     * batch counted apart as if stored on its own. The batches share no fingerprint: what one
     * of them does to an alert never depends on another of the same group.
     */
    @Transactional
    public List<IngestSummary> storeAlertBatches(List<List<AlertIn>> batches) {
        Instant now = Times.now();
        List<AlertIn> all = resolveSystems(batches.stream().flatMap(List::stream).toList(), AlertIn::system,
                AlertIn::withSystem);
        Known known = knownAlerts(all);
        List<BatchWork> works = new ArrayList<>(batches.size());
        int from = 0;
        for (List<AlertIn> batch : batches) {
            works.add(sort(all.subList(from, from + batch.size()), known, now));
            from += batch.size();
        }

        // Systems in a fixed order, so two transactions never lock each other's incidents crosswise.
        Map<String, List<AlertIn>> firingBySystem = new TreeMap<>();
        for (BatchWork work : works) {
            for (AlertIn alert : work.toInsert) {
                if (alert.firing()) {
                    firingBySystem.computeIfAbsent(alert.system(), s -> new ArrayList<>()).add(alert);
                }
            }
        }
        Map<String, Long> incidentBySystem = new HashMap<>();
        firingBySystem.forEach((system, firing) -> incidentBySystem.put(system,
                incidents.absorb(system, describe(firing), now)));

        List<AlertIn> toInsert = works.stream().flatMap(w -> w.toInsert.stream()).toList();
        jdbc.batchUpdate("INSERT INTO alert (incident_id, source, fingerprint, name, system_name, component, severity,"
                + " status, labels, annotations, starts_at, ends_at, received_at, last_received_at, duplicates)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", toInsert, 1000,
                (PreparedStatement ps, AlertIn a) -> {
                    Long incident = a.firing() ? incidentBySystem.get(a.system()) : null;
                    if (incident == null) {
                        ps.setNull(1, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(1, incident);
                    }
                    ps.setString(2, a.source());
                    ps.setString(3, a.fingerprint());
                    ps.setString(4, a.name());
                    ps.setString(5, a.system());
                    ps.setString(6, a.component());
                    ps.setString(7, a.severity());
                    ps.setString(8, a.status());
                    ps.setString(9, Json.write(a.labels()));
                    ps.setString(10, Json.write(a.annotations()));
                    ps.setObject(11, Times.toDb(a.startsAt()));
                    ps.setObject(12, Times.toDb(a.endsAt()));
                    ps.setObject(13, Times.toDb(now));
                    ps.setObject(14, Times.toDb(now));
                });
        // The alert names each incident holds, for the search of similar past incidents.
        Set<List<Object>> names = new java.util.LinkedHashSet<>();
        toInsert.stream().filter(AlertIn::firing)
                .forEach(a -> names.add(List.of(a.name(), incidentBySystem.get(a.system()))));
        jdbc.batchUpdate("INSERT IGNORE INTO incident_alert_name (name, incident_id) VALUES (?, ?)",
                names.stream().map(List::toArray).toList());
        Map<Long, Integer> duplicateCounts = new TreeMap<>();
        List<Object[]> resolutions = new ArrayList<>();
        Set<Long> touchedIncidents = new TreeSet<>();
        List<IngestSummary> summaries = new ArrayList<>(works.size());
        for (BatchWork work : works) {
            work.duplicateCounts.forEach((id, count) -> duplicateCounts.merge(id, count, Integer::sum));
            resolutions.addAll(work.resolutions);
            Set<Long> touched = new TreeSet<>(work.touched);
            work.toInsert.stream().filter(AlertIn::firing).map(a -> incidentBySystem.get(a.system()))
                    .forEach(touched::add);
            touchedIncidents.addAll(touched);
            summaries.add(new IngestSummary(work.received, work.toInsert.size(), work.duplicates, work.resolved,
                    List.copyOf(touched)));
        }
        List<Object[]> duplicateUpdates = new ArrayList<>();
        duplicateCounts.forEach((id, count) -> duplicateUpdates.add(new Object[] { count, Times.toDb(now), id }));
        jdbc.batchUpdate("UPDATE alert SET duplicates = duplicates + ?, last_received_at = ? WHERE id = ?",
                duplicateUpdates);
        jdbc.batchUpdate("UPDATE alert SET status = 'resolved', ends_at = ?, last_received_at = ? WHERE id = ?",
                resolutions);
        incidents.factsChanged(touchedIncidents, now);
        announce(touchedIncidents);
        return summaries;
    }

    /** What one request's alerts come to: new rows, duplicates of stored ones, resolutions. */
    private static final class BatchWork {
        final int received;
        final List<AlertIn> toInsert = new ArrayList<>();
        final Map<Long, Integer> duplicateCounts = new LinkedHashMap<>();
        final List<Object[]> resolutions = new ArrayList<>();
        final Set<Long> touched = new TreeSet<>();
        int duplicates;
        int resolved;

        BatchWork(int received) {
            this.received = received;
        }

        void duplicateOf(Stored original) {
            duplicates++;
            if (original.id() > 0) {
                duplicateCounts.merge(original.id(), 1, Integer::sum);
            }
        }
    }

    private static BatchWork sort(List<AlertIn> alerts, Known known, Instant now) {
        BatchWork work = new BatchWork(alerts.size());
        for (AlertIn alert : alerts) {
            String key = key(alert.fingerprint(), alert.startsAt());
            List<Stored> firingTwins = known.firing.computeIfAbsent(alert.fingerprint(), f -> new ArrayList<>());
            Stored same = known.byKey.get(key);
            if (alert.firing()) {
                // The same alert again: same fingerprint and start, or no start given while it fires.
                Stored original = same != null ? same
                        : !alert.startsAtGiven() && !firingTwins.isEmpty() ? firingTwins.get(firingTwins.size() - 1)
                        : null;
                if (original != null) {
                    work.duplicateOf(original);
                    continue;
                }
                Stored pending = new Stored(-1, null, "firing");
                known.byKey.put(key, pending);
                firingTwins.add(pending);
                work.toInsert.add(alert);
            } else if (!firingTwins.isEmpty()) {
                // A resolved alert closes every firing copy of its fingerprint.
                for (Stored twin : firingTwins) {
                    if (twin.id() > 0) {
                        work.resolutions.add(new Object[] { Times.toDb(alert.endsAt()), Times.toDb(now), twin.id() });
                        if (twin.incidentId() != null) {
                            work.touched.add(twin.incidentId());
                        }
                    }
                }
                if (work.toInsert.removeIf(a -> a.fingerprint().equals(alert.fingerprint()) && a.firing())) {
                    // It fired and resolved within this one body: keep it, as resolved.
                    work.toInsert.add(alert);
                }
                firingTwins.clear();
                known.byKey.put(key, new Stored(-1, null, "resolved"));
                work.resolved++;
            } else if (same != null) {
                work.duplicateOf(same);
            } else {
                known.byKey.put(key, new Stored(-1, null, "resolved"));
                work.toInsert.add(alert);
            }
        }
        return work;
    }

    @Transactional
    public IngestSummary storeMetrics(List<MetricIn> received) {
        Instant now = Times.now();
        List<MetricIn> metrics = resolveSystems(received, MetricIn::system, MetricIn::withSystem);
        jdbc.batchUpdate("INSERT INTO metric_sample (system_name, component, metric, metric_value, unit, labels,"
                + " occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", metrics, 1000, (ps, m) -> {
                    ps.setString(1, m.system());
                    ps.setString(2, m.component());
                    ps.setString(3, m.metric());
                    ps.setDouble(4, m.value());
                    ps.setString(5, m.unit());
                    ps.setString(6, Json.write(m.labels()));
                    ps.setObject(7, Times.toDb(m.timestamp()));
                    ps.setObject(8, Times.toDb(now));
                });
        events.publishEvent(new MetricsStored(metrics));
        return otherSignalsStored(metrics.size(), metrics.stream().map(MetricIn::system).toList(), now);
    }

    @Transactional
    public IngestSummary storeLogs(List<LogIn> received) {
        Instant now = Times.now();
        List<LogIn> logs = resolveSystems(received, LogIn::system, LogIn::withSystem);
        jdbc.batchUpdate("INSERT INTO log_event (system_name, component, level, message, logger, occurred_at,"
                + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)", logs, 1000, (ps, l) -> {
                    ps.setString(1, l.system());
                    ps.setString(2, l.component());
                    ps.setString(3, l.level());
                    ps.setString(4, l.message());
                    ps.setString(5, l.logger());
                    ps.setObject(6, Times.toDb(l.timestamp()));
                    ps.setObject(7, Times.toDb(now));
                });
        return otherSignalsStored(logs.size(), logs.stream().map(LogIn::system).toList(), now);
    }

    @Transactional
    public IngestSummary storeTraces(List<TraceIn> received) {
        Instant now = Times.now();
        List<TraceIn> traces = resolveSystems(received, TraceIn::system, TraceIn::withSystem);
        jdbc.batchUpdate("INSERT INTO transaction_trace (system_name, transaction_name, duration_ms, db_ms,"
                + " external_ms, failed, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", traces, 1000,
                (ps, t) -> {
                    ps.setString(1, t.system());
                    ps.setString(2, t.transaction());
                    ps.setLong(3, t.durationMs());
                    ps.setLong(4, t.dbMs());
                    ps.setLong(5, t.externalMs());
                    ps.setBoolean(6, t.error());
                    ps.setObject(7, Times.toDb(t.timestamp()));
                    ps.setObject(8, Times.toDb(now));
                });
        return otherSignalsStored(traces.size(), traces.stream().map(TraceIn::system).toList(), now);
    }

    @Transactional
    public IngestSummary storeChanges(List<ChangeIn> received) {
        Instant now = Times.now();
        List<ChangeIn> changes = resolveSystems(received, ChangeIn::system, ChangeIn::withSystem);
        jdbc.batchUpdate("INSERT INTO change_event (system_name, kind, description, version, author, occurred_at,"
                + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)", changes, 1000, (ps, c) -> {
                    ps.setString(1, c.system());
                    ps.setString(2, c.kind());
                    ps.setString(3, c.description());
                    ps.setString(4, c.version());
                    ps.setString(5, c.author());
                    ps.setObject(6, Times.toDb(c.timestamp()));
                    ps.setObject(7, Times.toDb(now));
                });
        return otherSignalsStored(changes.size(), changes.stream().map(ChangeIn::system).toList(), now);
    }

    private IngestSummary otherSignalsStored(int count, Collection<String> systems, Instant now) {
        List<Long> touched = incidents.signalsArrived(new LinkedHashSet<>(systems), now);
        announce(touched);
        return new IngestSummary(count, count, 0, 0, touched);
    }

    /** Stored alerts sharing a fingerprint with the batch: by fingerprint and start, and the firing ones. */
    private static final class Known {
        final Map<String, Stored> byKey = new HashMap<>();
        final Map<String, List<Stored>> firing = new HashMap<>();
    }

    private Known knownAlerts(List<AlertIn> alerts) {
        List<String> fingerprints = alerts.stream().map(AlertIn::fingerprint).distinct().toList();
        Known known = new Known();
        for (int from = 0; from < fingerprints.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = fingerprints.subList(from, Math.min(fingerprints.size(), from + LOOKUP_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT id, incident_id, fingerprint, starts_at, status FROM alert WHERE fingerprint IN ("
                    + marks + ") ORDER BY starts_at, id", rs -> {
                        long incident = rs.getLong("incident_id");
                        Stored stored = new Stored(rs.getLong("id"), rs.wasNull() ? null : incident,
                                rs.getString("status"));
                        String fingerprint = rs.getString("fingerprint");
                        known.byKey.put(key(fingerprint, Times.fromDb(rs, "starts_at")), stored);
                        if ("firing".equals(stored.status())) {
                            known.firing.computeIfAbsent(fingerprint, f -> new ArrayList<>()).add(stored);
                        }
                    }, chunk.toArray());
        }
        return known;
    }

    private static IncidentOpener.FiringAlerts describe(List<AlertIn> firing) {
        AlertIn first = firing.stream().min(java.util.Comparator.comparing(AlertIn::startsAt)).orElseThrow();
        String severity = firing.stream().map(AlertIn::severity).reduce("info", Severity::max);
        String summary = first.annotations().getOrDefault("summary", "");
        Instant last = firing.stream().map(AlertIn::startsAt).max(java.util.Comparator.naturalOrder()).orElseThrow();
        return new IncidentOpener.FiringAlerts(severity, first.startsAt(), last,
                first.name() + (summary.isBlank() ? "" : ": " + summary), firing.size(),
                firing.stream().map(AlertIn::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    private static String key(String fingerprint, Instant startsAt) {
        return fingerprint + "|" + startsAt.toEpochMilli();
    }

}
