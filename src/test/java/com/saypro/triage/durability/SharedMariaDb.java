package com.saypro.triage.durability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import com.saypro.triage.support.TestDatabase;

/**
 * A database of the test's own on the machine's MariaDB (the server of
 * {@code TRIAGE_TEST_MARIADB_URL}, default 127.0.0.1:3306, with
 * {@code TRIAGE_TEST_MARIADB_USER} and {@code _PASSWORD}, default root without one), named
 * {@code triage_it_...} so that builds running side by side do not meet; dropped at the end.
 */
final class SharedMariaDb implements AutoCloseable {

    private final String server = TestDatabase.serverUrl();
    private final String user = TestDatabase.user();
    private final String password = TestDatabase.password();
    private final String database = "triage_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    private boolean created;

    /** Creates the database; returns why it could not, or null. */
    String create() {
        try (Connection connection = DriverManager.getConnection(server, user, password)) {
            connection.createStatement().execute("CREATE DATABASE " + database);
            created = true;
            return null;
        } catch (SQLException e) {
            return "MariaDB at " + server + " is not reachable or refuses CREATE DATABASE " + database + " ("
                    + e.getMessage() + ")";
        }
    }

    /** Triage's settings for this database. */
    Map<String, String> triageEnv() {
        return Map.of("TRIAGE_DB_URL", server + database, "TRIAGE_DB_USER", user, "TRIAGE_DB_PASSWORD", password);
    }

    @Override
    public void close() throws SQLException {
        if (created) {
            try (Connection connection = DriverManager.getConnection(server, user, password)) {
                connection.createStatement().execute("DROP DATABASE " + database);
            }
        }
    }
}
