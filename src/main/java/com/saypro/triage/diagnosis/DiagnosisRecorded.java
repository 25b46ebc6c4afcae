package com.saypro.triage.diagnosis;

import java.time.Instant;
import java.util.List;

/**
 * A diagnosis run was computed and stored for an incident: the diagnosis, and the rules
 * whose matches fired in that run, each named once. The runs that rank the questions (one
 * per possible answer) are not in {@code firedRules}: they are what-ifs, not diagnoses.
 */
public record DiagnosisRecorded(long incidentId, Diagnosis diagnosis, List<String> firedRules, Instant at) {

    /** The rules that voted for the cause ranked first (evidence that supports it), each once. */
    public List<String> votedForTopCause() {
        Diagnosis.Candidate top = diagnosis.top();
        return top == null ? List.of()
                : top.evidence().stream().filter(e -> Diagnosis.SUPPORTS.equals(e.effect()))
                        .map(Diagnosis.Evidence::rule).distinct().sorted().toList();
    }
}
