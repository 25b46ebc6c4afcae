package com.saypro.triage.rules.jvm;

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

class ThreadsTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("jvm/Threads.drl");
    }

    private static Symptom highErrorRate(String system) {
        return new Symptom("HIGH_ERROR_RATE", system, "error_rate 0.18");
    }

    @Test
    void shouldSuggestThreadDeadlockWhenTheJvmReportsDeadlockedThreads() {
        insert(alert("JvmThreadsDeadlocked", "rms"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom", "Deadlocked JVM threads suggest a thread deadlock");
        assertThat(symptomCodes()).containsExactly("JVM_THREADS_DEADLOCKED");
        assertThat(rankedCauses()).containsExactly("THREAD_DEADLOCK");
        assertThat(confidence("THREAD_DEADLOCK")).isEqualTo(0.65);
        // alert + reading + symptom + vote
        assertThat(workingMemorySize()).isEqualTo(4);
    }

    @Test
    void shouldSeeDeadlockedThreadsInAlertVariantsMetricsAndThreadDumps() {
        insert(alert("JvmDeadlockedThreads", "a"), metric("b", "jvm_threads_deadlocked", 2),
                metric("c", "jvm_threads_deadlocked", 0),
                log("d", "INFO", "Found one Java-level deadlock:\n=============================\n\"worker-1\":"));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("a", "b", "d");
    }

    @Test
    void shouldBeMoreConfidentWhenAThreadDumpShowsTheDeadlock() {
        insert(alert("JvmThreadsDeadlocked", "rms"), log("rms", "INFO", "Found 2 Java-level deadlocks:"));
        fire();

        assertFired("Thread dump naming the deadlocked threads confirms a thread deadlock");
        assertThat(confidence("THREAD_DEADLOCK")).isEqualTo(0.79);
    }

    @Test
    void shouldSuggestStuckThreadsAndCapacityWhenTomcatRunsOutOfThreads() {
        insert(log("lms", "WARN",
                "All threads (200) are currently busy, waiting. Increase maxThreads (200) or check the servlet status"),
                log("lms", "ERROR", "java.util.concurrent.RejectedExecutionException: Task rejected from ThreadPoolExecutor"));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).hasSize(2);
        assertThat(confidence("THREAD_DEADLOCK")).isEqualTo(0.3);
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.3);
        assertThat(confidence("APPLICATION_ERROR_SPIKE")).isZero();
    }

    @Test
    void shouldRecogniseThreadPoolAlerts() {
        insert(alert("TomcatThreadsBusy", "lms"), alert("ThreadPoolExhausted", "rms"), alert("HikariPoolPendingConnections", "web"));
        fire();

        assertFired("Worker thread pool exhausted alert suggests stuck threads",
                "Worker thread pool exhausted alert suggests servers short of capacity");
        assertThat(votes()).hasSize(4);
    }

    @Test
    void shouldSuggestApplicationErrorSpikeStronglyForSeveralDistinctExceptions() {
        insert(highErrorRate("lms"),
                log("lms", "ERROR", "java.lang.NullPointerException: Cannot invoke \"Course.getId()\" because \"course\" is null"),
                log("lms", "ERROR", "java.lang.IllegalStateException: enrolment already closed"),
                log("lms", "ERROR", "Exception in thread \"main\" java.lang.ClassCastException: class A cannot be cast to class B"),
                log("lms", "ERROR", "java.lang.IllegalStateException: enrolment already closed"));
        fire();

        assertFired("Error rate spike with several distinct unhandled exceptions suggests an application error spike");
        assertNotFired("Error rate spike with an unhandled exception suggests an application error spike");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("APPLICATION_ERROR_SPIKE")).isEqualTo(0.65);
    }

    @Test
    void shouldSuggestApplicationErrorSpikeWeaklyForOneException() {
        insert(highErrorRate("lms"),
                log("lms", "ERROR", "Unhandled exception in request 4711\n\tat com.saypro.lms.Enrol.run(Enrol.java:42)"),
                log("lms", "ERROR", "Unhandled exception in request 4712\n\tat com.saypro.lms.Enrol.run(Enrol.java:42)"));
        fire();

        assertFired("Error rate spike with an unhandled exception suggests an application error spike");
        assertThat(confidence("APPLICATION_ERROR_SPIKE")).isEqualTo(0.4);
    }

    @Test
    void shouldHintAtApplicationErrorsWithoutErrorRateOnlyForSeveralExceptions() {
        insert(log("lms", "ERROR", "java.lang.NullPointerException at CourseController"),
                log("lms", "ERROR", "java.lang.IllegalArgumentException: bad course code"),
                log("lms", "ERROR", "java.lang.NumberFormatException: For input string: \"abc\""),
                log("rms", "ERROR", "java.lang.NullPointerException at RoyaltyService"));
        fire();

        assertFired("Several distinct unhandled exceptions without an error rate spike hint at an application error spike");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("APPLICATION_ERROR_SPIKE")).isEqualTo(0.3);
    }

    @Test
    void shouldNotBlameTheApplicationForInfrastructureErrorsOrWarnings() {
        insert(highErrorRate("lms"),
                log("lms", "ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available"),
                log("lms", "ERROR", "com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure"),
                log("lms", "ERROR", "java.lang.OutOfMemoryError: Java heap space"),
                log("lms", "WARN", "java.lang.IllegalStateException: retrying"));
        fire();

        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the facts and the findings of the three error lines").isEqualTo(8);
    }

    @Test
    void shouldIgnoreResolvedDeadlockAlerts() {
        insert(new Alert(8_000_000, "JvmThreadsDeadlocked", "rms", "", "critical", "resolved", Map.of(), Map.of(),
                FactMother.OPENED_AT.minusSeconds(900), FactMother.OPENED_AT.minusSeconds(300), "fp", 15));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the alert and its reading").isEqualTo(2);
    }
}
