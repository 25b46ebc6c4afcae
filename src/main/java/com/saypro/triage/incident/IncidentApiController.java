package com.saypro.triage.incident;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.diagnosis.IncidentFactsLoader;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.BadRequestException;
import com.saypro.triage.web.Identifier;
import com.saypro.triage.web.JsonBodies;
import com.saypro.triage.web.PlainName;

/** Incidents and their diagnoses, for tools and tests. */
@RestController
@RequestMapping(path = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentApiController {

    private final IncidentRepository incidents;
    private final DiagnosisService diagnoses;
    private final AnswerQuestion answerQuestion;
    private final IncidentLifecycle lifecycle;
    private final MergeAndSplit mergeAndSplit;
    private final IncidentEvents timeline;
    private final IncidentFactsLoader facts;
    private final JsonBodies bodies;

    IncidentApiController(IncidentRepository incidents, DiagnosisService diagnoses, AnswerQuestion answerQuestion,
            IncidentLifecycle lifecycle, MergeAndSplit mergeAndSplit, IncidentEvents timeline,
            IncidentFactsLoader facts, JsonBodies bodies) {
        this.mergeAndSplit = mergeAndSplit;
        this.incidents = incidents;
        this.facts = facts;
        this.lifecycle = lifecycle;
        this.timeline = timeline;
        this.diagnoses = diagnoses;
        this.answerQuestion = answerQuestion;
        this.bodies = bodies;
    }

    @GetMapping
    List<IncidentSummary> list(@RequestParam(required = false) String status,
            @RequestParam(defaultValue = "200") int limit) {
        Set<IncidentStatus> statuses = statuses(status);
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit", "must be between 1 and 1000");
        }
        List<IncidentSummary> listed = incidents.list(statuses, limit);
        // Top causes as of now, not as of the last background pass: those not current are diagnosed now.
        if (diagnoses.bringUpToDate(listed.stream().map(IncidentSummary::id).toList())) {
            listed = incidents.list(statuses, limit);
        }
        return listed;
    }

    /**
     * {@code status}: one or more of open, acknowledged, verifying, closed (comma-separated);
     * {@code resolved} means verifying and closed.
     */
    static Set<IncidentStatus> statuses(String status) {
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        if (status == null || status.isBlank()) {
            return statuses;
        }
        for (String part : status.split(",")) {
            String code = part.trim().toLowerCase(Locale.ROOT);
            if (code.equals("resolved")) {
                statuses.add(IncidentStatus.VERIFYING);
                statuses.add(IncidentStatus.CLOSED);
                continue;
            }
            try {
                statuses.add(IncidentStatus.of(code));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("status",
                        "must be open, acknowledged, verifying, closed or resolved (was '" + part.trim() + "')");
            }
        }
        return statuses;
    }

    @GetMapping("/{id}")
    IncidentSummary incident(@PathVariable long id) {
        return incidents.get(id);
    }

    /** The incident's alerts in the order they arrived, {@code limit} (at most 5,000) from {@code offset}. */
    @GetMapping("/{id}/alerts")
    List<StoredAlert> alerts(@PathVariable long id, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "1000") int limit) {
        if (offset < 0) {
            throw new BadRequestException("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > 5000) {
            throw new BadRequestException("limit", "must be between 1 and 5000");
        }
        incidents.get(id);
        return incidents.alerts(id, offset, limit);
    }

    /**
     * The incident's diagnosis; for a resolved incident, as it was when resolved. Read as
     * stored: when it is not ready within {@code triage.diagnosis.read-wait}, the latest one
     * marked {@code stale}, or 503 when there is none yet. {@code ?rules=current} instead
     * diagnoses its recorded facts with today's rule base (on the diagnosis worker, like every
     * diagnosis), storing nothing (the record stays as it was).
     */
    @GetMapping("/{id}/diagnosis")
    Diagnosis diagnosis(@PathVariable long id, @RequestParam(required = false) String rules) {
        incidents.get(id);
        if (rules == null || rules.isBlank()) {
            return diagnoses.diagnosis(id);
        }
        if (!rules.equals("current")) {
            throw new BadRequestException("rules", "must be current (or absent) (was '" + rules + "')");
        }
        diagnoses.diagnosis(id);
        return diagnoses.withCurrentRules(id).orElseThrow();
    }

    /** How the analyst resolves an incident (all optional: without a body, the cause is unknown). */
    record ResolveRequest(
            @Pattern(regexp = "confirmed|false_alarm|unknown", message = "must be one of confirmed, false_alarm, unknown")
            String resolution,
            @Identifier @Size(max = 100) String causeCode,
            @Size(max = 20_000) String fix) {
    }

    /** Resolves the incident: it moves to verifying, watched for a recurrence. */
    @PostMapping("/{id}/resolve")
    IncidentSummary resolve(@PathVariable long id, HttpServletRequest request) {
        ResolveRequest body = bodies.optionalObject(request, ResolveRequest.class);
        incidents.get(id);
        return body == null ? lifecycle.resolve(id, null, null, null)
                : lifecycle.resolve(id, body.resolution(), body.causeCode(), body.fix());
    }

    /** Who takes the incident; without one, the caller. */
    record AcknowledgeRequest(@Size(max = 100) String assignee) {
    }

    @PostMapping("/{id}/acknowledge")
    IncidentSummary acknowledge(@PathVariable long id, HttpServletRequest request) {
        AcknowledgeRequest body = bodies.optionalObject(request, AcknowledgeRequest.class);
        incidents.get(id);
        return lifecycle.acknowledge(id, body == null ? null : body.assignee());
    }

    record NoteRequest(@Size(max = 5000) String text) {
    }

    /** Adds a note to the incident's timeline; answers with the timeline. */
    @PostMapping("/{id}/notes")
    List<TimelineEntry> note(@PathVariable long id, HttpServletRequest request) {
        NoteRequest body = bodies.object(request, NoteRequest.class);
        incidents.get(id);
        lifecycle.note(id, body.text());
        return timeline(id);
    }

    /** Incidents to merge into this one. */
    record MergeRequest(@jakarta.validation.constraints.NotNull @Size(min = 1, max = 100) List<Long> incidents) {
    }

    @PostMapping("/{id}/merge")
    IncidentSummary merge(@PathVariable long id, HttpServletRequest request) {
        MergeRequest body = bodies.object(request, MergeRequest.class);
        incidents.get(id);
        return mergeAndSplit.merge(id, body.incidents());
    }

    /** Alerts of this incident to move into a new incident. */
    record SplitRequest(@jakarta.validation.constraints.NotNull @Size(min = 1, max = 10_000) List<Long> alerts) {
    }

    /** Answers 201 with the new incident. */
    @PostMapping("/{id}/split")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    IncidentSummary split(@PathVariable long id, HttpServletRequest request) {
        SplitRequest body = bodies.object(request, SplitRequest.class);
        incidents.get(id);
        return mergeAndSplit.split(id, body.alerts());
    }

    /** The incident's record, oldest first: {@code at}, {@code kind}, {@code summary}, {@code actor}. */
    @GetMapping("/{id}/timeline")
    List<TimelineEntry> timeline(@PathVariable long id) {
        incidents.get(id);
        return TimelineEntry.of(timeline.of(id), facts.loadSignals(id));
    }

    /** The answer is recorded as given by the signed-in user. */
    record AnswerRequest(@Size(max = 100) String question, @Size(max = 100) String answer) {
    }

    @PostMapping("/{id}/answers")
    Diagnosis answer(@PathVariable long id, HttpServletRequest request) {
        AnswerRequest answer = bodies.object(request, AnswerRequest.class);
        return answerQuestion.answer(id, answer.question(), answer.answer());
    }
}
