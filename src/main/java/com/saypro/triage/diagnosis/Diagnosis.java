package com.saypro.triage.diagnosis;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A diagnosis as the API returns it: candidate causes ranked by confidence, each with the
 * evidence that supports and weakens it and its playbooks; the causes ruled out and why; and
 * the open questions, the most useful first. It depends only on the incident's facts
 * (revision {@code factsRevision}), the rule base {@code ruleBaseVersion} and the knowledge
 * base. {@code stale}: this is the latest stored diagnosis, made before the incident's latest
 * facts (or rules), given because the current one was not ready in time; it is being computed
 * (absent from runs stored before it existed: false).
 */
public record Diagnosis(long incidentId, String system, String ruleBaseVersion, int factsRevision,
        List<Candidate> candidates, List<RuledOut> ruledOut, List<QuestionView> questions, List<String> symptoms,
        List<Failure> failures, @JsonSetter(nulls = Nulls.AS_EMPTY) boolean stale) {

    public static final String SUPPORTS = "supports";
    public static final String WEAKENS = "weakens";

    /**
     * {@code prior}: the system's base rate for the cause, from the knowledge base and learned
     * from past incidents like this one (0 when none); {@code priorNote}: what it was learned
     * from ("confirmed in 4 of the last 5 similar incidents on rms"), or null.
     */
    public record Candidate(int rank, String causeCode, String title, String category, double confidence,
            double prior, String description, List<Evidence> evidence, List<PlaybookView> playbooks,
            String priorNote) {
    }

    /**
     * One rule's vote: the rule, whether it {@code supports} or {@code weakens} the cause, what
     * it says in plain words, the facts it matched; {@code group} is its evidence group,
     * {@code vote} its value and {@code counted} whether it is the vote that counts in its
     * group (the strongest); {@code inferred} when it rests only on symptoms inferred from an
     * alert's words (counted at 60 %).
     */
    public record Evidence(String rule, String effect, String description, List<FactView> facts, String group,
            double vote, boolean counted, boolean inferred) {
    }

    /**
     * A cause that is not a candidate: raised by some rules and pushed out by counter-evidence,
     * or a usual cause of the incident's categories that no rule raised; {@code reason} says
     * which, {@code evidence} lists what pushed it out.
     */
    public record RuledOut(String causeCode, String title, String category, String reason, List<Evidence> evidence) {
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

    /**
     * An open question: {@code gain} is how much its answer is expected to change the ranking
     * (the expected total-variation distance between the ranking now and after the answer,
     * 0..1; see {@link QuestionRanker}), {@code why} what it separates,
     * {@code reason} why the rule asked it, {@code askedBy} that rule.
     */
    public record QuestionView(String code, String text, String help, List<String> options, String reason,
            String askedBy, double gain, String why) {

        QuestionView ranked(double newGain, String newWhy) {
            return new QuestionView(code, text, help, options, reason, askedBy, newGain, newWhy);
        }
    }

    public record Failure(String rule, String error) {
    }

    public Candidate top() {
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    Diagnosis withQuestions(List<QuestionView> ranked) {
        return new Diagnosis(incidentId, system, ruleBaseVersion, factsRevision, candidates, ruledOut, ranked,
                symptoms, failures, stale);
    }

    /** The same diagnosis, marked as of earlier facts or rules than the incident's current ones. */
    Diagnosis asStale() {
        return new Diagnosis(incidentId, system, ruleBaseVersion, factsRevision, candidates, ruledOut, questions,
                symptoms, failures, true);
    }
}
