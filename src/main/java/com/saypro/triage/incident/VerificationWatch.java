package com.saypro.triage.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saypro.triage.support.Times;

/** Closes verifying incidents whose watch window passed without a recurrence. */
@Component
class VerificationWatch {

    private static final Logger log = LoggerFactory.getLogger(VerificationWatch.class);

    private final IncidentLifecycle lifecycle;

    VerificationWatch(IncidentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(fixedDelayString = "${triage.incident.close-check-interval:30s}",
            initialDelayString = "${triage.incident.close-check-interval:30s}")
    void closeQuietIncidents() {
        try {
            lifecycle.closeQuietOnes(Times.now());
        } catch (RuntimeException e) {
            log.warn("Could not close verified incidents this time: {}", e.getMessage());
        }
    }
}
