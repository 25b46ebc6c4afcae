package com.saypro.triage.rules.database;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

class LocksTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("database/Locks.drl");
    }

    @Test
    void shouldSuggestLockContentionWhenPostgresReportsDeadlocks() {
        insert(alert("PostgresqlDeadLocks", "lms", "job", "postgres"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom", "Database deadlocks suggest lock contention");
        assertThat(symptomCodes()).containsExactly("DB_DEADLOCKS");
        assertThat(rankedCauses()).containsExactly("DB_LOCK_CONTENTION");
        assertThat(confidence("DB_LOCK_CONTENTION")).isEqualTo(0.6);
        assertThat(workingMemorySize()).as("alert, its reading, symptom, vote").isEqualTo(4);
    }

    @Test
    void shouldRecogniseLockAlertsOnDatabasesButNotJvmDeadlocks() {
        insert(alert("PostgresqlTooManyLocksAcquired", "a"), alert("PostgresqlBlockedQueries", "b"),
                alert("MongodbWriteRequestsQueueingUp", "c"), alert("JvmThreadsDeadlocked", "d"),
                alert("MysqlInnodbLogWaits", "e"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DB_DEADLOCKS")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(symptoms()).filteredOn(s -> s.getSystem().equals("e")).extracting(Symptom::getCode)
                .as("InnoDB log waits are waits for log writes, not locks").containsExactly("DISK_IO_HIGH");
    }

    @Test
    void shouldSeeDeadlocksInTheApplicationLogs() {
        insert(log("rms", "ERROR", "SQLException: Deadlock found when trying to get lock; try restarting transaction"),
                log("rms", "ERROR", "SQLException: Lock wait timeout exceeded; try restarting transaction"),
                log("lms", "ERROR", "ERROR:  deadlock detected\nDETAIL:  Process 4242 waits for ShareLock on transaction 991"));
        fire();

        assertFired("Deadlock or lock wait timeout in the logs shows database deadlocks");
        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("rms", "lms");
        // the log lines are the only observation: the symptom's vote is theirs, not counted again
        assertNotFired("Application failing on deadlocks or lock wait timeouts confirms lock contention");
        assertThat(confidence("DB_LOCK_CONTENTION")).isEqualTo(0.6);
    }

    @Test
    void shouldBeMoreConfidentWhenTheApplicationFailsOnTheDeadlocksMonitoringReports() {
        insert(alert("PostgresqlDeadLocks", "lms", "job", "postgres"),
                log("lms", "ERROR", "ERROR:  deadlock detected\nDETAIL:  Process 4242 waits for ShareLock on transaction 991"),
                log("lms", "ERROR", "ERROR:  deadlock detected\nDETAIL:  Process 4250 waits for ShareLock on transaction 995"));
        fire();

        assertFired("Application failing on deadlocks or lock wait timeouts confirms lock contention");
        // 1 - (1 - 0.6)(1 - 0.35)
        assertThat(confidence("DB_LOCK_CONTENTION")).isEqualTo(0.74);
    }

    @Test
    void shouldAddDatabaseBoundSlowTransactionsDuringDeadlocks() {
        insert(alert("PostgresqlDeadLocks", "lms"), new Symptom("SLOW_DB_TIME", "lms", "CourseRegistration", "db 90%"),
                new Symptom("SLOW_DB_TIME", "lms", "Enrol", "db 80%"));
        fire();

        assertFired("Database-bound slow transactions during deadlocks suggest lock contention");
        assertThat(confidence("DB_LOCK_CONTENTION")).isEqualTo(0.72);
    }

    @Test
    void shouldSeeDeadlocksInMetricsAboveThresholdsOnly() {
        insert(metric("a", "db_deadlocks_rate", 0.2), metric("b", "db_deadlocks_rate", 0),
                metric("c", "mysql_global_status_innodb_row_lock_current_waits", 25),
                metric("d", "mysql_global_status_innodb_row_lock_current_waits", 1));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void shouldIgnoreResolvedAlertsAndSlowTransactionsWithoutLocks() {
        insert(new Alert(6_000_000, "PostgresqlDeadLocks", "lms", "", "warning", "resolved", Map.of(), Map.of(),
                FactMother.OPENED_AT.minusSeconds(900), FactMother.OPENED_AT.minusSeconds(300), "fp", 15),
                new Symptom("SLOW_DB_TIME", "lms", "CourseRegistration", "db 90%"));
        fire();

        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the facts and the alert's reading").isEqualTo(3);
    }
}
