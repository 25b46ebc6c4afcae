package com.saypro.triage.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/stream} read as a client reads it: line by line while it stays open. */
@TriageIntegrationTest
class IncidentStreamTests extends IntegrationTestSupport {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Stream<String>> open = new ArrayList<>();

    /** The lines of an open stream, as they arrive. */
    private BlockingQueue<String> openStream(String path, String authorization) throws Exception {
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        open.add(response.body());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        // The stream says it is open at once: the response is not held back by a buffer.
        assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo(":connected");
        return lines;
    }

    @AfterEach
    void closeStreams() {
        open.forEach(Stream::close);
    }

    /** The data of the next {@code incident} event within the time given, or null. */
    private static JsonNode nextIncidentEvent(BlockingQueue<String> lines, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        boolean incidentEvent = false;
        for (String line; (line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null;) {
            if (line.equals("event:incident")) {
                incidentEvent = true;
            } else if (incidentEvent && line.startsWith("data:")) {
                return Json.MAPPER.readTree(line.substring("data:".length()));
            }
        }
        return null;
    }

    @Test
    void shouldSendAnIncidentEventWhenANewAlertOpensAnIncident() throws Exception {
        BlockingQueue<String> lines = openStream("/api/v1/stream", basic("admin", ADMIN_PASSWORD));

        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();

        JsonNode event = nextIncidentEvent(lines, Duration.ofSeconds(5));
        assertThat(event).as("an incident event within 5 s").isNotNull();
        assertThat(event.get("id").longValue()).isEqualTo(id);
        assertThat(event.get("kind").asString()).contains("signals");
        assertThat(event.get("status").asString()).isEqualTo("open");
        assertThat(event.get("system").asString()).isEqualTo("rms");
    }

    @Test
    void shouldCoalesceABurstOfAlertsIntoAFewEvents() throws Exception {
        BlockingQueue<String> lines = openStream("/api/v1/stream", basic("admin", ADMIN_PASSWORD));
        int bursts = 40;
        for (int i = 0; i < bursts; i++) {
            post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate" + i, "lms"));
        }
        int events = 0;
        while (nextIncidentEvent(lines, Duration.ofSeconds(2)) != null) {
            events++;
        }
        assertThat(events).as("incident events for %s ingestion requests", bursts).isBetween(1, bursts / 2);
    }

    @Test
    void shouldStreamOneIncidentsChangesToATokenWithTheReadScope() throws Exception {
        post("/api/v1/alerts", AlertMother.genericAlert("HighErrorRate", "lms"));
        post("/api/v1/alerts", AlertMother.genericAlert("DiskFull", "rms"));
        JsonNode incidents = get("/api/v1/incidents?status=open").json();
        long lms = incidents.findValues("id").stream().map(JsonNode::longValue)
                .filter(id -> get("/api/v1/incidents/" + id).json().get("system").asString().equals("lms"))
                .findFirst().orElseThrow();
        String token = post("/api/v1/tokens", "{\"name\": \"board-screen\", \"scopes\": [\"read\"]}").json()
                .get("token").asString();
        BlockingQueue<String> lines = openStream("/api/v1/stream?incident=" + lms, "Bearer " + token);

        post("/api/v1/alerts", AlertMother.genericAlert("SlowDisk", "rms"));
        post("/api/v1/alerts", AlertMother.genericAlert("SlowResponses", "lms"));

        JsonNode event = nextIncidentEvent(lines, Duration.ofSeconds(5));
        assertThat(event).isNotNull();
        assertThat(event.get("id").longValue()).isEqualTo(lms);
        JsonNode next;
        while ((next = nextIncidentEvent(lines, Duration.ofSeconds(1))) != null) {
            assertThat(next.get("id").longValue()).isEqualTo(lms);
        }
    }

    @Test
    void shouldRefuseTheStreamToAnonymousCallers() {
        Response refused = anonymous("GET", "/api/v1/stream", null, "Accept", "text/event-stream");
        assertThat(refused.status()).isEqualTo(401);
    }
}
