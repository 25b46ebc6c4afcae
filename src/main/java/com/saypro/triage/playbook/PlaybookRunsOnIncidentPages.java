package com.saypro.triage.playbook;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.incident.IncidentPagePart;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.knowledge.KnowledgeBase;

/**
 * The incident page shows, under each candidate's playbook, its latest run (or a button to
 * start it); runs of playbooks no candidate recommends any more are listed after the causes.
 * The board shows the progress of each incident's latest run.
 */
@Component
class PlaybookRunsOnIncidentPages implements IncidentPagePart {

    private final PlaybookRuns runs;
    private final KnowledgeBase knowledge;

    PlaybookRunsOnIncidentPages(PlaybookRuns runs, KnowledgeBase knowledge) {
        this.runs = runs;
        this.knowledge = knowledge;
    }

    @Override
    public void addTo(IncidentSummary incident, Diagnosis diagnosis, Model model) {
        List<PlaybookRun> all = runs.of(incident.id());
        Set<String> shown = diagnosis.candidates().stream().flatMap(c -> c.playbooks().stream())
                .map(p -> p.code()).collect(Collectors.toSet());
        Map<String, PlaybookRun> latest = new LinkedHashMap<>();
        all.stream().filter(r -> shown.contains(r.playbook())).forEach(r -> latest.put(r.playbook(), r));
        model.addAttribute("runByPlaybook", latest);
        model.addAttribute("otherRuns", all.stream().filter(r -> !latest.containsValue(r)).toList());
        model.addAttribute("runQuestions", knowledge.questions());
    }

    @Override
    public Map<Long, String> boardNotes(Collection<Long> incidentIds) {
        Map<Long, String> notes = new LinkedHashMap<>();
        runs.latestProgress(incidentIds).forEach((id, p) -> notes.put(id, "playbook " + p[0] + "/" + p[1]));
        return notes;
    }
}
