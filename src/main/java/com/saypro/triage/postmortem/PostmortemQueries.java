package com.saypro.triage.postmortem;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentSummary;

/**
 * What the pages and the API read about post-mortems: the list with each one's incident and
 * open or overdue action items, the incidents that owe one, the open action items, Markdown.
 */
@Service
public class PostmortemQueries {

    /** The severities whose resolved incidents must have a post-mortem (the two highest). */
    public static final List<String> REQUIRED_FOR = List.of("critical", "warning");

    private final Postmortems postmortems;
    private final IncidentRepository incidents;

    PostmortemQueries(Postmortems postmortems, IncidentRepository incidents) {
        this.postmortems = postmortems;
        this.incidents = incidents;
    }

    List<Postmortem.Line> list(String status, int limit) {
        List<Postmortems.Row> rows = postmortems.list(status, limit);
        Map<Long, IncidentSummary> byId = incidents.findAll(rows.stream().map(Postmortems.Row::incidentId).toList())
                .stream().collect(Collectors.toMap(IncidentSummary::id, Function.identity()));
        return rows.stream().map(r -> {
            IncidentSummary incident = byId.get(r.incidentId());
            return new Postmortem.Line(r.id(), r.incidentId(), r.status(), r.title(),
                    incident == null ? null : incident.system(), incident == null ? null : incident.severity(),
                    r.createdBy(), r.createdAt(), r.publishedAt(), r.openActions(), r.overdueActions());
        }).toList();
    }

    /** Resolved critical and warning incidents without a post-mortem, the most recently resolved first. */
    List<IncidentSummary> owed(int limit) {
        List<Long> ids = postmortems.owedIncidentIds(limit);
        Map<Long, IncidentSummary> byId = incidents.findAll(ids).stream()
                .collect(Collectors.toMap(IncidentSummary::id, Function.identity()));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    List<Postmortems.OpenAction> openActions(int limit) {
        return postmortems.openActions(limit);
    }

    /** The id of the incident's post-mortem, if it has one. */
    public Optional<Long> ofIncident(long incidentId) {
        return postmortems.idOfIncident(incidentId);
    }

    public static boolean required(String severity) {
        return REQUIRED_FOR.contains(severity);
    }

    String markdown(long id) {
        Postmortem p = postmortems.find(id).orElseThrow(
                () -> new com.saypro.triage.web.NotFoundException("There is no post-mortem " + id));
        return PostmortemMarkdown.render(p, incidents.find(p.incidentId()).map(IncidentSummary::title).orElse(null));
    }
}
