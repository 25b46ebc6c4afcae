package com.saypro.triage.diagnosis;

import java.util.List;
import java.util.Map;

import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.rules.CompiledRuleBase;

/**
 * Ranks causes for many fact sets with one rule base, as a diagnosis would but without the
 * question ranking: what the regression suite compares between the rules in use and a draft.
 * The knowledge base is read once, when the ranker is made.
 */
public final class CauseRanker {

    private final CompiledRuleBase rules;
    private final Map<String, Cause> causes;
    private final Map<String, Playbook> playbooks;
    private final Map<String, KbQuestion> questions;
    private final Map<String, List<String>> rulesByCause;
    private final DiagnosisEngine engine = new DiagnosisEngine();

    public CauseRanker(KnowledgeBase knowledge, CompiledRuleBase rules) {
        this.rules = rules;
        this.causes = knowledge.causes();
        this.playbooks = knowledge.playbooks();
        this.questions = knowledge.questions();
        this.rulesByCause = DiagnosisService.rulesByCauseOf(rules);
    }

    public CompiledRuleBase rules() {
        return rules;
    }

    /** The candidate causes for these facts, best first. */
    public List<Diagnosis.Candidate> rank(FactSet facts) {
        return new DiagnosisAssembler(causes, playbooks, questions, facts.priors(), rulesByCause)
                .assemble(facts, 0, rules.version(), engine.run(rules.kieBase(), facts.all())).candidates();
    }
}
