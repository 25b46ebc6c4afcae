package com.saypro.triage.rules;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The rule base is part of readiness: UP with its version once it has compiled. */
@Component("rulesHealthIndicator")
class RuleBaseHealthIndicator implements HealthIndicator {

    private final RuleBase ruleBase;

    RuleBaseHealthIndicator(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    @Override
    public Health health() {
        CompiledRuleBase compiled = ruleBase.current();
        if (compiled == null) {
            return Health.down().withDetail("reason", "no rule base loaded").build();
        }
        Health.Builder health = Health.up().withDetail("version", compiled.version())
                .withDetail("rules", compiled.ruleCount()).withDetail("files", compiled.sources().size());
        if (ruleBase.lastFailure() != null) {
            health.withDetail("refusedChange", ruleBase.lastFailure());
        }
        return health.build();
    }
}
