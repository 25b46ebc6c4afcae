package com.saypro.triage.rules;

import java.util.List;

import org.kie.api.KieBase;

/**
 * A compiled rule base. {@code version} is a digest of the rule files' paths and texts, so
 * the same files always give the same version and any change gives a new one.
 */
public record CompiledRuleBase(KieBase kieBase, String version, String origin, List<RuleSource> sources) {

    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }
}
