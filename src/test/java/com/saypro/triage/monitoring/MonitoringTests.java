package com.saypro.triage.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * Monitoring end to end over HTTP, with the threshold stream on: metric samples alone open an
 * incident and resolve its alert; probes and thresholds are managed by the right roles only.
 */
@TriageIntegrationTest
@TestPropertySource(properties = { "triage.monitoring.thresholds.enabled=true", "triage.monitoring.probes.tick=200ms" })
class MonitoringTests extends IntegrationTestSupport {

    private static final String PASSWORD = "monitoring-password";

    @Autowired
    private ThresholdWatch watch;

    @Autowired
    private UserAccounts users;

    @Autowired
    private Thresholds thresholds;

    private HttpServer server;

    @Autowired
    private org.springframework.context.ApplicationEventPublisher events;

    @BeforeEach
    void cleanMonitoring() throws InterruptedException {
        jdbc.update("DELETE FROM probe");
        jdbc.update("DELETE FROM metric_threshold WHERE origin = 'LOCAL'");
        thresholds.seed(ThresholdsSeed.read(java.nio.file.Path.of("kb-seed")));
        events.publishEvent(new Thresholds.ThresholdsChanged());
        watch.awaitIdle(10_000);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Instant minutesAgo(double minutes) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds((long) (minutes * 60));
    }

    private static String metric(String system, String metric, double value, Instant at) {
        return Json.write(Map.of("system", system, "metric", metric, "value", value, "timestamp", at.toString()));
    }

    private void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void shouldOpenAnRmsIncidentWithASlowQueryFirstFromMetricSamplesAlone() throws InterruptedException {
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            traces.add(Json.write(Map.of("system", "rms", "transaction", "RoyaltyPaymentBatch/processStatement",
                    "durationMs", 11000 + 100 * i, "dbMs", 9500, "externalMs", 200, "timestamp",
                    minutesAgo(9 - i).toString())));
        }
        assertThat(post("/api/v1/traces", "[" + String.join(",", traces) + "]").status()).isEqualTo(200);
        List<String> slow = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            slow.add(metric("RMS", "response_time_p95_ms", 7200 + 50 * i, minutesAgo(9 - i * 0.5)));
        }
        // Four and a half minutes above 5 s: not yet.
        assertThat(post("/api/v1/metrics", "[" + String.join(",", slow.subList(0, 10)) + "]").status()).isEqualTo(200);
        watch.awaitIdle(10_000);
        assertThat(count("alert")).isZero();

        assertThat(post("/api/v1/metrics", "[" + String.join(",", slow.subList(10, 13)) + "]").status()).isEqualTo(200);
        eventually("a threshold alert", () -> count("alert") == 1);

        JsonNode alert = Json.MAPPER.readTree(Json.write(jdbc.queryForMap(
                "SELECT name, system_name, status, fingerprint, labels FROM alert")));
        assertThat(alert.get("name").asString()).isEqualTo("ResponseTimeHigh");
        assertThat(alert.get("system_name").asString()).isEqualTo("rms");
        JsonNode incidents = get("/api/v1/incidents?status=open").json();
        assertThat(incidents).hasSize(1);
        long id = incidents.get(0).get("id").asLong();
        assertThat(incidents.get(0).get("system").asString()).isEqualTo("rms");
        JsonNode diagnosis = get("/api/v1/incidents/" + id + "/diagnosis").json();
        assertThat(diagnosis.get("candidates").get(0).get("causeCode").asString()).isEqualTo("SLOW_DATABASE_QUERY");

        // Recovery below the clear level (4 s) resolves the alert; the fingerprint is the same.
        assertThat(post("/api/v1/metrics", metric("rms", "response_time_p95_ms", 900, minutesAgo(2))).status())
                .isEqualTo(200);
        eventually("the alert resolved", () -> "resolved".equals(
                jdbc.queryForObject("SELECT status FROM alert", String.class)));
        assertThat(count("alert")).isEqualTo(1);
    }

    @Test
    void shouldProbeARegisteredUrlAndRefuseOtherSchemes() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";

        assertThat(post("/api/v1/probes", "{\"system\":\"billing\",\"url\":\"file:///etc/passwd\"}").status())
                .isEqualTo(400);
        assertThat(post("/api/v1/probes", "{\"system\":\"billing\",\"url\":\"ftp://billing.example/\"}").json()
                .get("field").asString()).isEqualTo("url");
        Response created = post("/api/v1/probes", "{\"name\":\"billing-health\",\"system\":\"billing\",\"url\":\"" + url
                + "\",\"intervalSeconds\":5,\"timeoutMs\":1000,\"expectedBody\":\"UP\"}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        eventually("a probe sample", () -> jdbc.queryForObject("SELECT COUNT(*) FROM metric_sample WHERE"
                + " system_name = 'billing' AND metric = 'availability' AND metric_value = 1", Integer.class) > 0);
        assertThat(get("/api/v1/probes").json().get(0).get("latest").get("up").asBoolean()).isTrue();
        assertThat(count("metric_sample")).isGreaterThanOrEqualTo(2);

        assertThat(anonymous("DELETE", "/api/v1/probes/" + id, null, "Authorization",
                basic("admin", ADMIN_PASSWORD)).status()).isEqualTo(200);
        assertThat(get("/api/v1/probes").json()).isEmpty();
        assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE target_kind = 'probe' ORDER BY id",
                String.class)).containsExactly("probe.created", "probe.deleted");
    }

    @Test
    void shouldLetOnlyAdministratorsManageProbesAndOnlyEngineersSetThresholds() {
        users.create("ana-" + System.nanoTime() % 100000, null, PASSWORD, EnumSet.of(Role.ANALYST));
        String analyst = jdbc.queryForObject("SELECT username FROM app_user WHERE username LIKE 'ana-%'", String.class);
        users.create("eng", null, PASSWORD, EnumSet.of(Role.ENGINEER));
        String probe = "{\"system\":\"rms\",\"url\":\"http://127.0.0.1:9/health\"}";
        String threshold = "{\"alert\":\"ResponseTimeHigh\",\"comparison\":\"above\",\"value\":2000,\"clear\":1500,"
                + "\"forSeconds\":60}";

        assertThat(as("POST", "/api/v1/probes", probe, analyst)).isEqualTo(403);
        assertThat(as("POST", "/api/v1/probes", probe, "eng")).isEqualTo(403);
        assertThat(as("GET", "/api/v1/probes", null, "eng")).isEqualTo(403);
        assertThat(as("PUT", "/api/v1/thresholds/rms/response_time_p95_ms", threshold, analyst)).isEqualTo(403);
        assertThat(as("GET", "/api/v1/thresholds", null, analyst)).isEqualTo(200);
        assertThat(signIn(analyst, PASSWORD).get("/admin/probes").status()).isEqualTo(403);
        assertThat(signIn(analyst, PASSWORD).postForm("/thresholds", "system=rms&metric=error_rate&alert=ErrorRateHigh"
                + "&comparison=above&value=0.1").status()).isEqualTo(403);

        assertThat(as("PUT", "/api/v1/thresholds/rms/response_time_p95_ms", threshold, "eng")).isEqualTo(200);
        assertThat(as("PUT", "/api/v1/thresholds/rms/error_rate", "{\"alert\":\"ErrorRateHigh\",\"comparison\":"
                + "\"above\",\"value\":0.1,\"clear\":0.5}", "eng")).as("clear on the wrong side").isEqualTo(400);
        Response form = signIn("eng", PASSWORD).postForm("/thresholds", "system=*&metric=error_rate"
                + "&alert=ErrorRateHigh&comparison=above&value=0.08&clear=0.03&for=3m&samples=2+of+4&severity=critical");
        assertThat(form.status()).isEqualTo(302);
        JsonNode saved = get("/api/v1/thresholds/*/error_rate").json();
        assertThat(saved.get("value").asDouble()).isEqualTo(0.08);
        assertThat(saved.get("forSeconds").asLong()).isEqualTo(180);
        assertThat(saved.get("samplesNeeded").asInt()).isEqualTo(2);
        assertThat(saved.get("origin").asString()).isEqualTo("LOCAL");
        assertThat(get("/api/v1/thresholds/rms/response_time_p95_ms").json().get("value").asDouble()).isEqualTo(2000);
        assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE target_kind = 'threshold' ORDER BY id",
                String.class)).containsExactly("eng", "eng");
        assertThat(signIn("eng", PASSWORD).get("/thresholds").body()).contains("ErrorRateHigh", "above 0.08 for 3m");
    }

    private int as(String method, String path, String body, String user) {
        return anonymous(method, path, body, "Authorization", basic(user, PASSWORD), "Content-Type",
                "application/json").status();
    }
}
