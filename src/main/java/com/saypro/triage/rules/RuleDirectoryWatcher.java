package com.saypro.triage.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the rule directory: a knowledge engineer's saved change is in use within a few
 * seconds when it compiles, and refused (the working rules stay) when it does not. Open
 * incidents are then re-diagnosed with the new rule base by the diagnosis refresher.
 */
@Component
class RuleDirectoryWatcher {

    private static final Logger log = LoggerFactory.getLogger(RuleDirectoryWatcher.class);

    private final RuleBase ruleBase;

    RuleDirectoryWatcher(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    @Scheduled(fixedDelayString = "${triage.rules.watch-interval:5s}",
            initialDelayString = "${triage.rules.watch-interval:5s}")
    void checkForChanges() {
        try {
            ruleBase.reloadIfChanged();
        } catch (RuntimeException e) {
            log.warn("Could not read the rule directory: {}", e.getMessage());
        }
    }
}
