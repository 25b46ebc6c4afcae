package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saypro.triage.diagnosis.DiagnosisWorker.Outcome;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Times;
import com.saypro.triage.support.TriageIntegrationTest;
import com.saypro.triage.timeline.IncidentChanged;

/**
 * The diagnosis worker, as several nodes sharing one database run it (each worker here stands
 * for a node, with a name of its own): one node at a time diagnoses an incident, the others
 * wait for its result; requests for one incident share a computation; background work waits
 * for the signals to be quiet, but not for ever; stopping lets the diagnosis under way finish
 * or frees its claim. The diagnoses are real ones, stored in the test database.
 */
@TriageIntegrationTest
class DiagnosisWorkerTests extends IntegrationTestSupport {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    RuleBase ruleBase;

    @Autowired
    DiagnosisService diagnoses;

    private final List<DiagnosisWorker> nodes = new ArrayList<>();
    private final List<Held> computations = new ArrayList<>();

    @AfterEach
    void stopTheNodes() throws InterruptedException {
        computations.forEach(Held::openAll);
        nodes.forEach(DiagnosisWorker::stop);
        // A diagnosis a node abandoned when it stopped still ends (and stores) before the next test empties the tables.
        for (Held computation : computations) {
            computation.awaitNoneUnderWay();
        }
    }

    @Test
    void shouldLetOneNodeDiagnoseAnIncidentWhileAnotherWaitsForItsResultAndIngestionGoesOn() throws Exception {
        long id = diskFull();
        Held held = new Held(true);
        DiagnosisWorker a = node("node-a", held);
        DiagnosisWorker b = node("node-b", held);

        CompletableFuture<Outcome> onA = a.request(id, revision(id));
        held.awaitEntered();
        assertThat(claimedBy(id)).isEqualTo("node-a");
        assertThat(b.request(id, revision(id)).get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.CLAIMED_ELSEWHERE);
        // No transaction or row lock is held while the incident is diagnosed: its signals are stored meanwhile.
        assertThat(post("/api/v1/logs", diskLog(1)).status()).isEqualTo(200);
        CompletableFuture<DiagnosisWorker.Waited> readerOnB = CompletableFuture
                .supplyAsync(() -> b.awaitCurrent(List.of(id), LONG));
        Thread.sleep(500);
        held.openAll();

        assertThat(onA.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.DONE);
        DiagnosisWorker.Waited waited = readerOnB.get(60, TimeUnit.SECONDS);
        assertThat(waited.asked()).isTrue();
        assertThat(waited.notCurrent()).as("node b has node a's result").isEmpty();
        assertThat(held.computations).hasValue(1);
        assertThat(held.mostAtOnce).hasValue(1);
        assertThat(runs(id)).isEqualTo(1);
        assertThat(diagnosedRevision(id)).isEqualTo(revision(id));
        assertThat(claimedBy(id)).as("freed after the diagnosis").isNull();
    }

    @Test
    void shouldTakeOverAClaimWhoseLeaseRanOutButNotOneStillHeld() throws Exception {
        long id = diskFull();
        Held counted = new Held(null);
        DiagnosisWorker a = node("node-a", counted);
        claim(id, "node-gone", Times.now().plusSeconds(60));

        assertThat(a.request(id, revision(id)).get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.CLAIMED_ELSEWHERE);
        assertThat(counted.computations).hasValue(0);

        claim(id, "node-gone", Times.now().minusSeconds(1));
        assertThat(a.request(id, revision(id)).get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.DONE);
        assertThat(counted.computations).hasValue(1);
        assertThat(claimedBy(id)).isNull();
    }

    @Test
    void shouldShareADiagnosisUnderWayWithReadersOfTheSameFactsAndMakeOneMoreForNewerFacts() throws Exception {
        long id = diskFull();
        Held held = new Held(false);
        DiagnosisWorker a = node("node-a", held);
        int seen = revision(id);

        CompletableFuture<Outcome> first = a.request(id, seen);
        held.awaitEntered();
        CompletableFuture<Outcome> sameFacts = a.request(id, seen);
        post("/api/v1/logs", diskLog(1));
        int newer = revision(id);
        CompletableFuture<Outcome> newerFacts = a.request(id, newer);
        CompletableFuture<Outcome> newerToo = a.request(id, newer);
        held.open();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.DONE);
        assertThat(sameFacts.get(60, TimeUnit.SECONDS)).as("served by the first diagnosis").isEqualTo(Outcome.DONE);
        held.awaitEntered();
        assertThat(newerFacts).as("waits for the second").isNotDone();
        held.open();
        assertThat(newerFacts.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.DONE);
        assertThat(newerToo.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.DONE);
        assertThat(held.computations).hasValue(2);
        assertThat(diagnosedRevision(id)).isEqualTo(newer);
    }

    @Test
    void shouldDiagnoseOnceAfterABurstOfSignalsWithinTheDebounce() {
        long id = diskFull();
        Held counted = new Held(null);
        DiagnosisWorker node = node("node-a", counted, Duration.ofSeconds(2), Duration.ofMinutes(1), LONG);

        for (int i = 1; i <= 5; i++) {
            assertThat(post("/api/v1/logs", diskLog(i)).status()).isEqualTo(200);
            node.changed(new IncidentChanged(id, IncidentChanged.SIGNALS));
        }

        assertThat(node.awaitIdle(LONG)).isTrue();
        assertThat(counted.computations).hasValue(1);
        assertThat(runs(id)).isEqualTo(1);
        assertThat(diagnosedRevision(id)).isEqualTo(revision(id));
    }

    @Test
    void shouldDiagnoseAnIncidentWhoseSignalsNeverStopWithinTheMaximumDelay() throws Exception {
        long id = diskFull();
        Held counted = new Held(null);
        DiagnosisWorker node = node("node-a", counted, Duration.ofHours(1), Duration.ofMillis(500), LONG);

        long deadline = System.nanoTime() + LONG.toNanos();
        for (int i = 1; counted.computations.get() == 0 && System.nanoTime() < deadline; i++) {
            post("/api/v1/logs", diskLog(i));
            node.changed(new IncidentChanged(id, IncidentChanged.SIGNALS));
            Thread.sleep(100);
        }

        assertThat(counted.computations.get()).as("diagnosed while its signals kept coming").isPositive();
    }

    @Test
    void shouldLetTheDiagnosisUnderWayFinishWhenStoppingAndTellTheReadersStillWaiting() throws Exception {
        long underWay = diskFull();
        long waiting = openIncident("lms", "HighErrorRate");
        Held held = new Held(true);
        DiagnosisWorker node = node("node-a", held);
        CompletableFuture<Outcome> first = node.request(underWay, revision(underWay));
        held.awaitEntered();
        CompletableFuture<Outcome> second = node.request(waiting, revision(waiting));

        CountDownLatch stopped = new CountDownLatch(1);
        node.stop(stopped::countDown);

        assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        assertThat(node.request(waiting, revision(waiting)).get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        assertThat(stopped.getCount()).as("waits for the diagnosis under way").isEqualTo(1);
        held.openAll();
        assertThat(stopped.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(Outcome.DONE);
        assertThat(runs(underWay)).isEqualTo(1);
        assertThat(runs(waiting)).isZero();
        assertThat(claimedBy(underWay)).isNull();
    }

    @Test
    void shouldFreeTheClaimOfADiagnosisThatDoesNotFinishInTimeWhenStopping() throws Exception {
        long id = diskFull();
        Held held = new Held(true);
        DiagnosisWorker node = node("node-a", held, Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofMillis(200));
        node.request(id, revision(id));
        held.awaitEntered();
        assertThat(claimedBy(id)).isEqualTo("node-a");

        CountDownLatch stopped = new CountDownLatch(1);
        node.stop(stopped::countDown);

        assertThat(stopped.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(claimedBy(id)).as("freed for the other nodes").isNull();
        held.openAll();
    }

    private DiagnosisWorker node(String name, Held computation) {
        return node(name, computation, Duration.ofMillis(250), Duration.ofSeconds(2), LONG);
    }

    private DiagnosisWorker node(String name, Held computation, Duration debounce, Duration maxDelay,
            Duration stopWait) {
        DiagnosisWorker node = new DiagnosisWorker(jdbcClient, ruleBase, computation,
                new DiagnosisWorker.Settings(name, 1, debounce, maxDelay, Duration.ofSeconds(60), true, stopWait));
        node.start();
        nodes.add(node);
        computations.add(computation);
        return node;
    }

    /**
     * Diagnoses for real and counts the diagnoses and how many ran at once; each may be held
     * at a gate, before diagnosing or after storing, until the test opens it.
     */
    private final class Held implements DiagnosisWorker.Computation {

        final AtomicInteger computations = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger atOnce = new AtomicInteger();
        private final Semaphore entered = new Semaphore(0);
        private final Semaphore gate = new Semaphore(0);
        private final Boolean before;
        private volatile boolean holding;

        /** {@code before}: held before diagnosing; false: after storing; null: never held. */
        Held(Boolean before) {
            this.before = before;
            this.holding = before != null;
        }

        @Override
        public void diagnose(long incidentId) {
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            try {
                if (Boolean.TRUE.equals(before)) {
                    hold();
                }
                diagnoses.recompute(incidentId);
                computations.incrementAndGet();
                if (Boolean.FALSE.equals(before)) {
                    hold();
                }
            } finally {
                atOnce.decrementAndGet();
            }
        }

        private void hold() {
            if (!holding) {
                return;
            }
            entered.release();
            try {
                gate.tryAcquire(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until a diagnosis is held at the gate. */
        void awaitEntered() throws InterruptedException {
            assertThat(entered.tryAcquire(60, TimeUnit.SECONDS)).as("a diagnosis reached the gate").isTrue();
        }

        void awaitNoneUnderWay() throws InterruptedException {
            long deadline = System.nanoTime() + LONG.toNanos();
            while (atOnce.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        void open() {
            gate.release();
        }

        void openAll() {
            holding = false;
            gate.release(1000);
        }
    }

    private long diskFull() {
        return post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).json().get("incidents").get(0)
                .longValue();
    }

    private long openIncident(String system, String alertname) {
        return post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", alertname, system,
                "2026-11-20T10:00:00Z", "f-" + system, "")).json().get("incidents").get(0).longValue();
    }

    private static String diskLog(int n) {
        return "{\"system\": \"rms\", \"level\": \"ERROR\", \"message\": \"No space left on device (" + n + ")\","
                + " \"timestamp\": \"2026-11-20T10:0" + (n % 10) + ":30Z\"}";
    }

    private void claim(long incidentId, String node, Instant until) {
        jdbc.update("UPDATE incident SET diagnosis_claimed_by = ?, diagnosis_claimed_until = ? WHERE id = ?", node,
                Times.toDb(until), incidentId);
    }

    private String claimedBy(long incidentId) {
        return jdbc.queryForObject("SELECT diagnosis_claimed_by FROM incident WHERE id = ?", String.class, incidentId);
    }

    private int revision(long incidentId) {
        return jdbc.queryForObject("SELECT facts_revision FROM incident WHERE id = ?", Integer.class, incidentId);
    }

    private Integer diagnosedRevision(long incidentId) {
        return jdbc.queryForObject("SELECT diagnosed_revision FROM incident WHERE id = ?", Integer.class, incidentId);
    }

    private int runs(long incidentId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM diagnosis_run WHERE incident_id = ?", Integer.class,
                incidentId);
    }
}
