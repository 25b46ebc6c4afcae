package com.saypro.triage.durability;

import org.junit.jupiter.api.Test;

/** The built jar on MariaDB (a database of its own on the machine's server): kill -9 under load loses nothing. */
class MariaDbKillIT {

    @Test
    void shouldKeepEveryAcknowledgedAlertThroughAKillUnderLoad() throws Exception {
        try (SharedMariaDb database = new SharedMariaDb()) {
            Required.orSkip(database.create(), "Start MariaDB on 127.0.0.1:3306 (user root, no password) or set"
                    + " TRIAGE_TEST_MARIADB_URL with a user that may create databases named triage_it_...");
            try (TriageJar triage = new TriageJar(TriageJar.workDir("mariadb-kill"), database.triageEnv())) {
                KillUnderLoad.run(triage, "MariaDB");
            }
        }
    }
}
