package com.saypro.triage.diagnosis;

import java.util.List;
import java.util.Map;

import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.PlaybookRecommendation;
import com.saypro.triage.diagnosis.facts.Question;
import com.saypro.triage.diagnosis.facts.Symptom;

/**
 * What the rules derived for one incident. {@code justifications} maps each derived fact
 * (by identity) to the rule that inserted it and the facts that rule matched.
 */
public record EngineOutcome(List<CandidateCause> votes, List<Symptom> symptoms, List<Question> questions,
        List<PlaybookRecommendation> recommendations, Map<Object, Justification> justifications,
        List<String> firedRules, List<RuleFailure> failures) {

    /**
     * The rule that inserted a derived fact, the facts it matched, and from the rule's metadata
     * its evidence {@code group} (the rule's name when it declares none) and its plain-words
     * {@code explanation} (empty when it declares none).
     */
    public record Justification(String rule, List<Object> facts, String group, String explanation) {

        public Justification(String rule, List<Object> facts) {
            this(rule, facts, rule, "");
        }
    }

    /** A rule whose action threw; the other rules went on. */
    public record RuleFailure(String rule, String error) {
    }

    public Justification justification(Object derived) {
        return justifications.get(derived);
    }
}
