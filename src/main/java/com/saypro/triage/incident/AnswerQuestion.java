package com.saypro.triage.incident;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/** The analyst answers one of the engine's questions; the diagnosis is computed again. */
@Service
public class AnswerQuestion {

    private final IncidentRepository incidents;
    private final KnowledgeBase knowledge;
    private final DiagnosisService diagnoses;

    public AnswerQuestion(IncidentRepository incidents, KnowledgeBase knowledge, DiagnosisService diagnoses) {
        this.incidents = incidents;
        this.knowledge = knowledge;
        this.diagnoses = diagnoses;
    }

    /** Longest name of whoever answers. */
    static final int MAX_ANSWERED_BY = 100;

    public Diagnosis answer(long incidentId, String question, String answer) {
        return answer(incidentId, question, answer, null);
    }

    /** {@code answeredBy}: who answers (optional until people sign in). */
    @Transactional
    public Diagnosis answer(long incidentId, String question, String answer, String answeredBy) {
        if (!incidents.lock(incidentId)) {
            throw new NotFoundException("There is no incident " + incidentId);
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
        String by = answeredBy == null || answeredBy.isBlank() ? null : answeredBy.trim();
        if (by != null && by.length() > MAX_ANSWERED_BY) {
            throw new InvalidBodyException("answeredBy", "must be at most " + MAX_ANSWERED_BY + " characters");
        }
        incidents.addAnswer(incidentId, question, answer, by);
        return diagnoses.recompute(incidentId);
    }
}
