package com.saypro.triage.rules;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;

/**
 * Watches the rule directory: a knowledge engineer's saved change is in use within a few
 * seconds when it compiles, and refused (the working rules stay) when it does not. Open
 * incidents are then re-diagnosed with the new rule base by the diagnosis refresher.
 */
@Component
class RuleDirectoryWatcher {

    private static final Logger log = LoggerFactory.getLogger(RuleDirectoryWatcher.class);

    private final RuleBase ruleBase;
    private final AuditLog audit;
    private final RuleBaseVersions versions;

    RuleDirectoryWatcher(RuleBase ruleBase, AuditLog audit, RuleBaseVersions versions) {
        this.ruleBase = ruleBase;
        this.audit = audit;
        this.versions = versions;
    }

    /** The rule base Triage started with is a version too. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void recordStartingVersion() {
        try {
            versions.record(ruleBase.current(), Actor.SYSTEM);
        } catch (RuntimeException e) {
            log.warn("Could not record the rule base version in use: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${triage.rules.watch-interval:5s}",
            initialDelayString = "${triage.rules.watch-interval:5s}")
    void checkForChanges() {
        try {
            String before = ruleBase.current().version();
            String failureBefore = ruleBase.lastFailure();
            if (ruleBase.reloadIfChanged()) {
                CompiledRuleBase after = ruleBase.current();
                versions.record(after, Actor.SYSTEM);
                audit.recordAs(Actor.SYSTEM, "rules.published", "rules", after.version(),
                        "rule files changed in " + after.origin() + ": " + after.ruleCount() + " rules in "
                                + after.sources().size() + " files now in use",
                        Map.of("version", before), Map.of("version", after.version()));
            } else if (ruleBase.lastFailure() != null && !ruleBase.lastFailure().equals(failureBefore)) {
                audit.recordAs(Actor.SYSTEM, "rules.refused", "rules", before,
                        "changed rule files did not compile; rule base " + before + " stays in use", null,
                        Map.of("problem", ruleBase.lastFailure()));
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the rule directory: {}", e.getMessage());
        }
    }
}
