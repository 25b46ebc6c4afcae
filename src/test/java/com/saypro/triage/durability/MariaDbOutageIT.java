package com.saypro.triage.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The built jar on a MariaDB server of the test's own, which crashes (SIGKILL) under load and
 * comes back: meanwhile ingestion answers 503 with Retry-After, health is DOWN and pages say the
 * database is unavailable; no acknowledged alert is lost, and ingestion is accepted again by
 * itself, without a restart of Triage.
 */
class MariaDbOutageIT {

    @Test
    void shouldAnswer503WhileTheDatabaseIsDownAndRecoverByItselfWhenItReturns() throws Exception {
        Required.orSkip(PrivateMariaDb.missing(), "Install the Debian package mariadb-server.");
        Path workDir = TriageJar.workDir("mariadb-outage");
        try (PrivateMariaDb database = PrivateMariaDb.install(workDir)) {
            database.createDatabase("triage");
            Map<String, String> env = Map.of("TRIAGE_DB_URL", database.url("triage"), "TRIAGE_DB_USER", "root",
                    "TRIAGE_DB_PASSWORD", "");
            try (TriageJar triage = new TriageJar(workDir, env)) {
                triage.start();
                AlertLoad load = new AlertLoad(triage, "outage").start();
                Thread.sleep(2_000);
                long acknowledgedBefore = load.acknowledged.get();

                database.kill();
                Thread.sleep(4_000);
                String health = triage.healthBody();
                HttpResponse<String> board = triage.get("/");
                long unavailable = load.unavailable.get();
                long withRetryAfter = load.unavailableWithRetryAfter.get();

                database.start();
                long back = System.nanoTime();
                long deadline = back + TimeUnit.SECONDS.toNanos(30);
                while (load.lastAcknowledgedAt.get() - back < 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                long recoveryMillis = (load.lastAcknowledgedAt.get() - back) / 1_000_000;
                Thread.sleep(1_000);
                load.stop();
                long stored = triage.storedAlerts();

                System.out.printf("[durability] MariaDB down for 4 s under load: %s; acknowledged before the crash %d;"
                        + " stored %d; database back -> first 2xx %d ms%n", load.figures(), acknowledgedBefore,
                        stored, recoveryMillis);
                assertThat(acknowledgedBefore).as("the load reached Triage before the crash").isPositive();
                assertThat(unavailable).as("503s while the database was down").isPositive();
                assertThat(withRetryAfter).as("every 503 says when to retry").isEqualTo(unavailable);
                assertThat(load.otherStatus.get()).as("no 500 or other error while the database was down").isZero();
                assertThat(health).contains("\"DOWN\"");
                assertThat(board.statusCode()).isEqualTo(503);
                assertThat(board.body()).contains("Database unavailable");
                assertThat(recoveryMillis).as("ingestion accepted again after the database returned")
                        .isBetween(0L, 30_000L);
                assertThat(load.acknowledged.get()).isGreaterThan(acknowledgedBefore);
                assertThat(stored).as("every acknowledged alert is stored")
                        .isBetween(load.acknowledged.get(), load.acknowledged.get() + KillUnderLoad.IN_FLIGHT);
            }
        }
    }
}
