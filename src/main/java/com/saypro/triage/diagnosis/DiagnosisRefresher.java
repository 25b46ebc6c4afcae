package com.saypro.triage.diagnosis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the top causes of open incidents current in the background: every
 * {@code triage.diagnosis.refresh-interval} it hands the {@link DiagnosisWorker} those whose
 * facts changed (on this node or another) or that were diagnosed with another rule base or
 * knowledge base, and after each start every open incident, from what the database holds (a
 * crash loses no diagnosis that matters: each is recomputed from the stored facts). While the
 * database is unavailable the worker says so once and this tries again at each pass.
 */
@Component
// Scaled out over Kafka the workers diagnose, each the systems it owns (scaleout/OwnedDiagnoses).
@Conditional(com.saypro.triage.support.KafkaMode.Off.class)
class DiagnosisRefresher {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisRefresher.class);
    private static final int BATCH = 50;

    private final DiagnosisService diagnoses;
    private final DiagnosisWorker worker;

    DiagnosisRefresher(DiagnosisService diagnoses, DiagnosisWorker worker) {
        this.diagnoses = diagnoses;
        this.worker = worker;
    }

    /** Before the first background pass: every open incident is diagnosed again after a start. */
    @EventListener(ApplicationReadyEvent.class)
    void diagnoseOpenIncidentsAgain() {
        int marked = diagnoses.markOpenIncidentsStale();
        if (marked > 0) {
            log.info("{} open incidents will be diagnosed again with the rules and knowledge of this start", marked);
        }
    }

    @Scheduled(fixedDelayString = "${triage.diagnosis.refresh-interval}",
            initialDelayString = "${triage.diagnosis.refresh-initial-delay:1s}")
    void refreshStaleDiagnoses() {
        worker.queueStale(BATCH);
    }
}
