package com.saypro.triage.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** GET /api/v1/systems/{code}/health and GET /api/v1/health over HTTP, on the stored metric samples. */
@TriageIntegrationTest
class HealthApiTests extends IntegrationTestSupport {

    private static String sample(String system, String metric, double value, Instant at) {
        return Json.write(Map.of("system", system, "metric", metric, "value", value, "timestamp", at.toString()));
    }

    private void postSamples(List<String> samples) {
        assertThat(post("/api/v1/metrics", "[" + String.join(",", samples) + "]").status()).isEqualTo(200);
    }

    private static JsonNode metric(JsonNode health, String name) {
        for (JsonNode m : health.get("metrics")) {
            if (m.get("metric").asString().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + name + " in " + health);
    }

    @Test
    void shouldBucketTheLastHourIntoAveragesAndMaximaWithTheThreshold() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Two samples in the same 15 s bucket, one in another, one outside the hour.
        long bucket = Math.floorDiv(now.minusSeconds(600).getEpochSecond(), 15) * 15;
        Instant inBucket = Instant.ofEpochSecond(bucket + 1);
        postSamples(List.of(sample("rms", "response_time_p95_ms", 2000, inBucket),
                sample("rms", "response_time_p95_ms", 6000, inBucket.plusSeconds(5)),
                sample("rms", "response_time_p95_ms", 1000, now.minusSeconds(120)),
                sample("rms", "response_time_p95_ms", 9000, now.minus(2, ChronoUnit.HOURS)),
                sample("rms", "cpu_utilization", 0.5, now.minusSeconds(60))));

        Response response = get("/api/v1/systems/rms/health?window=1h");

        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.get("window").asString()).isEqualTo("1h");
        assertThat(health.get("bucketSeconds").asLong()).isEqualTo(15);
        JsonNode p95 = metric(health, "response_time_p95_ms");
        assertThat(p95.get("t")).hasSize(2);
        assertThat(p95.get("t").get(0).asLong()).isEqualTo(bucket);
        assertThat(p95.get("avg").get(0).asDouble()).isEqualTo(4000);
        assertThat(p95.get("max").get(0).asDouble()).isEqualTo(6000);
        assertThat(p95.get("samples").get(0).asLong()).isEqualTo(2);
        assertThat(p95.get("summary").get("max").asDouble()).isEqualTo(6000);
        assertThat(p95.get("summary").get("samples").asLong()).isEqualTo(3);
        assertThat(p95.get("headline").asString()).isEqualTo("peak 6.0 s");
        assertThat(p95.get("threshold").get("value").asDouble()).isEqualTo(5000);
        assertThat(p95.get("threshold").get("comparison").asString()).isEqualTo("above");
        assertThat(p95.get("thresholdText").asString()).isEqualTo("above 5.0 s");
        // Every watched metric is there, with its threshold, samples or not.
        assertThat(health.get("metrics")).hasSize(6);
        assertThat(metric(health, "availability").get("threshold").get("value").asDouble()).isEqualTo(0.5);
        assertThat(metric(health, "disk_utilization").get("t")).isEmpty();
        // The newest response time (1 s) is under the threshold, no incident is open: ok.
        assertThat(health.get("state").asString()).isEqualTo("ok");
    }

    @Test
    void shouldUseTheSystemsOwnThresholdOverTheOneForEverySystem() {
        JsonNode lms = get("/api/v1/systems/lms/health").json();

        assertThat(metric(lms, "response_time_p95_ms").get("threshold").get("value").asDouble()).isEqualTo(3000);
        assertThat(metric(lms, "response_time_p95_ms").get("threshold").get("system").asString()).isEqualTo("lms");
        assertThat(lms.get("window").asString()).isEqualTo("1h");
        assertThat(lms.get("state").asString()).isEqualTo("no data");
    }

    @Test
    void shouldKeepEveryWindowToAtMostAboutThreeHundredPoints() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> samples = new ArrayList<>();
        // A sample every 10 minutes for six days, and one every 5 seconds over the last hour.
        for (int i = 1; i <= 6 * 24 * 6; i++) {
            samples.add(sample("rms", "error_rate", 0.01, now.minus(10L * i, ChronoUnit.MINUTES)));
        }
        for (int i = 1; i < 720; i++) {
            samples.add(sample("rms", "error_rate", 0.03, now.minusSeconds(5L * i)));
        }
        for (int from = 0; from < samples.size(); from += 500) {
            postSamples(samples.subList(from, Math.min(samples.size(), from + 500)));
        }

        for (String window : List.of("1h", "1d", "1w")) {
            JsonNode errors = metric(get("/api/v1/systems/rms/health?window=" + window).json(), "error_rate");
            assertThat(errors.get("t").size()).as(window).isBetween(2, 300);
            assertThat(errors.get("avg").size()).isEqualTo(errors.get("t").size());
        }
        JsonNode week = get("/api/v1/systems/rms/health?window=1w").json();
        assertThat(week.get("bucketSeconds").asLong()).isEqualTo(3600);
        assertThat(metric(week, "error_rate").get("summary").get("samples").asLong()).isEqualTo(samples.size());
        assertThat(get("/api/v1/systems/rms/health?window=1d").json().get("bucketSeconds").asLong()).isEqualTo(300);
    }

    @Test
    void shouldShowTheHoursAroundAMomentAndCallASystemWithAnOpenIncidentDegraded() {
        Instant opened = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        postSamples(List.of(sample("rms", "response_time_p95_ms", 7000, opened.minusSeconds(600)),
                sample("rms", "response_time_p95_ms", 800, opened.plus(3, ChronoUnit.HOURS))));
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());

        JsonNode around = get("/api/v1/systems/rms/health?around=" + opened).json();

        assertThat(around.get("window").asString()).isEqualTo("around");
        assertThat(around.get("bucketSeconds").asLong()).isEqualTo(30);
        JsonNode p95 = metric(around, "response_time_p95_ms");
        assertThat(p95.get("t")).hasSize(1);
        assertThat(p95.get("max").get(0).asDouble()).isEqualTo(7000);
        assertThat(around.get("state").asString()).isEqualTo("degraded");
        assertThat(around.get("openIncidents").asInt()).isEqualTo(1);
        assertThat(around.get("reasons").get(0).asString()).isEqualTo("1 open incident");
    }

    @Test
    void shouldCallASystemDownWhenItsNewestAvailabilityIsBelowTheThreshold() {
        Instant now = Instant.now();
        postSamples(List.of(sample("rms", "availability", 1, now.minusSeconds(120)),
                sample("rms", "availability", 0, now.minusSeconds(30))));

        JsonNode all = get("/api/v1/health?window=1h").json();

        assertThat(all.get(0).get("system").asString()).as("down first").isEqualTo("rms");
        assertThat(all.get(0).get("state").asString()).isEqualTo("down");
        assertThat(all.get(0).get("reasons").get(0).asString()).isEqualTo("Uptime 0.0 %, below its threshold of 50.0 %");
        assertThat(metric(all.get(0), "availability").get("headline").asString()).isEqualTo("50.0 %");
    }

    @Test
    void shouldAnswer404ForAnUnknownSystemAnd400ForABadWindow() {
        Response unknown = get("/api/v1/systems/no-such-system/health?window=1h");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Response badWindow = get("/api/v1/systems/rms/health?window=2y");
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(badWindow.body()).contains("window");
        assertThat(get("/api/v1/health?window=1m").status()).isEqualTo(400);
        assertThat(get("/api/v1/systems/rms/health?around=yesterday").status()).isEqualTo(400);
        assertThat(get("/api/v1/systems/rms/health?window=1h&around=2026-11-20T10:00:00Z").status()).isEqualTo(400);
    }

    @Test
    void shouldShowTheHealthPageToEverySignedInUserAndNobodyElse() {
        Response page = get("/health?window=1d");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("System health").contains("data-health-url=\"/api/v1/health?window=1d\"")
                .containsPattern("/webjars/uplot/[0-9.]*/?dist/uPlot.iife.min.js").containsPattern("/webjars/uplot/[0-9.]*/?dist/uPlot.min.css");
        assertThat(get("/webjars/uplot/dist/uPlot.iife.min.js").status()).isEqualTo(200);

        assertThat(anonymous("GET", "/health", null).status()).isEqualTo(302);
        assertThat(anonymous("GET", "/api/v1/health", null).status()).isEqualTo(401);
    }
}
