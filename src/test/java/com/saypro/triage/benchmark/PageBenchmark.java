package com.saypro.triage.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TestDatabase;
import com.saypro.triage.support.Times;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * Prints the server time of the pages analysts live on, over a year of data: the board, the
 * incident lists of the API, and the incident page and the incident's timeline of a typical
 * resolved incident and of an alert storm's open incident; p50, p95 and the slowest of
 * {@value #DEFAULT_RUNS} requests over HTTP after {@value #DEFAULT_WARM_UP} rounds of all pages
 * to warm up, p95 beside the 100 ms target, and the CPU time the JVM spent per request. Not a
 * pass/fail test; run it with
 * {@code ./mvnw test-compile surefire:test@default-test surefire:test@mariadb -Dtriage.test.excluded=none
 * -Dtest=PageBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read target/surefire-reports*&#47;*PageBenchmark-output.txt.
 *
 * <p>The data, loaded with JDBC batches straight into the tables: 10,000 incidents over 40
 * systems and a year (3% open or acknowledged, most of them from the last two weeks; 0.5%
 * verifying; the rest closed), 1,000,000 alerts (names of the seeded catalog, labels and
 * annotations as Alertmanager sends them), 50,000 of them in one open incident of the last six
 * hours, 10,000,000 metric samples (availability, error rate, p95 response time, CPU, memory and
 * disk of three components per system: a tenth of them in the last day, about one a minute per
 * series, the rest spread over the year), the incidents' timelines and answers, and a stored
 * diagnosis for every incident. Open incidents count as diagnosed with the rules in use, as the
 * background refresher leaves them, so the board and the lists diagnose nothing; the first view
 * of the storm's incident (the first request after the start, which diagnoses it if its stored
 * diagnosis is stale) is printed apart. The times are taken over HTTP on the loopback interface
 * by a client in the server's JVM.
 *
 * <p>Settings (system properties): {@code bench.pages.scale}, the share of that full scale
 * (default 1 on MariaDB, 0.1 on the embedded database; {@code 0.01} for a quick try; the
 * storm's incident scales too); {@code bench.pages.runs} and {@code bench.pages.warmup};
 * {@code bench.pages.only}, to measure only the pages whose names contain one of these
 * comma-separated words ({@code board,timeline}).
 * Loading takes minutes at full scale, so the data is kept between runs in a database of its
 * own per scale: {@code <test database>_pages_<scale>} on MariaDB, {@code target/benchmark-pages/}
 * for the embedded one. Drop it (or delete the folder) to load it again.
 */
@Tag("benchmark")
@TriageIntegrationTest
class PageBenchmark extends IntegrationTestSupport {

    static final int DEFAULT_RUNS = 50;
    static final int DEFAULT_WARM_UP = 20;
    private static final double TARGET_MS = 100;
    private static final double SCALE = scale();
    private static final int INCIDENTS = Math.max(100, (int) Math.round(10_000 * SCALE));
    private static final int STORM = Math.max(1_000, (int) Math.round(50_000 * SCALE));
    private static final int ALERTS = Math.max(STORM + 10 * INCIDENTS, (int) Math.round(1_000_000 * SCALE));
    private static final long SAMPLES = Math.max(100_000, Math.round(10_000_000 * SCALE));
    /** The row that says the data is complete (a load cut short leaves none, and is loaded again). */
    private static final String LOADED = "page-benchmark-data";

    private static final String[] SYSTEMS = {"rms", "lms", "billing", "search", "auth", "mail", "cdn", "erp",
        "payments", "catalog", "checkout", "crm", "hr", "wiki", "chat", "video", "storage", "backup", "dns", "vpn",
        "ldap", "gitlab", "ci", "monitoring", "logging", "api-gateway", "mobile-api", "reports", "warehouse",
        "inventory", "shipping", "notifications", "scheduler", "analytics", "portal", "forum", "library", "exams",
        "admissions", "finance"};
    private static final String[] ROLES = {"web", "app", "db"};
    private static final String[] METRICS = {"availability", "error_rate", "response_time_p95_ms",
        "cpu_utilization", "memory_utilization", "disk_utilization"};
    private static final String[] PEOPLE = {"admin", "alice", "bob", "carol", "dave", "erin"};

    /** A kind of incident: the cause it turns out to be, the alerts it raises, where and how it was fixed. */
    private record Case(String cause, String job, int role, String severity, String families, String fix,
            String... alerts) {
    }

    private static final Case[] CASES = {
        new Case("DISK_FULL", "node", 1, "critical", "DISK_FULL", "rotated the application logs and capped them",
            "NodeFilesystemAlmostOutOfSpace", "HostOutOfDiskSpace", "NodeFilesystemFilesFillingUp"),
        new Case("CPU_SATURATION", "node", 1, "warning", "HIGH_CPU", "moved the nightly batch off the web hosts",
            "HostHighCpuLoad", "NodeCPUHighUsage", "NodeSystemSaturation"),
        new Case("MEMORY_EXHAUSTION", "node", 1, "critical", "HIGH_MEMORY", "capped the cache and raised the limit",
            "HostOutOfMemory", "HostMemoryUnderMemoryPressure", "HostSwapIsFillingUp"),
        new Case("APPLICATION_CRASH", "kubernetes", 1, "critical", "CRASH_LOOPING,SERVICE_DOWN",
            "rolled back the release", "KubePodCrashLooping", "TargetDown", "KubernetesPodCrashLooping"),
        new Case("ENDPOINT_DOWN", "blackbox", 0, "critical", "SERVICE_DOWN", "restarted the web tier",
            "BlackboxProbeFailed", "NginxDown"),
        new Case("HOST_DOWN", "node", 1, "critical", "HOST_UNREACHABLE", "replaced the failed host", "HostDown",
            "NodeDown", "InstanceDown"),
        new Case("DB_CONNECTION_POOL_EXHAUSTED", "mysqld", 2, "warning", "DB_CONNECTIONS_HIGH,DB_POOL_EXHAUSTED",
            "raised the pool to 50 and fixed a leak in the exporter", "MySQLTooManyConnections",
            "HikariPoolExhausted", "MariaDBHighConnections"),
        new Case("SLOW_DATABASE_QUERY", "mysqld", 2, "warning", "DB_SLOW_QUERIES,SLOW_RESPONSE",
            "added an index on the statement table", "MySQLSlowQueries", "NginxHighLatency",
            "SpringBootHighLatency"),
        new Case("CERTIFICATE_EXPIRY", "blackbox", 0, "warning", "CERT_EXPIRING", "renewed the wildcard certificate",
            "SslCertificateExpiry", "NginxCertificateExpiry"),
        new Case("JVM_GC_PRESSURE", "jvm", 1, "warning", "JVM_HEAP_HIGH,JVM_GC_PRESSURE",
            "raised the heap and bounded the session cache", "JVMHeapMemoryFillingUp", "JVMGCTimeTooHigh",
            "HighGCPauseTime"),
        new Case("APPLICATION_ERROR_SPIKE", "spring", 1, "critical", "HIGH_ERROR_RATE",
            "turned the new checkout flag off", "SpringBootHighErrorRate", "NginxHighHTTP5xxErrorRate"),
        new Case("DB_REPLICATION_LAG", "mysqld", 2, "warning", "DB_REPLICATION_LAG", "rebuilt the replica",
            "MySQLReplicationLag", "MySQLSlaveSQLThreadNotRunning")};

    @Autowired
    RuleBase ruleBase;
    @Autowired
    DiagnosisService diagnoses;
    @Autowired
    KnowledgeBase knowledge;

    static double scale() {
        String given = System.getProperty("bench.pages.scale");
        return given == null || given.isBlank() ? TestDatabase.mariaDb() ? 1 : 0.1 : Double.parseDouble(given);
    }

    private static String scaleName() {
        return java.math.BigDecimal.valueOf(SCALE).stripTrailingZeros().toPlainString();
    }

    /** A database of its own per scale, kept between runs (the suite's test database starts empty each run). */
    @DynamicPropertySource
    static void keptDatabase(DynamicPropertyRegistry registry) {
        String suffix = "_pages_" + scaleName().replace('.', '_');
        String url = TestDatabase.mariaDb() ? TestDatabase.keptMariaDb(suffix)
                : "jdbc:h2:file:./target/benchmark-pages/h2" + suffix
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW";
        registry.add("spring.datasource.url", () -> url);
        // Migrations merged after the data was loaded may come before the newest one applied.
        registry.add("spring.flyway.out-of-order", () -> "true");
        // The notifier looks at the open incidents as often as in production, not the tests' 200 ms.
        registry.add("triage.notify.interval", () -> "5s");
    }

    /** The data is loaded once and kept: nothing is emptied before the test. */
    @Override
    protected void emptyIncidentsAndSignals() {
    }

    @Test
    void printServerTimeOfTheBoardIncidentPagesAndTimelines() throws SQLException {
        String scale = "scale " + scaleName();
        System.out.printf(Locale.ROOT, "pages on %s, %s: %,d incidents over %d systems, %,d alerts (%,d in one open"
                + " incident), %,d metric samples%n", TestDatabase.mariaDb() ? "MariaDB" : "the embedded database",
                scale, INCIDENTS, SYSTEMS.length, ALERTS, STORM, SAMPLES);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM app_lock WHERE name = ?", Integer.class, LOADED) == 0) {
            long started = System.nanoTime();
            new Loader().load();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "  loaded in %.0f s%n", seconds);
            BenchmarkFigures.record("pages: loading the data (" + scale + ")", seconds, "s", null, true);
        } else {
            System.out.println("  the data of an earlier run is kept (drop the database to load it again)");
        }
        long storm = jdbc.queryForObject("SELECT id FROM incident ORDER BY alert_count DESC, id LIMIT 1", Long.class);
        long typical = typicalResolvedIncident();

        // The first view of the storm's incident: the first request of this start, and it diagnoses the
        // incident when its stored diagnosis is stale (on the first run, after a change of the rules).
        String runs0 = "SELECT COUNT(*) FROM diagnosis_run WHERE incident_id = ?";
        int before = jdbc.queryForObject(runs0, Integer.class, storm);
        long first = System.nanoTime();
        // While the worker diagnoses it, the page answers 503 with Retry-After, as a browser would be told.
        Response view = get("/incidents/" + storm);
        int retries = 0;
        for (; view.status() == 503 && retries < 120; retries++) {
            sleepQuietly(500);
            view = get("/incidents/" + storm);
        }
        ok(view);
        System.out.printf(Locale.ROOT, "  first view of the storm's incident %d: %.0f ms, %d answers 503 before it"
                + " (%s)%n", storm, (System.nanoTime() - first) / 1e6, retries, jdbc.queryForObject(runs0, Integer.class, storm) > before
                        ? "diagnosed it: its stored diagnosis was stale" : "its stored diagnosis was current");
        // As the background refresher leaves them: every open incident diagnosed with the rules in use.
        jdbc.update("UPDATE incident SET diagnosed_revision = facts_revision, diagnosed_version = ?"
                + " WHERE status IN ('OPEN', 'ACKNOWLEDGED')", ruleBase.current().version());

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("board GET /", "/");
        pages.put("GET /api/v1/incidents?status=open", "/api/v1/incidents?status=open");
        pages.put("GET /api/v1/incidents (all)", "/api/v1/incidents");
        pages.put("incident page, typical resolved incident", "/incidents/" + typical);
        pages.put("incident page, " + STORM + "-alert incident", "/incidents/" + storm);
        pages.put("incident page, " + STORM + "-alert incident, last alerts", "/incidents/" + storm + "?alertsFrom="
                + (STORM - 200));
        pages.put("timeline API, typical resolved incident", "/api/v1/incidents/" + typical + "/timeline");
        pages.put("timeline API, " + STORM + "-alert incident", "/api/v1/incidents/" + storm + "/timeline");
        int warmUp = Integer.getInteger("bench.pages.warmup", DEFAULT_WARM_UP);
        int runs = Integer.getInteger("bench.pages.runs", DEFAULT_RUNS);
        System.out.printf(Locale.ROOT, "  typical resolved incident %d (%d alerts), storm incident %d; %d requests"
                + " each after %d rounds of all to warm up (target p95 < %.0f ms)%n", typical,
                jdbc.queryForObject("SELECT alert_count FROM incident WHERE id = ?", Integer.class, typical), storm,
                runs, warmUp, TARGET_MS);
        String only = System.getProperty("bench.pages.only", "");
        pages.keySet().removeIf(name -> !only.isBlank() && Arrays.stream(only.split(",")).noneMatch(name::contains));
        // Every page in turn, so that what they share (the rendering, security) is compiled by the JIT
        // before the first is measured.
        for (int i = 0; i < warmUp; i++) {
            pages.values().forEach(path -> ok(get(path)));
        }
        pages.forEach((name, path) -> {
            long[] times = new long[runs];
            int bytes = 0;
            long cpu = processCpuNanos();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                bytes = ok(get(path)).body().length();
                times[i] = System.nanoTime() - start;
            }
            cpu = processCpuNanos() - cpu;
            Arrays.sort(times);
            double p95 = times[(int) Math.ceil(runs * 0.95) - 1] / 1e6;
            System.out.printf(Locale.ROOT, "  %-52s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  cpu %5.1f ms"
                    + "  %,9d chars  %s%n", name, times[runs / 2] / 1e6, p95, times[runs - 1] / 1e6, cpu / 1e6 / runs,
                    bytes, p95 <= TARGET_MS ? "met" : "MISSED");
            BenchmarkFigures.record("page p95: " + name + " (" + scale + ")", p95, "ms", TARGET_MS, true);
        });
    }

    /**
     * The CPU time of this JVM: the server's, the client's reading the answers, the JIT's and the
     * garbage collector's. Per request, it tells a page that works hard from one that waited for a
     * busy machine.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response ok(Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("status " + response.status() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response;
    }

    /** A closed incident opened three months before the newest, with about as many alerts as most. */
    private long typicalResolvedIncident() {
        int mean = (ALERTS - STORM) / (INCIDENTS - 1);
        Instant newest = jdbc.queryForObject("SELECT MAX(opened_at) FROM incident", java.time.LocalDateTime.class)
                .toInstant(java.time.ZoneOffset.UTC);
        return jdbc.queryForObject("SELECT id FROM incident WHERE status = 'CLOSED' AND alert_count BETWEEN ? AND ?"
                + " AND opened_at < ? ORDER BY opened_at DESC, id LIMIT 1", Long.class, mean / 2, mean * 2,
                Times.toDb(newest.minus(Duration.ofDays(90))));
    }

    /** Writes the data in batches, a commit every {@value #COMMIT_EVERY} rows. */
    private final class Loader {

        private static final int COMMIT_EVERY = 10_000;
        private final SplittableRandom random = new SplittableRandom(20261128);
        private final Instant now = Times.now().truncatedTo(ChronoUnit.SECONDS);
        private final Map<String, String> causeTitles = new LinkedHashMap<>();
        private final List<KbQuestion> questions = List.copyOf(knowledge.questions().values());
        private long fingerprints;

        /** An incident as planned before it is written. */
        private record Planned(String system, Case kind, String status, Instant openedAt, Instant resolvedAt,
                Instant closedAt, int alerts, String assignee, boolean quiet, boolean storm) {
        }

        void load() throws SQLException {
            knowledge.causes().values().forEach(c -> causeTitles.put(c.code(), c.title()));
            DataSource dataSource = jdbc.getDataSource();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (var statement = connection.createStatement()) {
                    for (String table : new String[] {"diagnosis_run", "answer", "incident_event",
                        "notification_incident_state", "alert", "metric_sample"}) {
                        statement.execute("DELETE FROM " + table);
                        connection.commit();
                    }
                    statement.execute("DELETE FROM incident");
                    connection.commit();
                }
                long t0 = System.nanoTime();
                List<Planned> plan = plan();
                insertIncidents(connection, plan);
                List<Long> ids = jdbc.queryForList("SELECT id FROM incident ORDER BY id", Long.class);
                long t1 = System.nanoTime();
                insertAlerts(connection, plan, ids);
                long t2 = System.nanoTime();
                insertTimelines(connection, plan, ids);
                long t3 = System.nanoTime();
                insertSamples(connection);
                long t4 = System.nanoTime();
                System.out.printf(Locale.ROOT, "  load: incidents %.1f s, alerts %.1f s, timelines and answers %.1f s,"
                        + " metric samples %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                        (t4 - t3) / 1e9);
            }
            storeDiagnoses();
            jdbc.update("INSERT INTO app_lock (name) VALUES (?)", LOADED);
        }

        private List<Planned> plan() {
            int workable = Math.max(4, (int) Math.round(INCIDENTS * 0.03));
            int verifying = Math.max(2, (int) Math.round(INCIDENTS * 0.005));
            int[] alerts = alertCounts(INCIDENTS - 1, ALERTS - STORM);
            List<Planned> plan = new ArrayList<>();
            for (int i = 0; i < INCIDENTS - 1; i++) {
                String status = i < workable / 2 ? "OPEN" : i < workable ? "ACKNOWLEDGED"
                        : i < workable + verifying ? "VERIFYING" : "CLOSED";
                // A few systems make most of the noise.
                String system = SYSTEMS[(int) (SYSTEMS.length * Math.pow(random.nextDouble(), 1.6))];
                Case kind = CASES[random.nextInt(CASES.length)];
                String assignee = status.equals("OPEN") ? null : PEOPLE[random.nextInt(PEOPLE.length)];
                Instant opened;
                Instant resolved = null;
                Instant closed = null;
                switch (status) {
                    case "OPEN", "ACKNOWLEDGED" -> opened = now.minusSeconds(
                            (long) (14 * 86_400 * Math.pow(random.nextDouble(), 3)) + 600);
                    case "VERIFYING" -> {
                        opened = now.minusSeconds(3_600 + random.nextInt(4 * 3_600));
                        resolved = now.minusSeconds(60 + random.nextInt(25 * 60));
                    }
                    default -> {
                        opened = now.minusSeconds(6 * 3_600 + random.nextLong(365L * 86_400));
                        resolved = opened.plusSeconds(600 + random.nextInt(6 * 3_600));
                        closed = resolved.plusSeconds(1_800);
                    }
                }
                plan.add(new Planned(system, kind, status, opened, resolved, closed, alerts[i], assignee,
                        status.equals("ACKNOWLEDGED") && random.nextInt(5) == 0, false));
            }
            plan.add(new Planned("lms", CASES[0], "OPEN", now.minus(Duration.ofHours(6)), null, null, STORM, null,
                    false, true));
            plan.sort(Comparator.comparing(Planned::openedAt));
            return plan;
        }

        /** {@code total} alerts over {@code incidents}: most have a few, some hundreds (exponential). */
        private int[] alertCounts(int incidents, int total) {
            double[] weights = new double[incidents];
            double sum = 0;
            for (int i = 0; i < incidents; i++) {
                weights[i] = -Math.log(1 - random.nextDouble());
                sum += weights[i];
            }
            int[] counts = new int[incidents];
            long given = 0;
            for (int i = 0; i < incidents; i++) {
                counts[i] = Math.max(1, (int) (weights[i] / sum * total));
                given += counts[i];
            }
            while (given != total) {
                int i = random.nextInt(incidents);
                if (given < total) {
                    counts[i]++;
                    given++;
                } else if (counts[i] > 1) {
                    counts[i]--;
                    given--;
                }
            }
            return counts;
        }

        private String title(Planned p) {
            String cause = causeTitles.getOrDefault(p.kind().cause(), p.kind().cause());
            int names = Math.min(p.alerts(), p.kind().alerts().length);
            return cause + ": " + p.kind().alerts()[0] + (names > 1 ? " and " + (names - 1) + " more" : "");
        }

        private static int revision(Planned p) {
            return 1 + p.alerts() / 20;
        }

        private Instant lastSignal(Planned p) {
            Instant end = p.resolvedAt() != null ? p.resolvedAt() : p.quiet() ? now.minus(Duration.ofMinutes(40))
                    : now.minusSeconds(30);
            return end.isAfter(p.openedAt()) ? end : p.openedAt();
        }

        private void insertIncidents(Connection connection, List<Planned> plan) throws SQLException {
            String version = ruleBase.current().version();
            try (Batch batch = new Batch(connection, "INSERT INTO incident (system_name, title, severity, status,"
                    + " opened_at, updated_at, resolved_at, alert_count, facts_revision, diagnosed_revision,"
                    + " diagnosed_version, top_cause_code, top_cause_title, top_confidence, assignee, acknowledged_at,"
                    + " resolved_by, resolution, confirmed_cause, fix_applied, verify_until, closed_at, reopened,"
                    + " reopen_count, fix_held, last_activity_at, last_signal_at, symptom_families)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Planned p : plan) {
                    boolean resolved = p.resolvedAt() != null;
                    String resolution = !resolved ? null : random.nextInt(10) < 7 ? "confirmed"
                            : random.nextBoolean() ? "unknown" : "false_alarm";
                    Instant last = p.closedAt() != null ? p.closedAt() : lastSignal(p);
                    int revision = revision(p);
                    batch.add(p.system(), title(p), p.kind().severity(), p.status(), p.openedAt(), last,
                            // The storm's incident has no stored run: not diagnosed, so its first view diagnoses it.
                            p.resolvedAt(), p.alerts(), revision, p.storm() ? null : revision,
                            p.storm() ? null : version, p.kind().cause(),
                            causeTitles.getOrDefault(p.kind().cause(), p.kind().cause()),
                            0.5 + random.nextInt(45) / 100.0, p.assignee(),
                            p.assignee() == null ? null : p.openedAt().plusSeconds(300 + random.nextInt(1_500)),
                            p.assignee() == null || !resolved ? null : p.assignee(), resolution,
                            "confirmed".equals(resolution) ? p.kind().cause() : null,
                            "false_alarm".equals(resolution) ? null : resolved ? p.kind().fix() : null,
                            p.status().equals("VERIFYING") ? p.resolvedAt().plusSeconds(1_800) : null, p.closedAt(),
                            false, 0, p.closedAt() == null ? null : Boolean.TRUE, last, lastSignal(p),
                            p.kind().families());
                }
            }
        }

        private void insertAlerts(Connection connection, List<Planned> plan, List<Long> ids) throws SQLException {
            try (Batch batch = new Batch(connection, "INSERT INTO alert (incident_id, source, fingerprint, name,"
                    + " system_name, component, severity, status, labels, annotations, starts_at, ends_at, received_at,"
                    + " last_received_at, duplicates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < plan.size(); i++) {
                    Planned p = plan.get(i);
                    boolean storm = p.storm();
                    long span = Math.max(60, Duration.between(p.openedAt(), lastSignal(p)).getSeconds());
                    int hosts = storm ? Math.max(10, STORM / 10) : 1 + random.nextInt(12);
                    for (int j = 0; j < p.alerts(); j++) {
                        // The first names fire most; a storm is mostly its first alert over thousands of hosts.
                        String[] names = p.kind().alerts();
                        String name = names[Math.min(names.length - 1, (int) (names.length
                                * Math.pow(random.nextDouble(), storm ? 2.5 : 1.5)))];
                        Instant starts = p.openedAt().plusSeconds(span * j / p.alerts());
                        String host = "host-" + (1 + random.nextInt(hosts));
                        boolean firing = p.resolvedAt() == null && !p.quiet() && random.nextInt(10) < 8;
                        Instant ends = firing ? null : starts.plusSeconds(60 + random.nextInt(3_600));
                        Instant limit = p.resolvedAt() != null ? p.resolvedAt()
                                : p.quiet() ? now.minus(Duration.ofMinutes(30)) : now;
                        if (ends != null && ends.isAfter(limit)) {
                            ends = limit;
                        }
                        Map<String, String> labels = new LinkedHashMap<>();
                        labels.put("alertname", name);
                        labels.put("instance", host + (p.kind().job().equals("blackbox")
                                ? "" : p.kind().job().equals("mysqld") ? ":9104" : ":9100"));
                        labels.put("job", p.kind().job());
                        labels.put("severity", p.kind().severity());
                        labels.put("system", p.system());
                        Map<String, String> annotations = new LinkedHashMap<>();
                        annotations.put("summary", name + " on " + host + " of " + p.system());
                        annotations.put("description", "The " + p.kind().families().toLowerCase(Locale.ROOT)
                                .replace('_', ' ') + " condition holds on " + host + " for more than 5 minutes.");
                        annotations.put("runbook_url", "https://runbooks.example.org/" + name);
                        batch.add(ids.get(i), "alertmanager", fingerprint(), name, p.system(),
                                p.system() + "-" + ROLES[p.kind().role()], p.kind().severity(),
                                firing ? "firing" : "resolved", Json.write(labels), Json.write(annotations), starts,
                                ends, starts.plusSeconds(5), ends != null ? ends : now, random.nextInt(20));
                    }
                }
            }
            // The alert names each incident holds, as ingestion records them.
            try (var names = connection.createStatement()) {
                names.executeUpdate("INSERT INTO incident_alert_name (name, incident_id)"
                        + " SELECT DISTINCT name, incident_id FROM alert WHERE incident_id IS NOT NULL");
            }
            connection.commit();
        }

        /** Alertmanager's 16 hex digits, all different (a mix of a counter that never repeats). */
        private String fingerprint() {
            long z = ++fingerprints * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return String.format(Locale.ROOT, "%016x", z ^ (z >>> 31));
        }

        /** Per incident: its top cause, who took it, notes, answers, its resolution and closing. */
        private void insertTimelines(Connection connection, List<Planned> plan, List<Long> ids) throws SQLException {
            try (Batch events = new Batch(connection, "INSERT INTO incident_event (incident_id, at, kind, summary,"
                    + " actor, detail) VALUES (?, ?, ?, ?, ?, ?)");
                    Batch answers = new Batch(connection, "INSERT INTO answer (incident_id, question_code,"
                            + " answer_value, answered_at, answered_by) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < plan.size(); i++) {
                    Planned p = plan.get(i);
                    long id = ids.get(i);
                    String cause = causeTitles.getOrDefault(p.kind().cause(), p.kind().cause());
                    events.add(id, p.openedAt().plusSeconds(20), "top-cause", "most likely cause now: " + cause + " ("
                            + (50 + random.nextInt(45)) + "%)", "system", "{\"causeCode\":\"" + p.kind().cause() + "\"}");
                    if (p.assignee() != null) {
                        Instant at = p.openedAt().plusSeconds(300);
                        events.add(id, at, "status", "acknowledged; assigned to " + p.assignee(), p.assignee(),
                                "{\"status\":\"acknowledged\"}");
                        for (int n = random.nextInt(4); n > 0; n--) {
                            at = at.plusSeconds(120 + random.nextInt(600));
                            events.add(id, at, "note", "checked the dashboards of " + p.system() + " and the logs of "
                                    + p.system() + "-" + ROLES[p.kind().role()] + "; " + p.kind().alerts()[0]
                                    + " matches what we saw last time", p.assignee(), null);
                        }
                        if (!questions.isEmpty() && random.nextInt(3) == 0) {
                            KbQuestion q = questions.get(random.nextInt(questions.size()));
                            String value = q.options().isEmpty() ? "yes" : q.options().get(0);
                            at = at.plusSeconds(60);
                            answers.add(id, q.code(), value, at, p.assignee());
                            events.add(id, at, "answer", q.text() + " " + value, p.assignee(),
                                    "{\"question\":\"" + q.code() + "\",\"answer\":\"" + value + "\"}");
                        }
                    }
                    if (p.resolvedAt() != null) {
                        events.add(id, p.resolvedAt(), "status", "resolved: root cause " + cause + "; fix: "
                                + p.kind().fix() + "; watching for a recurrence for 30 minutes",
                                p.assignee() == null ? "admin" : p.assignee(), "{\"resolution\":\"confirmed\"}");
                    }
                    if (p.closedAt() != null) {
                        events.add(id, p.closedAt(), "status", "closed: the fix held for 30 minutes", "system",
                                "{\"status\":\"closed\"}");
                    }
                }
            }
        }

        /**
         * The samples of every series (system, component, metric), in time order: a tenth of them in
         * the last day, the rest evenly over the year before.
         */
        private void insertSamples(Connection connection) throws SQLException {
            int series = SYSTEMS.length * ROLES.length * METRICS.length;
            long lastDay = SAMPLES / 10;
            long year = SAMPLES - lastDay;
            Instant dayStart = now.minus(Duration.ofDays(1));
            try (Batch batch = new Batch(connection, "INSERT INTO metric_sample (system_name, component, metric,"
                    + " metric_value, unit, labels, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                samples(batch, dayStart.minus(Duration.ofDays(364)), dayStart, year, series);
                samples(batch, dayStart, now, lastDay, series);
            }
        }

        private void samples(Batch batch, Instant from, Instant to, long count, int series) throws SQLException {
            long steps = (count + series - 1) / series;
            long stepSeconds = Math.max(1, Duration.between(from, to).getSeconds() / steps);
            long written = 0;
            for (long step = 0; step < steps && written < count; step++) {
                Instant at = from.plusSeconds(step * stepSeconds);
                for (int s = 0; s < SYSTEMS.length && written < count; s++) {
                    for (int r = 0; r < ROLES.length && written < count; r++) {
                        String component = SYSTEMS[s] + "-" + ROLES[r];
                        String labels = "{\"instance\":\"" + component + "-1:9100\",\"job\":\"node\"}";
                        for (int m = 0; m < METRICS.length && written < count; m++, written++) {
                            Instant occurred = at.plusSeconds(random.nextInt((int) Math.min(stepSeconds, 50)));
                            batch.add(SYSTEMS[s], component, METRICS[m], value(m), m == 2 ? "ms" : "ratio", labels,
                                    occurred, occurred.plusSeconds(2));
                        }
                    }
                }
            }
        }

        private double value(int metric) {
            double u = random.nextDouble();
            return switch (metric) {
                case 0 -> u < 0.98 ? 1.0 : 0.9 + u / 10;
                case 1 -> Math.round(u * u * u * 0.2 * 10_000) / 10_000.0;
                case 2 -> Math.round(80 + 2_000 * u * u * u);
                default -> Math.round((0.2 + 0.75 * u * u) * 1_000) / 1_000.0;
            };
        }

        /**
         * A stored diagnosis for every incident but the storm's: computed for one small incident,
         * the typical one gets its own, the others a copy (pages read the latest run of the
         * incident they show).
         */
        private void storeDiagnoses() {
            long started = System.nanoTime();
            long template = jdbc.queryForObject("SELECT id FROM incident WHERE status = 'CLOSED'"
                    + " ORDER BY alert_count, id LIMIT 1", Long.class);
            diagnoses.recompute(template);
            diagnoses.recompute(typicalResolvedIncident());
            long run = jdbc.queryForObject("SELECT MAX(id) FROM diagnosis_run WHERE incident_id = ?", Long.class,
                    template);
            long storm = jdbc.queryForObject("SELECT id FROM incident ORDER BY alert_count DESC, id LIMIT 1",
                    Long.class);
            int copied = jdbc.update("INSERT INTO diagnosis_run (incident_id, facts_revision, rule_base_version,"
                    + " computed_at, facts, result) SELECT i.id, i.facts_revision, r.rule_base_version,"
                    + " COALESCE(i.resolved_at, i.last_signal_at), r.facts, r.result FROM incident i, diagnosis_run r"
                    + " WHERE r.id = ? AND i.id <> ? AND NOT EXISTS (SELECT 1 FROM diagnosis_run x"
                    + " WHERE x.incident_id = i.id)", run, storm);
            System.out.printf(Locale.ROOT, "  stored diagnoses: %d copies of a %d-character run in %.1f s%n", copied,
                    jdbc.queryForObject("SELECT LENGTH(facts) + LENGTH(result) FROM diagnosis_run WHERE id = ?",
                            Integer.class, run), (System.nanoTime() - started) / 1e9);
        }
    }

    /** A batched insert that commits every {@link Loader#COMMIT_EVERY} rows and at the end. */
    private static final class Batch implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement statement;
        private int pending;

        Batch(Connection connection, String sql) throws SQLException {
            this.connection = connection;
            this.statement = connection.prepareStatement(sql);
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                statement.setObject(i + 1, v instanceof Instant at ? Times.toDb(at) : v);
            }
            statement.addBatch();
            if (++pending == Loader.COMMIT_EVERY) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) {
                statement.executeBatch();
                connection.commit();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                statement.close();
            }
        }
    }
}
