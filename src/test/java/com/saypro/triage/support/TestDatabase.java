package com.saypro.triage.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Which database the Spring tests run on: the embedded H2 (default) or the real MariaDB
 * ({@code -Dtriage.test.db=mariadb}, the build's second test run). Without a reachable
 * MariaDB the MariaDB run is skipped with a message, except when {@code CI=true}: there it
 * must run, so it fails.
 */
public final class TestDatabase implements ExecutionCondition, ActiveProfilesResolver {

    public static final String PROPERTY = "triage.test.db";
    private static Boolean mariaDbReady;

    public static boolean mariaDb() {
        return "mariadb".equalsIgnoreCase(System.getProperty(PROPERTY, "h2"));
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return new String[] { mariaDb() ? "test-mariadb" : "test-h2" };
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!mariaDb()) {
            return ConditionEvaluationResult.enabled("embedded database");
        }
        String problem = prepareMariaDb();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("MariaDB at " + serverUrl());
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and MariaDB is required, but " + problem);
        }
        return ConditionEvaluationResult.disabled("Skipping the MariaDB run: " + problem
                + ". Start MariaDB on 127.0.0.1:3306 (user root, no password) or set TRIAGE_TEST_MARIADB_URL.");
    }

    private static synchronized String prepareMariaDb() {
        if (mariaDbReady != null) {
            return mariaDbReady ? null : "MariaDB is not reachable at " + serverUrl();
        }
        try (Connection connection = DriverManager.getConnection(serverUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + databaseName());
            // Each MariaDB run starts from an empty schema: Flyway migrates it from scratch.
            statement.execute("DROP DATABASE " + databaseName());
            statement.execute("CREATE DATABASE " + databaseName());
            mariaDbReady = true;
            return null;
        } catch (SQLException e) {
            mariaDbReady = false;
            return "MariaDB is not reachable at " + serverUrl() + " (" + e.getMessage() + ")";
        }
    }

    /**
     * A database of its own for tests that need one (a context that changes the rule base in
     * use): the test database's name with {@code suffix}, created empty. Returns its JDBC URL.
     */
    public static String freshMariaDb(String suffix) {
        String name = databaseName() + suffix;
        onServer(name, "DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name);
        return serverUrl() + name;
    }

    /**
     * A database of its own that outlives the run (for benchmark data that takes minutes to
     * load): the test database's name with {@code suffix}, created when absent and otherwise
     * left as it is. Returns its JDBC URL.
     */
    public static String keptMariaDb(String suffix) {
        String name = databaseName() + suffix;
        onServer(name, "CREATE DATABASE IF NOT EXISTS " + name);
        return serverUrl() + name;
    }

    private static void onServer(String database, String... statements) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database + " at " + serverUrl(), e);
        }
    }

    /** The MariaDB server of TRIAGE_TEST_MARIADB_URL, without the database: jdbc:mariadb://host:port/ */
    public static String serverUrl() {
        String url = env("TRIAGE_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/triage_test");
        return url.substring(0, url.lastIndexOf('/') + 1);
    }

    public static String user() {
        return env("TRIAGE_TEST_MARIADB_USER", "root");
    }

    public static String password() {
        return env("TRIAGE_TEST_MARIADB_PASSWORD", "");
    }

    private static String databaseName() {
        String url = env("TRIAGE_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/triage_test");
        String name = url.substring(url.lastIndexOf('/') + 1);
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
