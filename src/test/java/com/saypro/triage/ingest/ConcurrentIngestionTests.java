package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

@TriageIntegrationTest
class ConcurrentIngestionTests extends IntegrationTestSupport {

    private static final int THREADS = 8;

    @Test
    void shouldOpenOneIncidentWhenAlertsOfANewSystemArriveAtOnce() throws Exception {
        List<Integer> statuses = concurrently(i -> post("/api/v1/alerts/alertmanager", AlertMother.alertmanager(
                "firing", "HighErrorRate", "race", "2026-11-20T10:00:0" + i + "Z", "race000" + i, "")).status());

        assertThat(statuses).containsOnly(200);
        assertThat(count("incident")).isEqualTo(1);
        assertThat(count("alert")).isEqualTo(THREADS);
        assertThat(jdbc.queryForObject("SELECT alert_count FROM incident", Integer.class)).isEqualTo(THREADS);
    }

    @Test
    void shouldStoreTheSameAlertOnceWhenItIsDeliveredSeveralTimesAtOnce() throws Exception {
        List<Integer> statuses = concurrently(i -> post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms())
                .status());

        assertThat(statuses).containsOnly(200);
        assertThat(count("alert")).isEqualTo(1);
        assertThat(count("incident")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT duplicates FROM alert", Integer.class)).isEqualTo(THREADS - 1);
    }

    private interface Call {
        int run(int i) throws Exception;
    }

    private static List<Integer> concurrently(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                futures.add(pool.submit((Callable<Integer>) () -> call.run(n)));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
