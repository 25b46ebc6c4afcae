package com.saypro.triage.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentEvent;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/**
 * The analyst corrects the grouping: merges incidents of one system that are one problem, or
 * splits alerts that are another problem off into a new incident. Both incidents' records say
 * what happened and who did it; their diagnoses are computed again.
 */
@Service
public class MergeAndSplit {

    private final JdbcClient jdbc;
    private final IncidentRepository incidents;
    private final IncidentEvents timeline;
    private final AuditLog audit;
    private final IncidentOpener opener;

    MergeAndSplit(JdbcClient jdbc, IncidentRepository incidents, IncidentEvents timeline, AuditLog audit,
            IncidentOpener opener) {
        this.opener = opener;
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
    }

    /** Moves the alerts of {@code others} into {@code target}; the others close as merged. */
    @Transactional
    public IncidentSummary merge(long target, List<Long> others) {
        if (others == null || others.isEmpty()) {
            throw new InvalidBodyException("incidents", "name at least one incident to merge into " + target);
        }
        if (others.contains(target)) {
            throw new InvalidBodyException("incidents", "cannot merge incident " + target + " into itself");
        }
        TreeSet<Long> all = new TreeSet<>(others);
        if (all.size() != others.size()) {
            throw new InvalidBodyException("incidents", "lists an incident twice");
        }
        all.add(target);
        // Locks in id order, as every writer of several incidents does.
        for (long id : all) {
            if (!incidents.lock(id)) {
                throw new NotFoundException("There is no incident " + id);
            }
        }
        IncidentSummary into = workable(target);
        Instant now = Times.now();
        for (long id : others) {
            IncidentSummary from = workable(id);
            if (!from.system().equals(into.system())) {
                throw new ConflictException("incidents", "incident " + id + " is of system " + from.system()
                        + ", not " + into.system() + "; only incidents of one system can be merged", true);
            }
            int moved = jdbc.sql("UPDATE alert SET incident_id = :to WHERE incident_id = :from").param("to", target)
                    .param("from", id).update();
            jdbc.sql("DELETE FROM incident_alert_name WHERE incident_id = ?").params(id).update();
            jdbc.sql("""
                    UPDATE incident SET status = 'CLOSED', merged_into = :to, closed_at = :now, alert_count = 0,
                        last_activity_at = :now, updated_at = :now WHERE id = :from""")
                    .param("to", target).param("now", Times.toDb(now)).param("from", id).update();
            jdbc.sql("""
                    UPDATE incident SET alert_count = alert_count + :moved,
                        severity = CASE WHEN severity = 'critical' OR :severity = 'critical' THEN 'critical'
                            WHEN severity = 'warning' OR :severity = 'warning' THEN 'warning' ELSE 'info' END,
                        last_signal_at = CASE WHEN last_signal_at IS NULL OR last_signal_at < :last THEN :last
                            ELSE last_signal_at END
                    WHERE id = :to""")
                    .param("moved", moved).param("severity", from.severity())
                    .param("last", Times.toDb(from.lastSignalAt() == null ? from.openedAt() : from.lastSignalAt()))
                    .param("to", target).update();
            timeline.record(id, IncidentEvent.MERGE, "merged into incident " + target + " (" + moved + " alerts moved)",
                    Map.of("into", target));
            timeline.record(target, IncidentEvent.MERGE, "incident " + id + " merged in: " + from.title() + " ("
                    + moved + " alerts)", Map.of("from", id));
            audit.record("incident.merged", "incident", String.valueOf(id), "merged into incident " + target,
                    Map.of("status", from.status()), Map.of("status", "closed", "mergedInto", target));
        }
        refreshFamilies(target, into.system());
        changed(target, now);
        return incidents.get(target);
    }

    /** Moves the given alerts of the incident into a new incident of the same system. */
    @Transactional
    public IncidentSummary split(long id, List<Long> alertIds) {
        if (alertIds == null || alertIds.isEmpty()) {
            throw new InvalidBodyException("alerts", "choose the alerts to split off");
        }
        if (!incidents.lock(id)) {
            throw new NotFoundException("There is no incident " + id);
        }
        IncidentSummary from = workable(id);
        TreeSet<Long> chosen = new TreeSet<>(alertIds);
        String marks = String.join(",", Collections.nCopies(chosen.size(), "?"));
        List<Object[]> rows = jdbc.sql("SELECT id, name, severity, starts_at FROM alert WHERE incident_id = ? AND id IN ("
                + marks + ") ORDER BY starts_at, id").params(concat(id, chosen))
                .query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3),
                        Times.fromDb(rs, "starts_at") }).list();
        if (rows.size() != chosen.size()) {
            throw new InvalidBodyException("alerts", "name only alerts of incident " + id);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM alert WHERE incident_id = ?").params(id).query(Long.class).single();
        if (rows.size() == total) {
            throw new InvalidBodyException("alerts", "leave at least one alert in incident " + id);
        }
        Instant now = Times.now();
        String severity = rows.stream().map(r -> (String) r[2]).reduce("info", Severity::max);
        Instant first = (Instant) rows.get(0)[3];
        Instant last = rows.stream().map(r -> (Instant) r[3]).max(Instant::compareTo).orElse(first);
        String names = rows.stream().map(r -> (String) r[1]).distinct().sorted().reduce((a, b) -> a + ", " + b)
                .orElse("");
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO incident (system_name, title, severity, status, opened_at, updated_at, last_activity_at,
                    last_signal_at, alert_count, facts_revision)
                VALUES (:system, :title, :severity, 'OPEN', :opened, :now, :now, :last, :count, 0)""")
                .param("system", from.system()).param("title", names.length() > 300 ? names.substring(0, 297) + "..."
                        : names)
                .param("severity", severity).param("opened", Times.toDb(first)).param("now", Times.toDb(now))
                .param("last", Times.toDb(last)).param("count", rows.size()).update(key, "id");
        long created = key.getKey().longValue();
        jdbc.sql("UPDATE alert SET incident_id = ? WHERE incident_id = ? AND id IN (" + marks + ")")
                .params(concat(created, id, chosen)).update();
        jdbc.sql("UPDATE incident SET alert_count = alert_count - ? WHERE id = ?").params(rows.size(), id).update();
        timeline.record(id, IncidentEvent.SPLIT, rows.size() + " alerts split off into incident " + created + ": "
                + names, Map.of("into", created));
        timeline.record(created, IncidentEvent.SPLIT, "split off incident " + id + " (" + from.title() + ")",
                Map.of("from", id));
        audit.record("incident.split", "incident", String.valueOf(id), "split " + rows.size() + " alerts into incident "
                + created, Map.of("alerts", from.alertCount()), Map.of("alerts", from.alertCount() - rows.size(),
                        "newIncident", created));
        refreshFamilies(id, from.system());
        refreshFamilies(created, from.system());
        changed(id, now);
        changed(created, now);
        return incidents.get(created);
    }

    /** The alert names the incident holds and their symptom families, read again after alerts moved. */
    private void refreshFamilies(long id, String system) {
        List<String> names = jdbc.sql("SELECT DISTINCT name FROM alert WHERE incident_id = ?").params(id)
                .query(String.class).list();
        jdbc.sql("DELETE FROM incident_alert_name WHERE incident_id = ?").params(id).update();
        for (String name : names) {
            jdbc.sql("INSERT INTO incident_alert_name (name, incident_id) VALUES (?, ?)").params(name, id).update();
        }
        jdbc.sql("UPDATE incident SET symptom_families = ? WHERE id = ?")
                .params(IncidentOpener.join(opener.families(system, names)), id).update();
    }

    private IncidentSummary workable(long id) {
        IncidentSummary incident = incidents.get(id);
        if (!incident.workable()) {
            throw new ConflictException("Incident " + id + " is " + incident.status()
                    + "; only incidents still being worked can be merged or split");
        }
        return incident;
    }

    private void changed(long id, Instant now) {
        jdbc.sql("UPDATE incident SET facts_revision = facts_revision + 1, updated_at = :now, last_activity_at = :now"
                + " WHERE id = :id").param("now", Times.toDb(now)).param("id", id).update();
    }

    private static Object[] concat(Object first, java.util.Collection<Long> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toArray();
    }

    private static Object[] concat(Object first, Object second, java.util.Collection<Long> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first, second), rest.stream()).toArray();
    }
}
