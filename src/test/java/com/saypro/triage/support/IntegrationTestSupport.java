package com.saypro.triage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Base for {@link TriageIntegrationTest}s: a plain HTTP client against the running
 * application, and a database emptied of incidents and signals before each test (the
 * knowledge base stays as the seed made it).
 */
public abstract class IntegrationTestSupport {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    public record Response(int status, String body, String contentType) {

        public JsonNode json() {
            return Json.MAPPER.readTree(body);
        }
    }

    @BeforeEach
    protected void emptyIncidentsAndSignals() {
        for (String table : new String[] { "diagnosis_run", "answer", "alert", "incident", "metric_sample", "log_event",
                "transaction_trace", "change_event" }) {
            jdbc.update("DELETE FROM " + table);
        }
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

    protected Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A POST with the given Content-Type, or none when {@code contentType} is null. */
    protected Response postWithContentType(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(contentType == null ? request : request.header("Content-Type", contentType));
    }

    protected Response postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Response get(String path, String header, String value) {
        return send(HttpRequest.newBuilder(uri(path)).header(header, value).GET());
    }

    protected int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    protected int signalRows() {
        return count("alert") + count("incident") + count("metric_sample") + count("log_event")
                + count("transaction_trace") + count("change_event");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
