package com.saypro.triage.pastincidents;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.incident.IncidentPagePart;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.learning.SimilarIncidents;

/**
 * "Similar past incidents" on the incident page: the resolved incidents most like this one,
 * how they were resolved and with which fix, and their post-mortems, so the analyst can start
 * from what worked before.
 */
@Component
class SimilarOnIncidentPages implements IncidentPagePart {

    static final int SHOWN = 5;

    private final SimilarIncidents similar;
    private final KnowledgeBase knowledge;
    private final JdbcClient jdbc;

    SimilarOnIncidentPages(SimilarIncidents similar, KnowledgeBase knowledge, JdbcClient jdbc) {
        this.similar = similar;
        this.knowledge = knowledge;
        this.jdbc = jdbc;
    }

    @Override
    public void addTo(IncidentSummary incident, Diagnosis diagnosis, Model model) {
        List<SimilarIncidents.Similar> shown = similar.similarTo(incident.id(), SHOWN);
        model.addAttribute("similar", shown);
        model.addAttribute("similarCauseTitles", knowledge.causes());
        model.addAttribute("similarPostmortems", postmortems(shown.stream().map(SimilarIncidents.Similar::id).toList()));
    }

    /** The post-mortem of each of these incidents that has one: incident id to post-mortem id and status. */
    private Map<Long, String[]> postmortems(List<Long> incidents) {
        Map<Long, String[]> found = new HashMap<>();
        if (!incidents.isEmpty()) {
            jdbc.sql("SELECT incident_id, id, status FROM postmortem WHERE incident_id IN (:ids)").param("ids", incidents)
                    .query(rs -> {
                        found.put(rs.getLong(1), new String[] { Long.toString(rs.getLong(2)),
                            rs.getString(3).toLowerCase(Locale.ROOT).replace('_', ' ') });
                    });
        }
        return found;
    }

    @Override
    public Map<Long, String> boardNotes(Collection<Long> incidentIds) {
        return Map.of();
    }
}
