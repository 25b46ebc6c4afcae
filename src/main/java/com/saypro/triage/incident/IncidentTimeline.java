package com.saypro.triage.incident;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import com.saypro.triage.diagnosis.IncidentFactsLoader;
import com.saypro.triage.timeline.IncidentEvents;

/**
 * The incident's record as {@code GET /api/v1/incidents/{id}/timeline} shows it, for the
 * features built on incidents (post-mortems draft their timeline from it).
 */
@Service
public class IncidentTimeline {

    private final IncidentRepository incidents;
    private final IncidentEvents events;
    private final IncidentFactsLoader facts;
    private final JdbcTemplate jdbc;

    IncidentTimeline(IncidentRepository incidents, IncidentEvents events, IncidentFactsLoader facts, JdbcTemplate jdbc) {
        this.incidents = incidents;
        this.events = events;
        this.facts = facts;
        this.jdbc = jdbc;
    }

    /** Oldest first: the recorded entries and the signals summarised, one line per alert. */
    public List<TimelineEntry> of(long incidentId) {
        incidents.get(incidentId);
        return TimelineEntry.of(events.of(incidentId), facts.loadSignals(incidentId));
    }

    /** As {@link #of(long)}, with the alerts summarised per alert name (first, last, how many). */
    public List<TimelineEntry> condensed(long incidentId) {
        incidents.get(incidentId);
        IncidentFactsLoader.Loaded signals = facts.loadSignals(incidentId);
        // A post-mortem says how often each alert fired: counted here when the facts leave alerts out.
        java.util.Map<String, Integer> held = new java.util.HashMap<>();
        if (signals.alertsSummarised()) {
            jdbc.query("SELECT name, COUNT(*) FROM alert WHERE incident_id = ? GROUP BY name",
                    rs -> {
                        held.put(rs.getString(1), rs.getInt(2));
                    }, incidentId);
        }
        return TimelineEntry.condensed(events.of(incidentId), signals.facts(), held);
    }
}
