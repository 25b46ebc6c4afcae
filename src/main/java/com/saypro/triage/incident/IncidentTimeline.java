package com.saypro.triage.incident;

import java.util.List;

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

    IncidentTimeline(IncidentRepository incidents, IncidentEvents events, IncidentFactsLoader facts) {
        this.incidents = incidents;
        this.events = events;
        this.facts = facts;
    }

    /** Oldest first: the recorded entries and the signals summarised, one line per alert. */
    public List<TimelineEntry> of(long incidentId) {
        incidents.get(incidentId);
        return TimelineEntry.of(events.of(incidentId), facts.loadSignals(incidentId));
    }

    /** As {@link #of(long)}, with the alerts summarised per alert name (first, last, how many). */
    public List<TimelineEntry> condensed(long incidentId) {
        incidents.get(incidentId);
        return TimelineEntry.condensed(events.of(incidentId), facts.loadSignals(incidentId));
    }
}
