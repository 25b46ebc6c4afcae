package com.saypro.triage.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.rules.RuleBase;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** POST /api/v1/rules/validate over HTTP: a good file, a syntax error, a file the guard refuses. */
@TriageIntegrationTest
class RulesApiTests extends IntegrationTestSupport {

    @Autowired
    private RuleBase ruleBase;

    private static final String GOOD = """
            package infra;

            import com.saypro.triage.diagnosis.facts.Symptom;
            import com.saypro.triage.diagnosis.facts.CandidateCause;

            rule "Validated full disk suggests disk full"
                @cause("DISK_FULL") @group("disk-full-symptom")
            when
                $s : Symptom( code == "DISK_FULL" )
            then
                insertLogical( new CandidateCause("DISK_FULL", 0.5, "a filesystem is nearly full") );
            end
            """;

    private JsonNode validate(String path, String drl) {
        Response response = post("/api/v1/rules/validate", Json.write(Map.of("files", Map.of(path, drl))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void shouldListTheRuleBaseVersionsNewestFirstMarkingTheOneInUse() {
        Response response = get("/api/v1/rules/versions");

        assertThat(response.status()).isEqualTo(200);
        tools.jackson.databind.JsonNode versions = response.json();
        assertThat(versions.isArray()).isTrue();
        assertThat(versions.size()).isPositive();
        tools.jackson.databind.JsonNode active = null;
        for (tools.jackson.databind.JsonNode v : versions) {
            if (v.get("active").booleanValue()) {
                active = v;
            }
        }
        assertThat(active).as("one version is in use").isNotNull();
        assertThat(active.get("hash").asString()).isNotBlank().isEqualTo(ruleBase.current().version());
        assertThat(active.get("id").asString()).isNotBlank();
        assertThat(active.get("publishedAt").asString()).isNotBlank();
        assertThat(active.get("author").asString()).isEqualTo("system");
    }

    @Test
    void shouldAcceptAGoodFileWithTheRestOfTheRuleBase() {
        JsonNode result = validate("infra/Disk.drl", GOOD);

        assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("problems")).isEmpty();
    }

    @Test
    void shouldReportASyntaxErrorWithLineAndColumn() {
        JsonNode result = validate("infra/Disk.drl", GOOD.replace("code == \"DISK_FULL\" )", "code == \"DISK_FULL\" "));

        assertThat(result.get("ok").asBoolean()).isFalse();
        JsonNode problem = result.get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("infra/Disk.drl");
        assertThat(problem.get("line").asInt()).isBetween(9, 10);
        assertThat(problem.get("column").asInt()).isPositive();
        assertThat(problem.get("message").asString()).isNotBlank();
    }

    @Test
    void shouldReportAFileTheGuardRefusesLikeACompileError() {
        JsonNode result = validate("infra/Disk.drl",
                GOOD.replace("insertLogical(", "Runtime.getRuntime().exec(\"id\"); insertLogical("));

        assertThat(result.get("ok").asBoolean()).isFalse();
        JsonNode problem = result.get("problems").get(0);
        assertThat(problem.get("file").asString()).isEqualTo("infra/Disk.drl");
        assertThat(problem.get("line").asInt()).isEqualTo(11);
        assertThat(problem.get("message").asString()).startsWith("refused by the rule guard");
    }

    @Test
    void shouldRefuseAPathOutsideTheRuleDirectory() {
        Response response = post("/api/v1/rules/validate", Json.write(Map.of("files", Map.of("../x.drl", GOOD))));

        assertThat(response.status()).isEqualTo(400);
    }
}
