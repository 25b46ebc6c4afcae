package com.saypro.triage.scaleout;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.DatabaseUnavailable;

/**
 * Scaled out, the background diagnosis of a worker, in place of the one node's refresher:
 * every {@code triage.diagnosis.refresh-interval} the open incidents whose facts changed or
 * that were diagnosed with another rule base, of the systems whose partitions this worker
 * owns, 50 at a time. One owner per partition makes one diagnosing node per incident: a
 * partition is given up (a rebalance, a stop) only once the diagnosis under way is done, and
 * none of its incidents is started after that. A worker that is cut off from the group without
 * being told (a long pause) is the exception; see ADR 0006.
 */
class OwnedDiagnoses {

    private static final Logger log = LoggerFactory.getLogger(OwnedDiagnoses.class);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final RuleBase ruleBase;
    private final DiagnosisService diagnoses;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final ReentrantLock diagnosing = new ReentrantLock();
    private volatile int partitions;
    private volatile boolean databaseAway;

    OwnedDiagnoses(JdbcClient jdbc, RuleBase ruleBase, DiagnosisService diagnoses) {
        this.jdbc = jdbc;
        this.ruleBase = ruleBase;
        this.diagnoses = diagnoses;
    }

    /** This worker now owns these partitions (of {@code partitionCount}). */
    void took(Collection<Integer> taken, int partitionCount) {
        partitions = partitionCount;
        owned.addAll(taken);
    }

    /** Before these partitions go to another worker: waits for a diagnosis under way, starts none of theirs after. */
    void gaveUp(Collection<Integer> given) {
        diagnosing.lock();
        try {
            owned.removeAll(given);
        } finally {
            diagnosing.unlock();
        }
    }

    @Scheduled(fixedDelayString = "${triage.diagnosis.refresh-interval}",
            initialDelayString = "${triage.diagnosis.refresh-initial-delay:1s}")
    void refresh() {
        try {
            pass();
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

    private record Stale(long id, String systemName) {
    }

    /** Diagnoses the stale open incidents of the systems on the partitions owned now; returns how many. */
    int pass() {
        if (owned.isEmpty()) {
            return 0;
        }
        List<Stale> stale = jdbc.sql("SELECT id, system_name FROM incident WHERE status IN ('OPEN', 'ACKNOWLEDGED')"
                + " AND (diagnosed_revision IS NULL OR diagnosed_revision <> facts_revision"
                + " OR diagnosed_version IS NULL OR diagnosed_version <> ?) ORDER BY id")
                .param(ruleBase.current().version()).query(Stale.class).list();
        int done = 0;
        for (Stale incident : stale) {
            if (done == BATCH) {
                break;
            }
            if (diagnose(incident)) {
                done++;
            }
        }
        return done;
    }

    private boolean diagnose(Stale incident) {
        int partition = SystemPartitions.of(incident.systemName(), partitions);
        diagnosing.lock();
        try {
            if (!owned.contains(partition)) {
                return false;
            }
            log.debug("Diagnosing incident {} of {} (partition {})", incident.id(), incident.systemName(), partition);
            try {
                // Through the diagnosis worker, whose claim keeps another node (a reader's) off it meanwhile.
                return diagnoses.bringUpToDate(List.of(incident.id()));
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.isCause(e)) {
                    throw e;
                }
                log.error("Could not diagnose incident {}", incident.id(), e);
                return false;
            } finally {
                log.debug("Diagnosed incident {}", incident.id());
            }
        } finally {
            diagnosing.unlock();
        }
    }
}
