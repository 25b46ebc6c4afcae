package com.saypro.triage.playbook;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.web.JsonBodies;

/** Playbook runs of an incident: start one, record its steps, read them. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class PlaybookRunApiController {

    private static final String REQUIRED = "is required";

    private final RunPlaybook runPlaybook;
    private final IncidentRepository incidents;
    private final JsonBodies bodies;

    PlaybookRunApiController(RunPlaybook runPlaybook, IncidentRepository incidents, JsonBodies bodies) {
        this.runPlaybook = runPlaybook;
        this.incidents = incidents;
        this.bodies = bodies;
    }

    record StartRequest(@NotBlank(message = REQUIRED) @Size(max = 100) String playbook) {
    }

    /** 201 with the run; its steps are the playbook's as they read now. */
    @PostMapping("/incidents/{id}/playbook-runs")
    ResponseEntity<PlaybookRun> start(@PathVariable long id, HttpServletRequest request) {
        StartRequest body = bodies.object(request, StartRequest.class);
        PlaybookRun run = runPlaybook.start(id, body.playbook());
        return ResponseEntity.created(URI.create("/api/v1/playbook-runs/" + run.id())).body(run);
    }

    /** The incident's runs, oldest first. */
    @GetMapping("/incidents/{id}/playbook-runs")
    List<PlaybookRun> runs(@PathVariable long id) {
        incidents.get(id);
        return runPlaybook.of(id);
    }

    @GetMapping("/playbook-runs/{runId}")
    PlaybookRun run(@PathVariable long runId) {
        return runPlaybook.run(runId);
    }

    record FindingRequest(@NotBlank(message = REQUIRED) @Size(max = 100) String question,
            @NotBlank(message = REQUIRED) @Size(max = 100) String answer) {
    }

    record StepRequest(
            @NotBlank(message = REQUIRED)
            @Pattern(regexp = "done|failed|skipped", message = "must be one of done, failed, skipped") String outcome,
            @Size(max = 5000) String note,
            @Valid FindingRequest finding) {
    }

    /** Records the step by the caller; a step may be recorded again, the latest counts. */
    @PostMapping("/playbook-runs/{runId}/steps/{position}")
    PlaybookRun step(@PathVariable long runId, @PathVariable int position, HttpServletRequest request) {
        StepRequest body = bodies.object(request, StepRequest.class);
        PlaybookRun.Finding finding = body.finding() == null ? null
                : new PlaybookRun.Finding(body.finding().question(), body.finding().answer());
        return runPlaybook.recordStep(runId, position, body.outcome(), body.note(), finding);
    }
}
