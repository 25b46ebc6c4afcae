package com.saypro.triage.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own: a fresh data directory made by mariadb-install-db, and
 * mariadbd on a free port with its own socket, so the test can kill it and start it again
 * without touching the machine's MariaDB. Root has no password and may connect over TCP.
 */
final class PrivateMariaDb implements AutoCloseable {

    private static final String[] SERVERS = { "/usr/sbin/mariadbd", "/usr/libexec/mariadbd", "/usr/bin/mariadbd" };
    private static final String[] INSTALLERS = { "/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db" };
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final String server;
    private final int port = TriageJar.freePort();
    private Process process;

    private PrivateMariaDb(Path dir, String server) {
        this.dir = dir;
        this.server = server;
    }

    /** Why a private server cannot be made here, or null. */
    static String missing() {
        return find(SERVERS) == null || find(INSTALLERS) == null
                ? "mariadbd or mariadb-install-db is not installed (Debian package mariadb-server)" : null;
    }

    /** Installs a data directory under {@code dir} and starts the server on it. */
    static PrivateMariaDb install(Path dir) throws IOException, InterruptedException {
        PrivateMariaDb db = new PrivateMariaDb(dir, find(SERVERS));
        List<String> install = new ArrayList<>(List.of(find(INSTALLERS), "--no-defaults",
                "--datadir=" + db.dataDir(), "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (ROOT) {
            install.add("--user=root");
        }
        Process installer = new ProcessBuilder(install).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadb-install.log").toFile()).start();
        if (!installer.waitFor(60, TimeUnit.SECONDS) || installer.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed; see " + dir.resolve("mariadb-install.log"));
        }
        db.start();
        return db;
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Starts mariadbd on the data directory and waits until it takes connections. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(server, "--no-defaults", "--datadir=" + dataDir(),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"), "--log-error=" + dir.resolve("mariadb.err"),
                "--innodb-buffer-pool-size=64M"));
        if (ROOT) {
            command.add("--user=root");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.out").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see "
                        + dir.resolve("mariadb.err"));
            }
            try (Connection connection = DriverManager.getConnection(url(""), "root", "")) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mariadbd did not take connections within 60 s");
    }

    /** The server crashes: SIGKILL, InnoDB recovers from its log at the next start. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(""), "root", "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        }
    }

    private Path dataDir() {
        return dir.resolve("mariadb-data");
    }

    private static String find(String[] candidates) {
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** Stops the server and removes its data directory (about 100 MB); the logs stay. */
    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null && process.isAlive()) {
            kill();
        }
        TriageJar.deleteTree(dataDir());
    }
}
