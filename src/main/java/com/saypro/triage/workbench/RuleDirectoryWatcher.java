package com.saypro.triage.workbench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the rule directory: a knowledge engineer's saved change goes through the same
 * compile-test-swap as a workbench save ({@link RulePublisher}) and is in use within a few
 * seconds when it passes; when it does not, the working rules stay and the refusal is shown
 * in the workbench, the log and health. Open incidents are then re-diagnosed with the new
 * rule base by the diagnosis refresher.
 */
@Component
class RuleDirectoryWatcher {

    private static final Logger log = LoggerFactory.getLogger(RuleDirectoryWatcher.class);

    private final RulePublisher publisher;

    RuleDirectoryWatcher(RulePublisher publisher) {
        this.publisher = publisher;
    }

    /** The rule base Triage started with is a publication too. */
    @EventListener(ApplicationReadyEvent.class)
    void recordStartingVersion() {
        try {
            publisher.recordStart();
        } catch (RuntimeException e) {
            log.warn("Could not record the rule base version in use: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${triage.rules.watch-interval:5s}",
            initialDelayString = "${triage.rules.watch-interval:5s}")
    void checkForChanges() {
        try {
            publisher.publishChangedFiles();
        } catch (RuntimeException e) {
            log.warn("Could not read the rule directory: {}", e.getMessage());
        }
    }
}
