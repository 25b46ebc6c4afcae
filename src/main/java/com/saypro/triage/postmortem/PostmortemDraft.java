package com.saypro.triage.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.incident.IncidentTimeline;
import com.saypro.triage.incident.StoredAlert;
import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.playbook.RunPlaybook;
import com.saypro.triage.web.ViewFormat;

/**
 * Drafts a post-mortem from a resolved incident's record: the timeline (its entries, the
 * signals summarised, alerts per name), the impact (from the first alert or the opening to the
 * resolution), the root cause and fix from the resolution, first lines of what went well and
 * wrong read from the figures, and the snapshots reviewers read: the causes the frozen
 * diagnosis ranked with the rules that fired, and the playbook runs with their steps.
 * <p>
 * Snapshots rather than reading the diagnosis again later: the diagnosis is frozen only while
 * the incident stays resolved, and a recurrence reopens it; the post-mortem keeps what was
 * true when it was written.
 */
@Component
class PostmortemDraft {

    /** The causes kept as evidence: the top ones, and the confirmed one wherever it ranked. */
    private static final int CAUSES = 3;
    private static final ViewFormat FORMAT = new ViewFormat();

    private final IncidentRepository incidents;
    private final IncidentTimeline timeline;
    private final DiagnosisService diagnoses;
    private final RunPlaybook playbooks;
    private final KnowledgeBase knowledge;

    PostmortemDraft(IncidentRepository incidents, IncidentTimeline timeline, DiagnosisService diagnoses,
            RunPlaybook playbooks, KnowledgeBase knowledge) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.diagnoses = diagnoses;
        this.playbooks = playbooks;
        this.knowledge = knowledge;
    }

    Postmortems.Draft of(IncidentSummary incident) {
        long id = incident.id();
        List<StoredAlert> alerts = incidents.alerts(id);
        Diagnosis diagnosis = diagnoses.diagnosis(id);
        IncidentSummary.Resolution resolution = incident.resolution();
        String confirmed = resolution == null ? null : resolution.causeCode();
        Instant firstAlert = alerts.stream().map(StoredAlert::startsAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        Instant started = firstAlert != null && firstAlert.isBefore(incident.openedAt()) ? firstAlert
                : incident.openedAt();
        Postmortem.Impact impact = new Postmortem.Impact(started, incident.resolvedAt(), List.of(incident.system()),
                null, impact(incident, alerts, started));
        return new Postmortems.Draft(id, clip("Post-mortem: " + incident.title(), 300), summary(incident),
                impact, confirmed, rootCause(resolution), resolution == null ? null : resolution.fix(),
                wentWell(incident, diagnosis, confirmed), wentWrong(incident, diagnosis, confirmed),
                timeline.condensed(id), diagnosis.ruleBaseVersion(), evidence(diagnosis, confirmed),
                playbooks.of(id));
    }

    private static List<Postmortem.CauseEvidence> evidence(Diagnosis diagnosis, String confirmed) {
        return diagnosis.candidates().stream()
                .filter(c -> c.rank() <= CAUSES || c.causeCode().equals(confirmed))
                .map(c -> new Postmortem.CauseEvidence(c.rank(), c.causeCode(), c.title(), c.category(),
                        c.confidence(), c.causeCode().equals(confirmed), c.evidence()))
                .toList();
    }

    private String summary(IncidentSummary incident) {
        IncidentSummary.Resolution resolution = incident.resolution();
        String how = resolution == null ? "" : switch (resolution.kind()) {
            case "confirmed" -> " The root cause was " + causeTitle(resolution.causeCode()) + ".";
            case "false_alarm" -> " It was a false alarm.";
            default -> " The cause was not found.";
        };
        return "Incident " + incident.id() + " on " + incident.system() + " (" + incident.severity() + "), \""
                + incident.title() + "\", was resolved after " + duration(incident.secondsToResolve())
                + (resolution == null || resolution.by() == null ? "" : " by " + resolution.by()) + "." + how;
    }

    private static String impact(IncidentSummary incident, List<StoredAlert> alerts, Instant started) {
        String names = alerts.stream().map(StoredAlert::name).distinct().sorted().collect(Collectors.joining(", "));
        String span = incident.resolvedAt() == null ? ""
                : " over " + duration(Duration.between(started, incident.resolvedAt()).toSeconds());
        return (alerts.size() == 1 ? "1 alert" : alerts.size() + " alerts")
                + (names.isEmpty() ? "" : " (" + names + ")")
                + " on " + incident.system() + span + ".";
    }

    private String rootCause(IncidentSummary.Resolution resolution) {
        if (resolution == null) {
            return null;
        }
        return switch (resolution.kind()) {
            case "confirmed" -> knowledge.cause(resolution.causeCode())
                    .map(c -> c.title() + ": " + c.description()).orElse(resolution.causeCode());
            case "false_alarm" -> "A false alarm: nothing needed fixing.";
            default -> "Not found: the incident was resolved with the cause unknown.";
        };
    }

    private static String wentWell(IncidentSummary incident, Diagnosis diagnosis, String confirmed) {
        List<String> lines = new ArrayList<>();
        if (incident.secondsToAcknowledge() != null) {
            lines.add("Acknowledged " + duration(incident.secondsToAcknowledge()) + " after it opened.");
        }
        if (confirmed != null && diagnosis.top() != null && confirmed.equals(diagnosis.top().causeCode())) {
            lines.add("The diagnosis ranked the confirmed root cause first.");
        }
        if (Boolean.TRUE.equals(incident.fixHeld())) {
            lines.add("The fix held through the watch window.");
        }
        return lines.isEmpty() ? null : "- " + String.join("\n- ", lines);
    }

    private static String wentWrong(IncidentSummary incident, Diagnosis diagnosis, String confirmed) {
        List<String> lines = new ArrayList<>();
        if (incident.reopened()) {
            lines.add("The incident came back after it was resolved: the first fix did not hold.");
        }
        if (confirmed != null) {
            diagnosis.candidates().stream().filter(c -> c.causeCode().equals(confirmed)).findFirst().ifPresentOrElse(
                    c -> {
                        if (c.rank() > 1) {
                            lines.add("The diagnosis ranked the confirmed root cause number " + c.rank()
                                    + ", not first.");
                        }
                    }, () -> lines.add("No rule pointed at the confirmed root cause."));
        }
        return lines.isEmpty() ? null : "- " + String.join("\n- ", lines);
    }

    private String causeTitle(String code) {
        return knowledge.cause(code).map(Cause::title).orElse(code);
    }

    /** "45 s", "12 min", "3.5 h", "2.1 d", as the pages write durations. */
    static String duration(Long seconds) {
        return seconds == null ? "an unknown time" : FORMAT.seconds(seconds);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
