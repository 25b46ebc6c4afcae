package com.saypro.triage.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The built jar on the embedded database: a kill -9 under load, then a graceful shutdown
 * under load, lose no acknowledged alert.
 */
class EmbeddedDatabaseKillIT {

    @Test
    void shouldKeepEveryAcknowledgedAlertThroughAKillAndAGracefulShutdownUnderLoad() throws Exception {
        Path workDir = TriageJar.workDir("embedded");
        try (TriageJar triage = new TriageJar(workDir, Map.of())) {
            long storedBefore = KillUnderLoad.run(triage, "embedded");

            AlertLoad beforeShutdown = new AlertLoad(triage, "term").start();
            Thread.sleep(2_000);
            long stopping = System.nanoTime();
            int terminated = triage.terminate(Duration.ofSeconds(30));
            long shutdownMillis = (System.nanoTime() - stopping) / 1_000_000;
            beforeShutdown.stop();
            long acknowledged = beforeShutdown.acknowledged.get();
            long stored = alertRows(workDir) - storedBefore;
            System.out.printf("[durability] embedded, SIGTERM after 2 s of load: %s; exit %d after %d ms; stored %d%n",
                    beforeShutdown.figures(), terminated, shutdownMillis, stored);
            assertThat(terminated).isEqualTo(TriageJar.TERMINATED);
            assertThat(Files.readString(triage.log())).contains("Graceful shutdown complete")
                    .doesNotContain("Graceful shutdown aborted");
            assertThat(beforeShutdown.unavailable.get()).as("no request in flight saw the database go away")
                    .isZero();
            assertThat(stored).as("every acknowledged alert is stored")
                    .isBetween(acknowledged, acknowledged + KillUnderLoad.IN_FLIGHT);
        }
        // Passed: the database (a few hundred MB) goes, the log stays.
        TriageJar.deleteTree(workDir.resolve("data"));
    }

    /** Alerts in the embedded database's file, read directly once Triage has shut it down. */
    private static long alertRows(Path workDir) throws SQLException {
        String url = "jdbc:h2:file:" + workDir.resolve("data/triage") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM alert")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
