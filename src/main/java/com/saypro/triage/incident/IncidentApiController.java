package com.saypro.triage.incident;

import java.util.List;
import java.util.Locale;

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
import com.saypro.triage.web.BadRequestException;
import com.saypro.triage.web.JsonBodies;
import com.saypro.triage.web.Identifier;
import com.saypro.triage.web.PlainName;

/** Incidents and their diagnoses, for tools and tests. */
@RestController
@RequestMapping(path = "/api/v1/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentApiController {

    private static final List<String> STATUSES = List.of("open", "resolved");
    private static final int STALE_REFRESH_LIMIT = 20;

    private final IncidentRepository incidents;
    private final DiagnosisService diagnoses;
    private final AnswerQuestion answerQuestion;
    private final ResolveIncident resolveIncident;
    private final JsonBodies bodies;

    IncidentApiController(IncidentRepository incidents, DiagnosisService diagnoses, AnswerQuestion answerQuestion,
            ResolveIncident resolveIncident, JsonBodies bodies) {
        this.incidents = incidents;
        this.resolveIncident = resolveIncident;
        this.diagnoses = diagnoses;
        this.answerQuestion = answerQuestion;
        this.bodies = bodies;
    }

    @GetMapping
    List<IncidentSummary> list(@RequestParam(required = false) String status,
            @RequestParam(defaultValue = "200") int limit) {
        if (status != null && !STATUSES.contains(status.toLowerCase(Locale.ROOT))) {
            throw new BadRequestException("status", "must be open or resolved (was '" + status + "')");
        }
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit", "must be between 1 and 1000");
        }
        // Top causes as of now, not as of the last background pass.
        diagnoses.refreshStale(STALE_REFRESH_LIMIT);
        return incidents.list(status == null ? null : status.toUpperCase(Locale.ROOT), limit);
    }

    @GetMapping("/{id}")
    IncidentSummary incident(@PathVariable long id) {
        return incidents.get(id);
    }

    @GetMapping("/{id}/alerts")
    List<StoredAlert> alerts(@PathVariable long id) {
        incidents.get(id);
        return incidents.alerts(id);
    }

    @GetMapping("/{id}/diagnosis")
    Diagnosis diagnosis(@PathVariable long id) {
        incidents.get(id);
        return diagnoses.diagnosis(id);
    }

    /**
     * How the analyst closes an incident. The body is optional and, for now, only checked:
     * closing does not yet record the resolution.
     */
    record ResolveRequest(
            @Pattern(regexp = "confirmed|false_alarm|unknown", message = "must be one of confirmed, false_alarm, unknown")
            String resolution,
            @Identifier @Size(max = 100) String causeCode,
            @Size(max = 20_000) String fix) {
    }

    /** Closes the incident (idempotent); new alerts of its system then open a new one. */
    @PostMapping("/{id}/resolve")
    IncidentSummary resolve(@PathVariable long id, HttpServletRequest request) {
        bodies.optionalObject(request, ResolveRequest.class);
        incidents.get(id);
        resolveIncident.resolve(id);
        return incidents.get(id);
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
