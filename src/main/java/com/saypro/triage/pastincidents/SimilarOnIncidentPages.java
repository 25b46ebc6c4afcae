package com.saypro.triage.pastincidents;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.incident.IncidentPagePart;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.learning.SimilarIncidents;

/**
 * "Similar past incidents" on the incident page: the resolved incidents most like this one,
 * how they were resolved and with which fix, so the analyst can start from what worked before.
 */
@Component
class SimilarOnIncidentPages implements IncidentPagePart {

    static final int SHOWN = 5;

    private final SimilarIncidents similar;
    private final KnowledgeBase knowledge;

    SimilarOnIncidentPages(SimilarIncidents similar, KnowledgeBase knowledge) {
        this.similar = similar;
        this.knowledge = knowledge;
    }

    @Override
    public void addTo(IncidentSummary incident, Diagnosis diagnosis, Model model) {
        model.addAttribute("similar", similar.similarTo(incident.id(), SHOWN));
        model.addAttribute("similarCauseTitles", knowledge.causes());
    }

    @Override
    public Map<Long, String> boardNotes(Collection<Long> incidentIds) {
        return Map.of();
    }
}
