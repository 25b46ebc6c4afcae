package com.saypro.triage.diagnosis;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the top causes of open incidents current in the background: re-diagnoses those
 * whose facts changed or that were diagnosed with another rule base.
 */
@Component
class DiagnosisRefresher {

    private static final int BATCH = 50;

    private final DiagnosisService diagnoses;

    DiagnosisRefresher(DiagnosisService diagnoses) {
        this.diagnoses = diagnoses;
    }

    @Scheduled(fixedDelayString = "${triage.diagnosis.refresh-interval}",
            initialDelayString = "${triage.diagnosis.refresh-initial-delay:1s}")
    void refreshStaleDiagnoses() {
        diagnoses.refreshStale(BATCH);
    }
}
