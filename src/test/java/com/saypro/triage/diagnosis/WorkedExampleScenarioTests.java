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

/**
 * The worked examples of the product, end to end over HTTP with the full rule base: each
 * scenario posts its alerts, metrics, logs, traces and changes, and the cause that tells it
 * apart from its alternatives must rank first.
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
        JsonNode fixture = Json.MAPPER.readTree(Files.readString(scenario));
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
