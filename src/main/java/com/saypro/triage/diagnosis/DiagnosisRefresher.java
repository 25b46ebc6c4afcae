package com.saypro.triage.diagnosis;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.saypro.triage.rules.RuleBase;

/**
 * Keeps the board's top causes current: re-diagnoses open incidents whose facts changed or
 * that were diagnosed with another rule base. One incident's failure does not stop the rest.
 */
@Component
class DiagnosisRefresher {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisRefresher.class);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final DiagnosisService diagnoses;
    private final RuleBase ruleBase;

    DiagnosisRefresher(JdbcClient jdbc, DiagnosisService diagnoses, RuleBase ruleBase) {
        this.jdbc = jdbc;
        this.diagnoses = diagnoses;
        this.ruleBase = ruleBase;
    }

    @Scheduled(fixedDelayString = "${triage.diagnosis.refresh-interval}", initialDelayString = "${triage.diagnosis.refresh-initial-delay:1s}")
    void refreshStaleDiagnoses() {
        List<Long> stale = jdbc.sql("SELECT id FROM incident WHERE status = 'OPEN' AND (diagnosed_revision IS NULL"
                + " OR diagnosed_revision <> facts_revision OR diagnosed_version IS NULL OR diagnosed_version <> ?)"
                + " ORDER BY id LIMIT " + BATCH).param(ruleBase.current().version()).query(Long.class).list();
        for (long id : stale) {
            try {
                diagnoses.recompute(id);
            } catch (RuntimeException e) {
                log.error("Could not diagnose incident {}", id, e);
            }
        }
    }
}
