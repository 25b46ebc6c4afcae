package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;
import com.saypro.triage.web.UnderWayException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

/**
 * Reads answer with stored diagnoses and never run the rules themselves: what is not current
 * is diagnosed by the worker while they wait, once for all who wait; when it is not ready in
 * time, the latest stored diagnosis answers, marked stale, or none at all (under way).
 */
@TriageIntegrationTest
class DiagnosisReadsTests extends IntegrationTestSupport {

    private static final String DISK_FULL_LOG = "{\"system\": \"rms\", \"level\": \"ERROR\","
            + " \"message\": \"No space left on device\", \"timestamp\": \"2026-11-20T10:05:00Z\"}";

    @Autowired
    DiagnosisService diagnoses;

    @Autowired
    DiagnosisWorker worker;

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldShowTheFreshTopCauseRightAfterIngestionHavingDiagnosedOnTheWorkerNotInTheRequest() {
        double onWorker = computed("worker");
        double elsewhere = computed("other");

        long id = diskFull();
        JsonNode listed = get("/api/v1/incidents?status=open").json();
        JsonNode diagnosis = get("/api/v1/incidents/" + id + "/diagnosis").json();
        String board = get("/").body();

        assertThat(listed.get(0).get("topCause").get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(diagnosis.get("candidates").get(0).get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(diagnosis.get("stale").booleanValue()).isFalse();
        assertThat(board).contains("Disk or filesystem full");
        assertThat(computed("worker")).as("diagnosed once, by the worker").isEqualTo(onWorker + 1);
        assertThat(computed("other")).as("no request thread diagnosed").isEqualTo(elsewhere);
    }

    @Test
    void shouldDiagnoseOnceForTwoReadersOfTheSameIncidentAtOnce() throws Exception {
        long id = diskFull();
        double onWorker = computed("worker");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> reads = readers.invokeAll(List.of(() -> {
                together.await();
                return get("/api/v1/incidents/" + id + "/diagnosis");
            }, () -> {
                together.await();
                return get("/api/v1/incidents/" + id + "/diagnosis");
            }));
            for (Future<Response> read : reads) {
                assertThat(read.get().status()).isEqualTo(200);
                assertThat(read.get().json().get("candidates").get(0).get("causeCode").asString())
                        .isEqualTo("DISK_FULL");
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(runs(id)).isEqualTo(1);
        assertThat(computed("worker")).isEqualTo(onWorker + 1);
    }

    @Test
    void shouldAnswerTheLatestStoredDiagnosisMarkedStaleWhenTheCurrentOneIsNotReadyInTime() throws Exception {
        long id = diskFull();
        Diagnosis before = diagnoses.diagnosis(id);
        post("/api/v1/logs", DISK_FULL_LOG);

        Diagnosis late;
        CountDownLatch release = occupyTheWorker();
        try {
            late = diagnoses.diagnosis(id, Duration.ofMillis(300));
        } finally {
            release.countDown();
        }
        Diagnosis current = diagnoses.diagnosis(id);

        assertThat(late.stale()).isTrue();
        assertThat(late.factsRevision()).isEqualTo(before.factsRevision());
        assertThat(late.candidates()).isNotEmpty();
        assertThat(current.stale()).isFalse();
        assertThat(current.factsRevision()).isGreaterThan(before.factsRevision());
        assertThat(get("/incidents/" + id).body()).doesNotContain("earlier signals");
    }

    @Test
    void shouldSayTheDiagnosisIsUnderWayWhenNoneIsStoredYetAndTheWorkerIsBusy() throws Exception {
        long id = diskFull();

        CountDownLatch release = occupyTheWorker();
        try {
            assertThatThrownBy(() -> diagnoses.diagnosis(id, Duration.ofMillis(300)))
                    .isInstanceOf(UnderWayException.class).hasMessageContaining("under way");
        } finally {
            release.countDown();
        }
        assertThat(diagnoses.diagnosis(id).candidates().get(0).causeCode()).isEqualTo("DISK_FULL");
    }

    @Test
    void shouldDiagnoseARecordedIncidentWithTodaysRulesOnTheWorker() throws Exception {
        long id = diskFull();
        get("/api/v1/incidents/" + id + "/diagnosis");
        int runs = runs(id);

        CountDownLatch release = occupyTheWorker();
        CompletableFuture<Response> today = CompletableFuture
                .supplyAsync(() -> get("/api/v1/incidents/" + id + "/diagnosis?rules=current"));
        try {
            Thread.sleep(1_000);
            assertThat(today).as("waits for the worker").isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(today.get(60, TimeUnit.SECONDS).json().get("candidates").get(0).get("causeCode").asString())
                .isEqualTo("DISK_FULL");
        assertThat(runs(id)).as("stored nowhere").isEqualTo(runs);
    }

    @Test
    void shouldReadARunStoredBeforeDiagnosesSaidWhetherTheyAreStale() {
        long id = diskFull();
        get("/api/v1/incidents/" + id + "/diagnosis");
        jdbc.update("UPDATE diagnosis_run SET result = REPLACE(result, ',\"stale\":false', '') WHERE incident_id = ?",
                id);
        assertThat(jdbc.queryForObject("SELECT result FROM diagnosis_run WHERE incident_id = ?", String.class, id))
                .doesNotContain("stale");

        JsonNode diagnosis = get("/api/v1/incidents/" + id + "/diagnosis").json();

        assertThat(diagnosis.get("candidates").get(0).get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(diagnosis.get("stale").booleanValue()).isFalse();
    }

    /** Keeps the worker's one thread busy until the latch is counted down. */
    private CountDownLatch occupyTheWorker() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        worker.submit(() -> {
            busy.countDown();
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertThat(busy.await(60, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private long diskFull() {
        return post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).json().get("incidents").get(0)
                .longValue();
    }

    private double computed(String thread) {
        Timer timer = meters.find("triage.diagnosis.computed").tag("thread", thread).timer();
        return timer == null ? 0 : timer.count();
    }

    private int runs(long incidentId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM diagnosis_run WHERE incident_id = ?", Integer.class,
                incidentId);
    }
}
