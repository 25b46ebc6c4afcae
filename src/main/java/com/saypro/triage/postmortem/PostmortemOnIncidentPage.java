package com.saypro.triage.postmortem;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.incident.IncidentPagePart;
import com.saypro.triage.incident.IncidentSummary;

/**
 * The incident page links to the incident's post-mortem, or, once it is resolved, offers to
 * write one: required for critical and warning incidents, offered for the others.
 */
@Component
class PostmortemOnIncidentPage implements IncidentPagePart {

    private final PostmortemQueries queries;
    private final PostmortemWorkflow workflow;

    PostmortemOnIncidentPage(PostmortemQueries queries, PostmortemWorkflow workflow) {
        this.queries = queries;
        this.workflow = workflow;
    }

    @Override
    public void addTo(IncidentSummary incident, Diagnosis diagnosis, Model model) {
        model.addAttribute("postmortem", queries.ofIncident(incident.id()).map(workflow::get).orElse(null));
        model.addAttribute("postmortemRequired", PostmortemQueries.required(incident.severity()));
    }

    @Override
    public Map<Long, String> boardNotes(Collection<Long> incidentIds) {
        return Map.of();
    }
}
