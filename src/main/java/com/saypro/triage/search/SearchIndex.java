package com.saypro.triage.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentChanged;
import com.saypro.triage.timeline.IncidentEvent;

/**
 * Keeps {@code search_entry} current: causes and playbooks at each start (after the seed was
 * applied) and when they change; an incident when it is resolved (its title, system, alerts,
 * confirmed cause, fix and notes), and again on later changes while it stays resolved. Other
 * features add their own entries with {@link #put}.
 */
@Service
public class SearchIndex {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    static final int MAX_BODY = 60_000;

    private final JdbcClient jdbc;
    private final KnowledgeBase knowledge;

    public SearchIndex(JdbcClient jdbc, KnowledgeBase knowledge) {
        this.jdbc = jdbc;
        this.knowledge = knowledge;
    }

    /** Adds or replaces one entry. */
    public void put(String kind, String ref, String title, String body, String system) {
        String text = body == null ? "" : body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
        String heading = title.length() > 500 ? title.substring(0, 497) + "..." : title;
        int updated = jdbc.sql("UPDATE search_entry SET title = ?, body = ?, system_name = ?, updated_at = ?"
                + " WHERE kind = ? AND ref = ?").params(heading, text, system, Times.toDb(Times.now()), kind, ref)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO search_entry (kind, ref, title, body, system_name, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)").params(kind, ref, heading, text, system,
                                Times.toDb(Times.now())).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                put(kind, ref, title, body, system);
            }
        }
    }

    public void remove(String kind, String ref) {
        jdbc.sql("DELETE FROM search_entry WHERE kind = ? AND ref = ?").params(kind, ref).update();
    }

    /** Every cause and playbook of the knowledge base as it is now; entries of removed ones go. */
    public void indexKnowledge() {
        Map<String, Cause> causes = knowledge.causes();
        Map<String, Playbook> playbooks = knowledge.playbooks();
        for (Cause c : causes.values()) {
            List<String> books = c.playbooks().stream().map(p -> playbooks.containsKey(p) ? playbooks.get(p).title() : p)
                    .toList();
            put("cause", c.code(), c.title(), c.description()
                    + (books.isEmpty() ? "" : "\nPlaybooks: " + String.join("; ", books)) + "\n" + c.code() + " "
                    + c.category(), null);
        }
        for (Playbook p : playbooks.values()) {
            put("playbook", p.code(), p.title(), p.steps().stream()
                    .map(s -> s.position() + ". " + s.text()).collect(Collectors.joining("\n"))
                    + (p.risk() == null ? "" : "\nRisk: " + p.risk())
                    + (p.rollback() == null ? "" : "\nRollback: " + p.rollback()) + "\n" + p.code(), null);
        }
        jdbc.sql("SELECT kind, ref FROM search_entry WHERE kind IN ('cause', 'playbook')")
                .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list().forEach(entry -> {
                    boolean gone = entry[0].equals("cause") ? !causes.containsKey(entry[1])
                            : !playbooks.containsKey(entry[1]);
                    if (gone) {
                        remove(entry[0], entry[1]);
                    }
                });
    }

    /**
     * A resolved incident as an entry: what it was about and how it ended; an incident not
     * resolved (or reopened) has none.
     */
    public void indexIncident(long id) {
        record Row(String system, String title, String status, String resolution, String cause, String fix) {
        }
        Row row = jdbc.sql("SELECT system_name, title, status, resolution, confirmed_cause, fix_applied FROM incident"
                + " WHERE id = ? AND merged_into IS NULL").param(id).query((rs, n) -> new Row(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional().orElse(null);
        if (row == null || !(row.status().equals("VERIFYING") || row.status().equals("CLOSED"))) {
            remove("incident", Long.toString(id));
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add("System " + row.system() + ". Resolution: " + (row.resolution() == null ? "unknown"
                : row.resolution().replace('_', ' ')) + ".");
        if (row.cause() != null) {
            parts.add("Root cause: " + knowledge.cause(row.cause()).map(c -> c.title() + " (" + c.code() + ")")
                    .orElse(row.cause()) + ".");
        }
        if (row.fix() != null && !row.fix().isBlank()) {
            parts.add("Fix: " + row.fix());
        }
        parts.add("Alerts: " + String.join(", ", jdbc.sql("SELECT DISTINCT name FROM alert WHERE incident_id = ?"
                + " ORDER BY name").param(id).query(String.class).list()));
        List<String> notes = jdbc.sql("SELECT summary FROM incident_event WHERE incident_id = ? AND kind = 'note'"
                + " ORDER BY at, id").param(id).query(String.class).list();
        if (!notes.isEmpty()) {
            parts.add("Notes: " + String.join(" ", notes));
        }
        put("incident", Long.toString(id), "#" + id + " " + row.title(), String.join("\n", parts), row.system());
    }

    @EventListener(ApplicationReadyEvent.class)
    void indexAtStart() {
        try {
            indexKnowledge();
            // Compared here rather than in SQL: the entry's text key and the incident's number would
            // meet under two collations on MariaDB.
            Set<String> indexed = new HashSet<>(jdbc.sql("SELECT ref FROM search_entry WHERE kind = 'incident'")
                    .query(String.class).list());
            List<Long> missing = jdbc.sql("SELECT id FROM incident WHERE status IN ('VERIFYING', 'CLOSED')"
                    + " AND merged_into IS NULL ORDER BY id").query(Long.class).list().stream()
                    .filter(id -> !indexed.contains(Long.toString(id))).toList();
            missing.forEach(this::indexIncident);
            if (!missing.isEmpty()) {
                log.info("{} resolved incidents added to the knowledge search", missing.size());
            }
        } catch (RuntimeException e) {
            log.warn("Could not bring the knowledge search up to date: {}", e.getMessage());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void incidentChanged(IncidentChanged change) {
        if (change.kind().contains(IncidentEvent.STATUS) || change.kind().contains(IncidentEvent.NOTE)) {
            indexIncident(change.incidentId());
        }
    }
}
