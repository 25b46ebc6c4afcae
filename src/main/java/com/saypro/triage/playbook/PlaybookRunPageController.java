package com.saypro.triage.playbook;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/** The incident page's playbook forms: start a run, record a step. */
@Controller
class PlaybookRunPageController {

    private final RunPlaybook runPlaybook;

    PlaybookRunPageController(RunPlaybook runPlaybook) {
        this.runPlaybook = runPlaybook;
    }

    @PostMapping("/incidents/{id}/playbook-runs")
    String start(@PathVariable long id, @RequestParam(required = false) String playbook,
            RedirectAttributes redirect) {
        try {
            PlaybookRun run = runPlaybook.start(id, playbook);
            redirect.addFlashAttribute("notice", "Playbook started: record each step as you go.");
            return "redirect:/incidents/" + id + "#run-" + run.id();
        } catch (InvalidBodyException | ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/incidents/" + id;
        }
    }

    /** {@code finding}: an answer to the question the step answers; empty for none. */
    @PostMapping("/incidents/{id}/playbook-runs/{runId}/steps/{position}")
    String step(@PathVariable long id, @PathVariable long runId, @PathVariable int position,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
            @RequestParam(required = false) String finding, RedirectAttributes redirect) {
        PlaybookRun run = runPlaybook.run(runId);
        if (run.incidentId() != id) {
            throw new NotFoundException("Incident " + id + " has no playbook run " + runId);
        }
        String question = run.step(position).map(PlaybookRun.Step::answers).orElse(null);
        PlaybookRun.Finding found = finding == null || finding.isBlank() ? null
                : new PlaybookRun.Finding(question, finding);
        try {
            runPlaybook.recordStep(runId, position, outcome, note, found);
            redirect.addFlashAttribute("notice", "Step " + position + " recorded: " + outcome
                    + (found == null ? "." : "; the finding was given as the answer and the diagnosis updated."));
        } catch (InvalidBodyException | ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/incidents/" + id + "#run-" + runId + "-step-" + position;
    }
}
