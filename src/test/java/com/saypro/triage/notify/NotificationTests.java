package com.saypro.triage.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;
import com.saypro.triage.support.Times;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * Notification targets against a webhook receiver and an SMTP server started by the test:
 * delivered after the commit, once per incident and reason, rate-limited into a summary,
 * retried after the receiver failed, and an unacknowledged reminder once.
 */
@TriageIntegrationTest
class NotificationTests extends IntegrationTestSupport {

    private record Received(String path, String body) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Statuses the receiver answers with, in order; 200 when none are left. */
    private static final Queue<Integer> ANSWERS = new ConcurrentLinkedQueue<>();
    private static final HttpServer RECEIVER = receiver();
    private static final MiniSmtpServer SMTP = smtp();

    @Autowired
    IncidentWatch watch;

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("triage.notify.base-url", () -> "https://triage.example");
    }

    @AfterAll
    static void stopServers() throws IOException {
        RECEIVER.stop(0);
        SMTP.close();
    }

    @BeforeEach
    void noTargets() {
        jdbc.update("DELETE FROM notification_outbox");
        jdbc.update("DELETE FROM notification_target");
        jdbc.update("DELETE FROM notification_incident_state");
        RECEIVED.clear();
        ANSWERS.clear();
    }

    @Test
    void shouldNotifyWebhookOnceWhenAnIncidentOpensAndAgainWhenItEscalates() throws Exception {
        target("ops", "webhook", hook("open"), null);
        assertThat(post("/api/v1/alerts", alert("NotifyDiskFull", "notify-a", "warning")).status()).isEqualTo(200);

        await(() -> received("open").size() == 1);
        JsonNode slack = tools.jackson.databind.json.JsonMapper.builder().build().readTree(received("open").get(0));
        String text = slack.get("text").asString();
        assertThat(text).contains("opened", "notify-a", "WARNING", "Status: open", "Top cause:",
                "https://triage.example/incidents/");
        assertThat(slack.get("blocks").get(0).get("type").asString()).isEqualTo("section");

        // The same alert again changes nothing worth telling: still one notification.
        post("/api/v1/alerts", alert("NotifyDiskFull", "notify-a", "warning"));
        Thread.sleep(800);
        assertThat(received("open")).hasSize(1);

        // Another alert of the system, critical, joins the incident and raises its severity.
        post("/api/v1/alerts", alert("NotifyDiskGone", "notify-a", "critical"));
        await(() -> received("open").size() == 2);
        assertThat(received("open").get(1)).contains("escalated to critical");
        Thread.sleep(800);
        assertThat(received("open")).hasSize(2);
    }

    @Test
    void shouldCoalesceWhatIsBeyondTheRateLimitIntoOneSummary() throws Exception {
        target("limited", "webhook", hook("limit"), 2);
        String alerts = "[" + String.join(",", List.of(alert("NotifyA", "notify-r1", "warning"),
                alert("NotifyB", "notify-r2", "warning"), alert("NotifyC", "notify-r3", "warning"),
                alert("NotifyD", "notify-r4", "warning"), alert("NotifyE", "notify-r5", "warning"))) + "]";
        assertThat(post("/api/v1/alerts", alerts).status()).isEqualTo(200);

        try {
            await(() -> received("limit").size() == 2);
        } catch (AssertionError e) {
            throw new AssertionError(received("limit") + " " + jdbc.queryForList("SELECT * FROM notification_outbox")
                    + " " + jdbc.queryForList("SELECT id, system_name, status FROM incident"), e);
        }
        Thread.sleep(1000);
        List<String> bodies = received("limit");
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).contains("4 incident notifications held back by the rate limit");
        for (String system : List.of("notify-r1", "notify-r2", "notify-r3", "notify-r4", "notify-r5")) {
            assertThat(String.join("\n", bodies)).contains(system);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_outbox WHERE status = 'SENT' AND coalesced",
                Integer.class)).isEqualTo(4);
    }

    @Test
    void shouldRetryAfterTheReceiverFailedAndShowTheError() throws Exception {
        ANSWERS.add(500);
        long id = target("flaky", "webhook", hook("flaky"), null);
        post("/api/v1/alerts", alert("NotifyFlaky", "notify-f", "critical"));

        await(() -> received("flaky").size() == 2);
        await(() -> "SENT".equals(jdbc.queryForObject(
                "SELECT status FROM notification_outbox WHERE target_id = ?", String.class, id)));
        assertThat(jdbc.queryForObject("SELECT attempts FROM notification_outbox WHERE target_id = ?", Integer.class,
                id)).isEqualTo(2);
        JsonNode listed = get("/api/v1/notification-targets").json().get(0);
        assertThat(listed.get("target").get("lastError").asString()).startsWith("HTTP 500");
        assertThat(listed.get("target").get("lastSuccessAt").isNull()).isFalse();
        assertThat(get("/admin/notifications").body()).contains("flaky", "HTTP 500");
    }

    @Test
    void shouldRemindOnceWhenAnIncidentStaysUnacknowledged() throws Exception {
        target("ops", "webhook", hook("unack"), null);
        post("/api/v1/alerts", alert("NotifyQuiet", "notify-u", "warning"));
        await(() -> received("unack").size() == 1);

        Instant later = Times.now().plus(Duration.ofMinutes(16));
        assertThat(watch.scan(later)).extracting(IncidentWatch.Finding::reason).containsExactly("unacknowledged:0");
        assertThat(watch.scan(later.plusSeconds(60))).isEmpty();
        await(() -> received("unack").size() == 2);
        assertThat(received("unack").get(1)).contains("still unacknowledged after 15 min");
    }

    @Test
    void shouldNotifyWhenAResolvedIncidentReopens() throws Exception {
        target("ops", "webhook", hook("reopen"), null);
        post("/api/v1/alerts", alert("NotifyRecurring", "notify-o", "warning"));
        await(() -> received("reopen").size() == 1);
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").asLong();
        assertThat(post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\":\"unknown\"}").status())
                .isEqualTo(200);

        // The same alert on another instance: a recurrence, which reopens the incident.
        post("/api/v1/alerts", alert("NotifyRecurring", "notify-o", "warning").replace("\"annotations\"",
                "\"labels\":{\"instance\":\"b\"},\"annotations\""));
        await(() -> received("reopen").size() == 2);
        assertThat(received("reopen").get(1)).contains("reopened", "#" + id);
    }

    @Test
    void shouldSendMailThroughTheConfiguredServer() throws Exception {
        target("on-call", "email", "oncall@example.org", null);
        int before = SMTP.messages().size();
        post("/api/v1/alerts", alert("NotifyMail", "notify-m", "critical"));

        await(() -> SMTP.messages().size() > before);
        String mail = SMTP.messages().get(SMTP.messages().size() - 1);
        assertThat(mail).contains("To: oncall@example.org", "notify-m", "opened");
    }

    @Test
    void shouldManageTargetsAsAdministratorWithAudit() {
        assertThat(post("/api/v1/notification-targets", "{\"name\":\"x\",\"kind\":\"sms\",\"address\":\"1\"}")
                .status()).isEqualTo(400);
        assertThat(post("/api/v1/notification-targets",
                "{\"name\":\"x\",\"kind\":\"webhook\",\"address\":\"file:///etc/passwd\"}").status()).isEqualTo(400);
        long id = target("ops", "webhook", hook("api"), null);
        assertThat(get("/api/v1/notification-targets").json()).hasSize(1);
        assertThat(anonymous("GET", "/api/v1/notification-targets", null).status()).isEqualTo(401);
        assertThat(anonymous("DELETE", "/api/v1/notification-targets/" + id, null, "Authorization", basic("admin", ADMIN_PASSWORD)).status()).isEqualTo(200);
        assertThat(get("/api/v1/notification-targets").json()).isEmpty();
        assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE target_kind = 'notification-target'",
                String.class)).contains("notification-target.created", "notification-target.deleted");
    }

    private long target(String name, String kind, String address, Integer maxPerMinute) {
        Response created = post("/api/v1/notification-targets", "{\"name\":\"" + name + "\",\"kind\":\"" + kind
                + "\",\"address\":\"" + address + "\"" + (maxPerMinute == null ? "" : ",\"maxPerMinute\":" + maxPerMinute)
                + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static String alert(String name, String system, String severity) {
        return "{\"name\":\"" + name + "\",\"system\":\"" + system + "\",\"severity\":\"" + severity
                + "\",\"status\":\"firing\",\"annotations\":{\"summary\":\"" + name + " on " + system + "\"}}";
    }

    private String hook(String path) {
        return "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/" + path;
    }

    private static List<String> received(String path) {
        return RECEIVED.stream().filter(r -> r.path().equals("/" + path)).map(Received::body).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 8 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                RECEIVED.add(new Received(exchange.getRequestURI().getPath(), body));
                Integer status = ANSWERS.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MiniSmtpServer smtp() {
        try {
            return new MiniSmtpServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
