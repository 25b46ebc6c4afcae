package com.saypro.triage.playbook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.incident.AnswerQuestion;
import com.saypro.triage.incident.IncidentLifecycle;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentEvent;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/**
 * The analyst follows a playbook on an incident: starts it (its steps are copied as they read
 * now) and records each step's outcome, note and, for a check step that answers a question,
 * the finding, which is given as the answer to that question so the diagnosis changes at
 * once. Only while the incident is open or acknowledged; every start and step lands on the
 * incident's timeline and in the audit log with who did it.
 */
@Service
public class RunPlaybook {

    public static final List<String> OUTCOMES = List.of("done", "failed", "skipped");

    private final PlaybookRuns runs;
    private final IncidentLifecycle lifecycle;
    private final KnowledgeBase knowledge;
    private final AnswerQuestion answerQuestion;
    private final IncidentEvents timeline;
    private final AuditLog audit;

    RunPlaybook(PlaybookRuns runs, IncidentLifecycle lifecycle, KnowledgeBase knowledge,
            AnswerQuestion answerQuestion, IncidentEvents timeline, AuditLog audit) {
        this.runs = runs;
        this.lifecycle = lifecycle;
        this.knowledge = knowledge;
        this.answerQuestion = answerQuestion;
        this.timeline = timeline;
        this.audit = audit;
    }

    @Transactional
    public PlaybookRun start(long incidentId, String playbookCode) {
        if (playbookCode == null || playbookCode.isBlank()) {
            throw new InvalidBodyException("playbook", "is required");
        }
        Playbook playbook = knowledge.playbook(playbookCode.trim()).orElseThrow(
                () -> new InvalidBodyException("playbook", "there is no playbook '" + playbookCode.trim() + "'"));
        lifecycle.lockWorkable(incidentId, "start a playbook");
        String by = Actor.current();
        long id = runs.start(incidentId, playbook, by, Times.now());
        timeline.record(incidentId, IncidentEvent.PLAYBOOK, "started playbook " + playbook.title() + " ("
                + playbook.steps().size() + " steps)", Map.of("run", id, "playbook", playbook.code()));
        audit.record("playbook.started", "playbook-run", String.valueOf(id),
                "started playbook " + playbook.code() + " on incident " + incidentId, null,
                Map.of("incident", incidentId, "playbook", playbook.code()));
        return run(id);
    }

    /**
     * Records the step (again: the latest recording counts). {@code finding}, optional, only
     * for a step done that answers a question, and only with that question and one of its options.
     */
    @Transactional
    public PlaybookRun recordStep(long runId, int position, String outcome, String note, PlaybookRun.Finding finding) {
        // A step's kind and question never change, so the request is checked before the incident is locked.
        PlaybookRun started = run(runId);
        PlaybookRun.Step asStarted = started.step(position)
                .orElseThrow(() -> new NotFoundException("Playbook run " + runId + " has no step " + position));
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new InvalidBodyException("outcome", "must be one of " + String.join(", ", OUTCOMES));
        }
        if (finding != null) {
            checkFinding(asStarted, outcome, finding);
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        lifecycle.lockWorkable(started.incidentId(), "take playbook steps");
        PlaybookRun run = run(runId);
        PlaybookRun.Step step = run.step(position).orElseThrow();
        Instant now = Times.now();
        runs.recordStep(runId, position, outcome, text, finding, Actor.current(), now);
        timeline.record(run.incidentId(), IncidentEvent.PLAYBOOK, run.title() + ", step " + position + " of "
                + run.steps().size() + " (" + step.kind() + "): " + outcome + (text == null ? "" : "; note: " + text)
                + (finding == null ? "" : "; finding: " + finding.question() + " " + finding.answer()),
                detail(run, position, outcome, finding));
        audit.record("playbook.step-recorded", "playbook-run", String.valueOf(runId),
                "step " + position + " of " + run.playbook() + ": " + outcome,
                state(step.outcome(), step.note(), step.finding()), state(outcome, text, finding));
        if (finding != null) {
            answerQuestion.record(run.incidentId(), finding.question(), finding.answer());
        }
        return run(runId);
    }

    public PlaybookRun run(long runId) {
        return runs.find(runId).orElseThrow(() -> new NotFoundException("There is no playbook run " + runId));
    }

    /** The incident's runs, oldest first. */
    public List<PlaybookRun> of(long incidentId) {
        return runs.of(incidentId);
    }

    private void checkFinding(PlaybookRun.Step step, String outcome, PlaybookRun.Finding finding) {
        if (step.answers() == null) {
            throw new InvalidBodyException("finding", "step " + step.position() + " (" + step.kind()
                    + ") answers no question; write what you found in the note");
        }
        if (!outcome.equals("done")) {
            throw new InvalidBodyException("finding", "only a step done has a finding (this one is " + outcome + ")");
        }
        if (!step.answers().equals(finding.question())) {
            throw new InvalidBodyException("finding.question", "step " + step.position() + " answers "
                    + step.answers() + " (was '" + finding.question() + "')");
        }
        KbQuestion question = knowledge.question(step.answers()).orElseThrow(() -> new InvalidBodyException(
                "finding.question", "the knowledge base no longer has question " + step.answers()));
        if (finding.answer() == null || !question.options().contains(finding.answer())) {
            throw new InvalidBodyException("finding.answer", "must be one of " + String.join(", ", question.options())
                    + " (was '" + finding.answer() + "')");
        }
    }

    private static Map<String, Object> detail(PlaybookRun run, int position, String outcome,
            PlaybookRun.Finding finding) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("run", run.id());
        detail.put("playbook", run.playbook());
        detail.put("position", position);
        detail.put("outcome", outcome);
        if (finding != null) {
            detail.put("finding", finding);
        }
        return detail;
    }

    private static Map<String, Object> state(String outcome, String note, PlaybookRun.Finding finding) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("outcome", outcome == null ? "" : outcome);
        state.put("note", note == null ? "" : note);
        if (finding != null) {
            state.put("finding", finding.question() + "=" + finding.answer());
        }
        return state;
    }
}
