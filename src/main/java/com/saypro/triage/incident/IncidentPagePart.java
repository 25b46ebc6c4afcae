package com.saypro.triage.incident;

import java.util.Collection;
import java.util.Map;

import org.springframework.ui.Model;

import com.saypro.triage.diagnosis.Diagnosis;

/**
 * Something a feature built on incidents (playbook runs) shows on the incident page and the
 * board. The pages call every such bean, so this package needs to know none of them.
 */
public interface IncidentPagePart {

    /** Adds what the part's piece of {@code incidents/detail} needs to the page's model. */
    void addTo(IncidentSummary incident, Diagnosis diagnosis, Model model);

    /** A short note per incident for its row on the board ("playbook 2/6"); incidents without one are absent. */
    Map<Long, String> boardNotes(Collection<Long> incidentIds);
}
