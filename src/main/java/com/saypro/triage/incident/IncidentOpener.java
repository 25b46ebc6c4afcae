package com.saypro.triage.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.saypro.triage.support.Times;

/**
 * Groups firing alerts into incidents: one open incident per system absorbs every new
 * firing alert of that system. Runs inside the ingestion transaction.
 */
@Component
public class IncidentOpener {

    private final JdbcTemplate jdbc;
    private final IncidentLifecycle lifecycle;

    public IncidentOpener(JdbcTemplate jdbc, IncidentLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
    }

    /**
     * New firing alerts of one system: their highest severity, the earliest start, the title
     * an incident opened for them takes, and how many they are.
     */
    public record FiringAlerts(String severity, Instant firstStartsAt, String title, int count, Set<String> names) {
    }

    /** The open incident of the system, opened now if there is none, updated for these alerts. */
    public long absorb(String system, FiringAlerts firing, Instant now) {
        // The first look may use the transaction's snapshot; after that, locking reads see what
        // other requests committed since (under MariaDB's repeatable read a plain read would not).
        Long id = openIncident(system);
        if (id == null) {
            id = recurrence(system, firing, now);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (id == null) {
                id = open(system, firing, now);
            }
            // Locking update, and only while the incident is still open: an analyst may have
            // resolved it a moment ago, and then these alerts open a new one.
            int updated = jdbc.update("UPDATE incident SET severity = CASE WHEN severity = 'critical' OR ? = 'critical'"
                    + " THEN 'critical' WHEN severity = 'warning' OR ? = 'warning' THEN 'warning' ELSE 'info' END,"
                    + " alert_count = alert_count + ?, updated_at = ?, last_activity_at = ? WHERE id = ?"
                    + " AND status IN ('OPEN', 'ACKNOWLEDGED')",
                    firing.severity(), firing.severity(), firing.count(), Times.toDb(now), Times.toDb(now), id);
            if (updated == 1) {
                return id;
            }
            id = lockOpenIncident(system);
        }
        throw new org.springframework.dao.PessimisticLockingFailureException(
                "The open incident of " + system + " kept changing; try again") {
        };
    }

    /**
     * A firing alert of the system with the name of one of a verifying incident's alerts is a
     * recurrence: that incident opens again instead of a new one.
     */
    private Long recurrence(String system, FiringAlerts firing, Instant now) {
        if (firing.names().isEmpty()) {
            return null;
        }
        List<Long> verifying = jdbc.queryForList("SELECT DISTINCT i.id FROM incident i JOIN alert a ON a.incident_id = i.id"
                + " WHERE i.system_name = ? AND i.status = 'VERIFYING' AND a.name IN ("
                + String.join(",", java.util.Collections.nCopies(firing.names().size(), "?")) + ") ORDER BY i.id DESC",
                Long.class, java.util.stream.Stream.concat(java.util.stream.Stream.of(system),
                        firing.names().stream()).toArray());
        for (long id : verifying) {
            String again = firing.names().stream().sorted().collect(java.util.stream.Collectors.joining(", "));
            if (lifecycle.reopen(id, system, "alert " + again + " fired again on " + system, now)) {
                return id;
            }
        }
        return null;
    }

    private long open(String system, FiringAlerts firing, Instant now) {
        Instant openedAt = firing.firstStartsAt().isAfter(now) ? now : firing.firstStartsAt();
        try {
            jdbc.update("INSERT INTO incident (system_name, title, severity, status, open_system, opened_at,"
                    + " updated_at, last_activity_at, alert_count, facts_revision) VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, 0, 0)",
                    system, title(firing.title()), firing.severity(), system, Times.toDb(openedAt), Times.toDb(now),
                    Times.toDb(now));
        } catch (DuplicateKeyException raced) {
            // Another request opened it a moment ago: join that one.
        }
        Long id = lockOpenIncident(system);
        if (id == null) {
            throw new org.springframework.dao.PessimisticLockingFailureException(
                    "The open incident of " + system + " was resolved while alerts arrived; try again") {
            };
        }
        return id;
    }

    private Long lockOpenIncident(String system) {
        return jdbc.queryForList("SELECT id FROM incident WHERE open_system = ? FOR UPDATE", Long.class, system)
                .stream().findFirst().orElse(null);
    }

    /** Marks incidents as needing a new diagnosis. */
    public void factsChanged(Collection<Long> incidentIds, Instant now) {
        List<Object[]> args = incidentIds.stream().map(id -> new Object[] { Times.toDb(now), id }).toList();
        jdbc.batchUpdate("UPDATE incident SET facts_revision = facts_revision + 1, updated_at = ? WHERE id = ?", args);
    }

    /** Signals other than alerts change the facts of their system's open incident, if any. */
    public List<Long> signalsArrived(Set<String> systems, Instant now) {
        List<Long> touched = new ArrayList<>();
        // Systems in a fixed order, as when alerts arrive, so requests never lock crosswise.
        for (String system : new java.util.TreeSet<>(systems)) {
            Long id = openIncident(system);
            if (id != null) {
                touched.add(id);
            }
        }
        factsChanged(touched, now);
        return touched;
    }

    private Long openIncident(String system) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM incident WHERE open_system = ?", Long.class, system);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String title(String title) {
        return title.length() > 300 ? title.substring(0, 297) + "..." : title;
    }
}
