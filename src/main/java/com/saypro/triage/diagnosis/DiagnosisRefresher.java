package com.saypro.triage.diagnosis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saypro.triage.support.DatabaseUnavailable;

/**
 * Keeps the top causes of open incidents current in the background: re-diagnoses those
 * whose facts changed or that were diagnosed with another rule base, and after each start
 * every open incident, from what the database holds (a crash loses no diagnosis that
 * matters: each is recomputed from the stored facts). While the database is unavailable it
 * says so once and tries again at each pass.
 */
@Component
// Scaled out over Kafka the workers diagnose, each the systems it owns (scaleout/OwnedDiagnoses).
@Conditional(com.saypro.triage.support.KafkaMode.Off.class)
class DiagnosisRefresher {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisRefresher.class);
    private static final int BATCH = 50;

    private final DiagnosisService diagnoses;
    private volatile boolean databaseAway;

    DiagnosisRefresher(DiagnosisService diagnoses) {
        this.diagnoses = diagnoses;
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
        try {
            diagnoses.refreshStale(BATCH);
            if (databaseAway) {
                databaseAway = false;
                log.info("The database is reachable again; diagnoses are refreshed as before");
            }
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            if (!databaseAway) {
                databaseAway = true;
                log.warn("The database is unavailable; diagnoses are refreshed once it is back ({})", e.getMessage());
            }
        }
    }
}
