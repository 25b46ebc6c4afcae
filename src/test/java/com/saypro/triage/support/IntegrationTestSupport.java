package com.saypro.triage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Base for {@link TriageIntegrationTest}s: a plain HTTP client against the running
 * application, and a database emptied of incidents and signals before each test (the
 * knowledge base stays as the seed made it). {@link #post} sends the test profile's ingestion
 * token to the signal endpoints and signs in as {@code admin} with HTTP Basic elsewhere;
 * {@link #get} signs in as {@code admin}; {@link #postForm} posts from a signed-in browser
 * session with its CSRF token. {@link #anonymous} sends exactly what it is given.
 */
public abstract class IntegrationTestSupport {

    /** The test profiles' TRIAGE_ADMIN_PASSWORD and TRIAGE_INGEST_TOKEN. */
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String INGEST_TOKEN = "test-ingest-token";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern INGEST_PATH = Pattern.compile(
            "/api/v1/(alerts|alerts/[a-z]+|metrics|logs|traces|changes)|/services/collector(/.*)?");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Session adminSession;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    public record Response(int status, String body, String contentType, HttpHeaders headers) {

        public Response(int status, String body, String contentType) {
            this(status, body, contentType, HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        }

        public String location() {
            return headers.firstValue("Location").orElse("");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        public JsonNode json() {
            return Json.MAPPER.readTree(body);
        }
    }

    @BeforeEach
    protected void emptyIncidentsAndSignals() {
        for (String table : new String[] { "diagnosis_run", "answer", "alert", "incident", "metric_sample", "log_event",
                "transaction_trace", "change_event", "audit_event" }) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("DELETE FROM app_user WHERE username <> 'admin'");
    }

    /**
     * Posts a scenario fixture's signals (src/test/resources/scenarios): changes, metrics,
     * logs and traces first, the alerts that open the incident last. Returns each response.
     */
    protected List<Response> postScenario(JsonNode fixture) {
        List<Response> responses = new ArrayList<>();
        for (String kind : List.of("changes", "metrics", "logs", "traces", "alerts")) {
            JsonNode signals = fixture.get(kind);
            if (signals != null && !signals.isEmpty()) {
                responses.add(post("/api/v1/" + kind, Json.write(signals)));
            }
        }
        return responses;
    }

    /** A JSON post: the ingestion token to the signal endpoints, admin's HTTP Basic elsewhere. */
    protected Response post(String path, String body) {
        return post(path, body, "application/json");
    }

    /** A POST with the given Content-Type (none when null) and the credentials {@link #post} sends. */
    protected Response post(String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(INGEST_PATH.matcher(path).matches() ? request.header("Authorization", "Bearer " + INGEST_TOKEN)
                : request.header("Authorization", basic("admin", ADMIN_PASSWORD)));
    }

    protected Response postWithContentType(String path, String contentType, String body) {
        return post(path, body, contentType);
    }

    /** A form posted from admin's signed-in browser session, with the session's CSRF token. */
    protected Response postForm(String path, String form) {
        if (adminSession == null) {
            adminSession = signIn("admin", ADMIN_PASSWORD);
        }
        return adminSession.postForm(path, form);
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic("admin", ADMIN_PASSWORD)).GET());
    }

    protected Response get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header(header, value).GET());
    }

    /** A request with exactly the given headers (name, value, name, value...) and no credentials of its own. */
    protected Response anonymous(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Signs in with the form, as a browser does; the session keeps its cookie. */
    protected Session signIn(String username, String password) {
        Session session = new Session();
        Response login = session.postForm("/login", "username=" + encode(username) + "&password=" + encode(password));
        if (login.status() != 302 || login.location().contains("error") || login.location().contains("locked")) {
            throw new IllegalStateException("could not sign in as " + username + ": " + login.status() + " "
                    + login.location());
        }
        return session;
    }

    /** A browser-like client: its own cookies, never following redirects. */
    protected class Session {

        private static final String HTML = "text/html,application/xhtml+xml";

        public Session() {
        }

        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

        public Response get(String path) {
            return send(client, HttpRequest.newBuilder(uri(path)).header("Accept", HTML).GET());
        }

        /** Posts a form with the CSRF token of the session (read from the sign-in page or the board). */
        public Response postForm(String path, String form) {
            return postFormWithToken(path, form, csrfToken());
        }

        public Response postFormWithToken(String path, String form, String token) {
            String body = token == null ? form : (form.isEmpty() ? "" : form + "&") + "_csrf=" + encode(token);
            return send(client, HttpRequest.newBuilder(uri(path)).header("Accept", HTML)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        }

        public Response postJson(String path, String json) {
            return send(client, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
        }

        public String csrfToken() {
            Response page = get("/login");
            if (page.status() == 302) {
                page = get("/");
            }
            Matcher m = CSRF.matcher(page.body());
            return m.find() ? m.group(1) : null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    protected int signalRows() {
        return count("alert") + count("incident") + count("metric_sample") + count("log_event")
                + count("transaction_trace") + count("change_event");
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) {
        return send(CLIENT, request);
    }

    private static Response send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
