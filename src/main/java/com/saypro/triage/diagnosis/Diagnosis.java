package com.saypro.triage.diagnosis;

import java.util.List;

/**
 * A diagnosis as the API returns it: candidate causes ranked by confidence, each with its
 * evidence and playbooks, and the questions still open. It depends only on the incident's
 * facts (revision {@code factsRevision}) and the rule base {@code ruleBaseVersion}.
 */
public record Diagnosis(long incidentId, String system, String ruleBaseVersion, int factsRevision,
        List<Candidate> candidates, List<QuestionView> questions, List<String> symptoms, List<Failure> failures) {

    public record Candidate(int rank, String causeCode, String title, String category, double confidence,
            String description, List<Evidence> evidence, List<PlaybookView> playbooks) {
    }

    /** One rule's vote: the rule, the vote's weight and reason, and the facts the rule matched. */
    public record Evidence(String rule, double vote, String reason, List<FactView> facts) {
    }

    /** A matched fact; for a derived fact, the rule and facts that derived it. */
    public record FactView(String type, Long id, String summary, Derivation derivedBy) {
    }

    public record Derivation(String rule, List<FactView> facts) {
    }

    public record PlaybookView(String code, String title, String risk, String rollback, boolean recommended,
            String reason, List<Step> steps) {
    }

    public record Step(int position, String kind, String text) {
    }

    public record QuestionView(String code, String text, String help, List<String> options, String reason,
            String askedBy) {
    }

    public record Failure(String rule, String error) {
    }

    public Candidate top() {
        return candidates.isEmpty() ? null : candidates.get(0);
    }
}
