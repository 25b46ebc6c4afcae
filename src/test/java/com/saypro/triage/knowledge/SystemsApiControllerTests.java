package com.saypro.triage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

@TriageIntegrationTest
class SystemsApiControllerTests extends IntegrationTestSupport {

    @Test
    void shouldListTheSystemsWithAliasesComponentsAndWorkflows() {
        Response response = get("/api/v1/systems");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode rms = find(response.json(), "rms");
        assertThat(rms.get("name").asString()).isEqualTo("Royalty Management System");
        assertThat(texts(rms.get("aliases"))).contains("saypro-rms-prod");
        assertThat(texts(rms.get("aliasPatterns"))).contains("saypro-rms-.*");
        assertThat(rms.get("components").get(0).has("role")).isTrue();
        JsonNode payment = rms.get("workflows").get(0);
        assertThat(payment.get("code").asString()).isEqualTo("royalty_payment");
        assertThat(payment.get("kind").asString()).isEqualTo("batch");
        assertThat(payment.get("transactions").asString()).isNotBlank();
        assertThat(rms.get("priors").get("SLOW_DATABASE_QUERY").doubleValue()).isEqualTo(0.1);
        assertThat(find(response.json(), "lms").get("components").toString()).contains("identity_provider");
    }

    @Test
    void shouldShowOneSystemAndAnswerNotFoundForAnUnknownCode() {
        assertThat(get("/api/v1/systems/lms").json().get("name").asString()).isEqualTo("Learning Management System");

        Response missing = get("/api/v1/systems/no-such-system");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    private static JsonNode find(JsonNode systems, String code) {
        for (JsonNode system : systems) {
            if (code.equals(system.get("code").asString())) {
                return system;
            }
        }
        throw new AssertionError("no system " + code + " in " + systems);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asString()));
        return texts;
    }
}
