package com.saypro.triage.incident;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.timeline.IncidentEvent;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/** The analyst answers one of the engine's questions; the diagnosis is computed again. */
@Service
public class AnswerQuestion {

    private final IncidentRepository incidents;
    private final KnowledgeBase knowledge;
    private final DiagnosisService diagnoses;
    private final AuditLog audit;
    private final IncidentEvents timeline;
    private final TransactionTemplate transactions;

    public AnswerQuestion(IncidentRepository incidents, KnowledgeBase knowledge, DiagnosisService diagnoses,
            AuditLog audit, IncidentEvents timeline, TransactionTemplate transactions) {
        this.timeline = timeline;
        this.incidents = incidents;
        this.knowledge = knowledge;
        this.diagnoses = diagnoses;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * The signed-in user answers; the change is audited. Answers with the diagnosis that takes
     * the answer into account, made by the diagnosis worker once the answer is committed.
     */
    public Diagnosis answer(long incidentId, String question, String answer) {
        transactions.executeWithoutResult(status -> record(incidentId, question, answer));
        return diagnoses.diagnosis(incidentId);
    }

    /**
     * Records the signed-in user's answer, audited, in the caller's transaction (which then
     * holds the incident's lock); the diagnosis that takes it into account is made when the
     * incident is next read, or by the background.
     */
    public void record(long incidentId, String question, String answer) {
        if (!incidents.lock(incidentId)) {
            throw new NotFoundException("There is no incident " + incidentId);
        }
        IncidentSummary incident = incidents.get(incidentId);
        if (!incident.workable()) {
            throw new ConflictException("Incident " + incidentId + " is " + incident.status()
                    + "; its answers are kept as they were when it was resolved");
        }
        if (question == null || question.isBlank()) {
            throw new InvalidBodyException("question", "is required");
        }
        KbQuestion kb = knowledge.question(question)
                .orElseThrow(() -> new InvalidBodyException("question", "there is no question '" + question + "'"));
        if (answer == null || answer.isBlank()) {
            throw new InvalidBodyException("answer", "is required");
        }
        if (!kb.options().contains(answer)) {
            throw new InvalidBodyException("answer",
                    "must be one of " + String.join(", ", kb.options()) + " (was '" + answer + "')");
        }
        String by = Actor.current();
        String before = incidents.answers(incidentId).stream().filter(a -> a.question().equals(question))
                .map(a -> a.value()).findFirst().orElse(null);
        incidents.addAnswer(incidentId, question, answer, by);
        timeline.record(incidentId, IncidentEvent.ANSWER, kb.text() + " " + answer
                + (before == null ? "" : " (was " + before + ")"), Map.of("question", question, "answer", answer));
        audit.record("incident.answered", "incident", String.valueOf(incidentId),
                "answered " + question + ": " + answer, before == null ? null : Map.of(question, before),
                Map.of(question, answer));
    }
}
