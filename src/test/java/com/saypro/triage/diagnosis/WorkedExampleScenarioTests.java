package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The worked examples of the product, end to end over HTTP with the full rule base: each
 * scenario posts its alerts, metrics, logs, traces and changes, and the cause that tells it
 * apart from its alternatives must rank first; again with the system under an alias, the log
 * lines reworded ({@code scenario-variants.yaml}) and unrelated noise added.
 */
@TriageIntegrationTest
class WorkedExampleScenarioTests extends IntegrationTestSupport {

    static Stream<Path> scenarios() throws IOException {
        return Files.list(Path.of("src/test/resources/scenarios")).filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldRankTheDistinguishingCauseFirst(Path scenario) throws IOException {
        assertDistinguishingCauseFirst(Json.MAPPER.readTree(Files.readString(scenario)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldStillRankItFirstUnderAnAliasWithRewordedLogsAndNoise(Path scenario) throws IOException {
        String name = scenario.getFileName().toString().replace(".json", "");
        JsonNode variant = new YAMLMapper().readTree(Files.readString(Path.of("src/test/resources/scenario-variants.yaml")))
                .get(name);
        assertThat(variant).as("a variant of %s in scenario-variants.yaml", name).isNotNull();
        ObjectNode fixture = (ObjectNode) Json.MAPPER.readTree(Files.readString(scenario));
        String alias = variant.get("system").asString();
        for (String kind : List.of("alerts", "metrics", "logs", "traces", "changes")) {
            fixture.withArray(kind).forEach(signal -> ((ObjectNode) signal).put("system", alias));
        }
        ArrayNode logs = fixture.withArray("logs");
        assertThat(variant.get("logs").size()).as("one reworded line per log line").isEqualTo(logs.size());
        for (int i = 0; i < logs.size(); i++) {
            ((ObjectNode) logs.get(i)).put("message", variant.get("logs").get(i).asString());
        }
        addNoise(fixture, alias);

        assertDistinguishingCauseFirst(fixture);
    }

    /** Signals of a healthy neighbourhood: routine log lines, normal resource use, fast requests. */
    private static void addNoise(ObjectNode fixture, String system) {
        String at = "2026-11-20T09:57:00Z";
        String[] routine = { "GET /actuator/health 200 (2 ms)", "Scheduled cache refresh done in 41 ms: 0 errors",
                "User session created for user 7781", "Metrics pushed: 0 failed", "GC pause (young) 12 ms" };
        for (String message : routine) {
            fixture.withArray("logs").addObject().put("system", system).put("component", "edge").put("level", "INFO")
                    .put("message", message).put("logger", "app.Routine").put("timestamp", at);
        }
        fixture.withArray("metrics").addObject().put("system", system).put("component", "edge-1")
                .put("metric", "cpu_utilization").put("value", 0.31).put("timestamp", at);
        fixture.withArray("metrics").addObject().put("system", system).put("component", "edge-1")
                .put("metric", "disk_utilization").put("value", 0.42).put("timestamp", at);
        fixture.withArray("traces").addObject().put("system", system).put("transaction", "GET /api/catalogue")
                .put("durationMs", 85).put("dbMs", 20).put("externalMs", 0).put("error", false).put("timestamp", at);
    }

    private void assertDistinguishingCauseFirst(JsonNode fixture) {
        for (Response response : postScenario(fixture)) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        JsonNode incidents = get("/api/v1/incidents?status=open").json();
        assertThat(incidents).hasSize(1);
        JsonNode diagnosis = get("/api/v1/incidents/" + incidents.get(0).get("id").longValue() + "/diagnosis").json();
        JsonNode candidates = diagnosis.get("candidates");
        List<String> ranked = new ArrayList<>();
        candidates.forEach(c -> ranked.add(c.get("causeCode").asString() + " " + c.get("confidence").doubleValue()));

        assertThat(candidates.get(0).get("causeCode").asString()).as("ranking %s", ranked)
                .isEqualTo(fixture.get("expectedTopCause").asString());
        JsonNode top = candidates.get(0);
        assertThat(top.get("title").asString()).isNotBlank();
        assertThat(top.get("category").asString()).isNotBlank();
        assertThat(top.get("evidence")).isNotEmpty();
        assertThat(top.get("evidence").get(0).get("facts")).isNotEmpty();
        assertThat(top.get("playbooks")).isNotEmpty();
        List<String> codes = new ArrayList<>();
        candidates.forEach(c -> codes.add(c.get("causeCode").asString()));
        JsonNode also = fixture.get("alsoExpected");
        if (also != null) {
            also.forEach(code -> assertThat(codes).as("ranking %s", ranked).contains(code.asString()));
        }
    }
}
