package com.saypro.triage.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.saypro.triage.support.Json;

import tools.jackson.databind.JsonNode;

/**
 * The built jar ({@code -Dtriage.jar}, set by the build) run as a child process in a
 * working directory of its own, on a free port that stays the same across restarts, with
 * the ingestion token and admin password set (required once security is on, ignored before).
 * The JVM runs with C1 only and the serial collector: it starts in about half the time on a
 * busy two-core machine, which is what these tests spend most of their time on.
 */
public final class TriageJar implements AutoCloseable {

    public static final String INGEST_TOKEN = "durability-ingest-token";
    static final String ADMIN_PASSWORD = "durability-admin-password";
    /** What the JVM exits with when killed by SIGKILL (128 + 9) and after SIGTERM (128 + 15). */
    public static final int KILLED = 137;
    static final int TERMINATED = 143;

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path workDir;
    private final Map<String, String> env;
    private final int port = freePort();
    private Process process;

    /** {@code env}: the database settings; without TRIAGE_DB_URL the embedded database in workDir/data. */
    public TriageJar(Path workDir, Map<String, String> env) {
        this.workDir = workDir;
        this.env = env;
    }

    /** A fresh working directory under target/durability/, kept after the test for its log and data. */
    public static Path workDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "durability", name + "-" + System.currentTimeMillis())
                .toAbsolutePath());
    }

    /** Removes a directory and everything in it (a database's files once a test has passed). */
    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Starts the jar and waits until {@code /actuator/health} says UP. */
    public TriageJar start() throws IOException, InterruptedException {
        String jar = System.getProperty("triage.jar");
        assertThat(jar).as("system property triage.jar (set by the build)").isNotBlank();
        assertThat(Path.of(jar)).as("the built jar; run the ITs with ./mvnw verify").exists();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--server.port=" + port)
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("TRIAGE_"));
        environment.put("TRIAGE_DATA_DIR", workDir.resolve("data").toString());
        environment.put("TRIAGE_INGEST_TOKEN", INGEST_TOKEN);
        environment.put("TRIAGE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.putAll(env);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Triage exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            if (healthBody().contains("\"UP\"")) {
                return this;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Triage was not UP within 120 s:\n" + logTail());
    }

    /** {@code kill -9}: returns the exit code (137 when the JVM got SIGKILL). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return exitCode(Duration.ofSeconds(10));
    }

    /** {@code kill} (SIGTERM): graceful shutdown. Returns the exit code (143). */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        return exitCode(within);
    }

    private int exitCode(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Triage did not exit within " + within + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** The body of {@code GET /actuator/health} (anonymous), or "" when there is no answer. */
    String healthBody() {
        try {
            return send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(30)).GET()).body();
        } catch (IOException e) {
            return "";
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", basic())
                .GET());
    }

    public HttpRequest.Builder ingest(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + INGEST_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** Alerts stored, as the read API counts them: the sum of every incident's alertCount. */
    long storedAlerts() throws IOException {
        HttpResponse<String> response = get("/api/v1/incidents?limit=1000");
        assertThat(response.statusCode()).as("GET /api/v1/incidents: %s", response.body()).isEqualTo(200);
        long stored = 0;
        for (JsonNode incident : Json.MAPPER.readTree(response.body())) {
            stored += incident.get("alertCount").longValue();
        }
        return stored;
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public Path log() {
        return workDir.resolve("triage.log");
    }

    public String logTail() {
        try {
            List<String> lines = Files.exists(log()) ? Files.readAllLines(log()) : new ArrayList<>();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
