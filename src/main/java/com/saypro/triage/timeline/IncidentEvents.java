package com.saypro.triage.timeline;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

/**
 * The incident's record (the one owner of {@code incident_event}): entries are appended in the
 * transaction of the change they describe, never changed, and each append announces an
 * {@link IncidentChanged}.
 */
@Repository
public class IncidentEvents {

    private static final int MAX_SUMMARY = 1000;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    IncidentEvents(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Appends an entry by the current actor; {@code detail} is written as JSON (null: none). */
    public void record(long incidentId, String kind, String summary, Object detail) {
        recordAs(Actor.current(), Times.now(), incidentId, kind, summary, detail);
    }

    public void recordAs(String actor, Instant at, long incidentId, String kind, String summary, Object detail) {
        String text = summary == null ? "" : summary;
        jdbc.sql("""
                INSERT INTO incident_event (incident_id, at, kind, summary, actor, detail)
                VALUES (:incident, :at, :kind, :summary, :actor, :detail)""")
                .param("incident", incidentId).param("at", Times.toDb(at)).param("kind", kind)
                .param("summary", text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…")
                .param("actor", actor.length() <= 100 ? actor : actor.substring(0, 100))
                .param("detail", detail == null ? null : Json.write(detail)).update();
        events.publishEvent(new IncidentChanged(incidentId, kind));
    }

    /** The incident's entries, oldest first. */
    public List<IncidentEvent> of(long incidentId) {
        return jdbc.sql("SELECT * FROM incident_event WHERE incident_id = :id ORDER BY at, id").param("id", incidentId)
                .query((rs, n) -> new IncidentEvent(rs.getLong("id"), rs.getLong("incident_id"), Times.fromDb(rs, "at"),
                        rs.getString("kind"), rs.getString("summary"), rs.getString("actor"), rs.getString("detail")))
                .list();
    }

}
