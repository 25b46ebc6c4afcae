package com.saypro.triage.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.DiagnosisKnowledge;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.support.Times;

/**
 * Groups firing alerts into incidents the way incidents happen. New firing alerts of a system
 * join one of its open incidents only while related to it, in this order of preference:
 * <ol>
 * <li>the incident already holds an alert of the same name;</li>
 * <li>it holds an alert of the same symptom family (what the alert catalog, or the alert's
 * words, say the alert shows: a full disk, slow responses...);</li>
 * <li>they started within the correlation window of the incident: no earlier than a window before
 * it opened, no later than a window after its newest alert.</li>
 * </ol>
 * Otherwise a recurrence reopens a verifying incident (an alert of the same name), or a new
 * incident opens. Runs inside the ingestion transaction; requests for the same system queue on
 * the system's row, so two of them never open twin incidents.
 */
@Component
public class IncidentOpener {

    private final JdbcTemplate jdbc;
    private final IncidentLifecycle lifecycle;
    private final DiagnosisKnowledge knowledge;
    private final Duration correlationWindow;
    private final Systems systems;

    public IncidentOpener(JdbcTemplate jdbc, IncidentLifecycle lifecycle, DiagnosisKnowledge knowledge,
            Systems systems, @Value("${triage.incident.correlation-window:30m}") Duration correlationWindow) {
        this.systems = systems;
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
        this.knowledge = knowledge;
        this.correlationWindow = correlationWindow;
    }

    /**
     * New firing alerts of one system: their highest severity, the earliest and latest start,
     * the title an incident opened for them takes, how many they are, and their names.
     */
    public record FiringAlerts(String severity, Instant firstStartsAt, Instant lastStartsAt, String title, int count,
            Set<String> names) {
    }

    private record Candidate(long id, Instant openedAt, Instant lastSignalAt, Set<String> families) {
    }

    /** What each alert name shows, read once: names repeat far more than they vary. */
    private final Map<String, Optional<String>> familyOfName = new java.util.concurrent.ConcurrentHashMap<>();

    /** The incident these alerts belong to: a related open one, a reopened one, or a new one. */
    public long absorb(String system, FiringAlerts firing, Instant now) {
        jdbc.queryForList("SELECT code FROM monitored_system WHERE code = ? FOR UPDATE", String.class, system);
        // Locking reads: they see what other requests committed before the lock, whatever the
        // isolation level's snapshot.
        List<Candidate> open = jdbc.query("SELECT id, opened_at, last_signal_at, symptom_families FROM incident"
                + " WHERE system_name = ? AND status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY last_signal_at DESC, id DESC"
                + " FOR UPDATE", (rs, n) -> new Candidate(rs.getLong(1), Times.fromDb(rs, "opened_at"),
                        Times.fromDb(rs, "last_signal_at"), split(rs.getString("symptom_families"))), system);
        Set<String> families = families(system, firing.names());
        Long found = related(system, firing, families, open).orElseGet(() -> recurrence(system, firing, now));
        long id = found != null ? found : open(system, firing, now);
        Set<String> known = open.stream().filter(c -> c.id() == id).findFirst().map(Candidate::families)
                .orElseGet(() -> split(jdbc.queryForObject("SELECT symptom_families FROM incident WHERE id = ?",
                        String.class, id)));
        if (!known.containsAll(families)) {
            Set<String> all = new TreeSet<>(known);
            all.addAll(families);
            jdbc.update("UPDATE incident SET symptom_families = ? WHERE id = ?", join(all), id);
        }
        jdbc.update("UPDATE incident SET severity = CASE WHEN severity = 'critical' OR ? = 'critical'"
                + " THEN 'critical' WHEN severity = 'warning' OR ? = 'warning' THEN 'warning' ELSE 'info' END,"
                + " alert_count = alert_count + ?, updated_at = ?, last_activity_at = ?,"
                + " last_signal_at = CASE WHEN last_signal_at IS NULL OR last_signal_at < ? THEN ? ELSE last_signal_at END"
                + " WHERE id = ?", firing.severity(), firing.severity(), firing.count(), Times.toDb(now),
                Times.toDb(now), Times.toDb(firing.lastStartsAt()), Times.toDb(firing.lastStartsAt()), id);
        return id;
    }

    private Optional<Long> related(String system, FiringAlerts firing, Set<String> families, List<Candidate> open) {
        if (open.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(",", Collections.nCopies(firing.names().size(), "?"));
        for (Candidate candidate : open) {
            Object[] args = Stream.concat(Stream.of((Object) candidate.id()), firing.names().stream()).toArray();
            if (!jdbc.queryForList("SELECT 1 FROM alert WHERE incident_id = ? AND name IN (" + names + ") LIMIT 1",
                    Integer.class, args).isEmpty()) {
                return Optional.of(candidate.id());
            }
        }
        if (!families.isEmpty()) {
            for (Candidate candidate : open) {
                if (!Collections.disjoint(candidate.families(), families)) {
                    return Optional.of(candidate.id());
                }
            }
        }
        // Close in time: from a window before the incident opened to a window after its newest alert.
        Duration correlationWindow = systems.system(system).flatMap(s -> s.windows().correlationWindow())
                .orElse(this.correlationWindow);
        return open.stream()
                .filter(c -> c.lastSignalAt() != null
                        && !firing.firstStartsAt().isAfter(c.lastSignalAt().plus(correlationWindow))
                        && !firing.lastStartsAt().isBefore(c.openedAt().minus(correlationWindow)))
                .map(Candidate::id).findFirst();
    }

    /** The symptoms the alerts of these names show, as the catalog (or their words) read them. */
    Set<String> families(String system, Collection<String> names) {
        Set<String> families = new TreeSet<>();
        for (String name : names) {
            if (familyOfName.size() > 50_000) {
                familyOfName.clear();
            }
            familyOfName.computeIfAbsent(name, n -> {
                Alert alert = new Alert(0, n, system, "", "warning", "firing", Map.of(), Map.of(), Instant.EPOCH, null,
                        "", 0);
                return knowledge.reader().read(alert).map(AlertReading::getSymptom)
                        .filter(s -> s != null && !AlertReading.NO_SYMPTOM.equals(s));
            }).ifPresent(families::add);
        }
        return families;
    }

    static Set<String> split(String families) {
        Set<String> set = new TreeSet<>();
        if (families != null) {
            for (String f : families.split(",")) {
                if (!f.isBlank()) {
                    set.add(f.trim());
                }
            }
        }
        return set;
    }

    static String join(Set<String> families) {
        String joined = String.join(",", families);
        return joined.length() <= 2000 ? joined : joined.substring(0, joined.lastIndexOf(',', 2000));
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
                + String.join(",", Collections.nCopies(firing.names().size(), "?")) + ") ORDER BY i.id DESC",
                Long.class, Stream.concat(Stream.of(system), firing.names().stream()).toArray());
        for (long id : verifying) {
            String again = String.join(", ", new TreeSet<>(firing.names()));
            if (lifecycle.reopen(id, system, "alert " + again + " fired again on " + system, now)) {
                return id;
            }
        }
        return null;
    }

    private long open(String system, FiringAlerts firing, Instant now) {
        Instant openedAt = firing.firstStartsAt().isAfter(now) ? now : firing.firstStartsAt();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO incident (system_name, title, severity, status,"
                    + " opened_at, updated_at, last_activity_at, last_signal_at, alert_count, facts_revision)"
                    + " VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, 0, 0)", java.sql.Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, system);
            insert.setString(2, title(firing.title()));
            insert.setString(3, firing.severity());
            insert.setObject(4, Times.toDb(openedAt));
            insert.setObject(5, Times.toDb(now));
            insert.setObject(6, Times.toDb(now));
            insert.setObject(7, Times.toDb(firing.lastStartsAt()));
            return insert;
        }, key);
        return key.getKeyList().get(0).values().stream().map(v -> ((Number) v).longValue()).findFirst().orElseThrow();
    }

    /** Marks incidents as needing a new diagnosis. */
    public void factsChanged(Collection<Long> incidentIds, Instant now) {
        List<Object[]> args = incidentIds.stream().map(id -> new Object[] { Times.toDb(now), id }).toList();
        jdbc.batchUpdate("UPDATE incident SET facts_revision = facts_revision + 1, updated_at = ? WHERE id = ?", args);
    }

    /** Signals other than alerts change the facts of their system's open incidents. */
    public List<Long> signalsArrived(Set<String> systems, Instant now) {
        List<Long> touched = new ArrayList<>();
        // Systems in a fixed order, as when alerts arrive, so requests never lock crosswise.
        for (String system : new TreeSet<>(systems)) {
            touched.addAll(jdbc.queryForList("SELECT id FROM incident WHERE system_name = ?"
                    + " AND status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY id", Long.class, system));
        }
        factsChanged(touched, now);
        return touched;
    }

    private static String title(String title) {
        return title.length() > 300 ? title.substring(0, 297) + "..." : title;
    }
}
