package com.saypro.triage.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.RuleFolders;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Compile-test-swap on a running Triage with a rule directory of its own (a copy of the
 * project's rules): changes on disk and over the API go through the same publisher; a change
 * that pushes a confirmed cause out of the top 3 is refused with its report unless overridden
 * with a reason; unknown codes and forbidden Java are refused before anything goes live.
 */
@TriageIntegrationTest
class RulePublishingTests extends WorkbenchTestSupport {

    private static final String DIR = RULES.toString();
    private static final String DISK = "infra/Disk.drl";

    @Autowired
    private RuleBase ruleBase;

    @Autowired
    private RulePublisher publisher;

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    @Value("${spring.datasource.username}")
    private String databaseUser;

    @Value("${spring.datasource.password}")
    private String databasePassword;

    /** Every test starts from the project's rules, on disk and in use, and leaves them so. */
    @BeforeEach
    @AfterEach
    void useTheProjectRules() {
        copyRules();
        if (!ruleBase.current().version().equals(versionOnDisk())) {
            assertThat(publisher.publish(ruleBase.readSources(), "test", RulePublisher.Kind.FILES, "reset",
                    "tests start from the project rules", false).published()).isTrue();
        }
        jdbc.update("DELETE FROM rule_publication");
        publisher.recordStart();
    }

    @Test
    void shouldRefuseAChangeOnDiskThatPushesAConfirmedCauseOutOfTheTopThreeAndKeepTheRulesInUse() throws IOException {
        long incident = confirmedDiskFull();
        String before = ruleBase.current().version();

        write(DISK, read(DISK).replace("new CandidateCause(\"DISK_FULL\", 0.", "new CandidateCause(\"DISK_FULL\", -0."));
        Optional<RulePublisher.Outcome> outcome = publisher.publishChangedFiles();

        assertThat(outcome).isPresent();
        assertThat(outcome.get().published()).isFalse();
        RegressionReport report = outcome.get().report();
        assertThat(report.failing()).isEqualTo(1);
        assertThat(report.results().get(0).incidentId()).isEqualTo(incident);
        assertThat(report.results().get(0).rankBefore()).isEqualTo(1);
        assertThat(report.results().get(0).rankAfter()).isNull();
        assertThat(ruleBase.current().version()).isEqualTo(before);
        assertThat(ruleBase.lastFailure()).contains("left the top 3");
        assertThat(publisher.lastRefusal()).isPresent();
        assertThat(publisher.publishChangedFiles()).as("the same refused files are not tried again").isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'rules.refused'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void shouldPublishAChangeOnDiskThatKeepsEveryConfirmedCauseAndUseItInTheNextDiagnosis() throws IOException {
        long incident = openDiskFull();
        String before = ruleBase.current().version();

        write(DISK, read(DISK).replace("\"the application could not write: no space left on the device\"",
                "\"writes failed: the device is out of space\"").replace("is (nearly) full: ", "is all but full: "));
        RulePublisher.Outcome outcome = publisher.publishChangedFiles().orElseThrow();

        assertThat(outcome.published()).as(String.valueOf(outcome.problems())).isTrue();
        assertThat(ruleBase.current().version()).isNotEqualTo(before).isEqualTo(outcome.version());
        JsonNode diagnosis = get("/api/v1/incidents/" + incident + "/diagnosis").json();
        assertThat(diagnosis.get("ruleBaseVersion").asString()).isEqualTo(outcome.version());
        assertThat(diagnosis.toString()).contains("is all but full");
        JsonNode versions = get("/api/v1/rules/versions").json();
        assertThat(versions.get(0).get("hash").asString()).isEqualTo(outcome.version());
        assertThat(versions.get(0).get("active").booleanValue()).isTrue();
        assertThat(versions.get(0).get("kind").asString()).isEqualTo("files");
        assertThat(versions.get(0).get("author").asString()).isEqualTo("system");
    }

    @Test
    void shouldRefuseARuleVotingForACauseTheKnowledgeBaseDoesNotHaveOnDiskAndOverHttp() throws IOException {
        String before = ruleBase.current().version();
        String rule = """
                package infra;

                import com.saypro.triage.diagnosis.facts.Symptom;
                import com.saypro.triage.diagnosis.facts.CandidateCause;

                rule "A full disk suggests a cause nobody defined" @cause("DISK_FULL") @group("made-up")
                when
                    Symptom( code == "DISK_FULL" )
                then
                    insertLogical( new CandidateCause("NOT_A_REAL_CAUSE", 0.5, "made up") );
                end
                """;
        write("infra/MadeUp.drl", rule);

        RulePublisher.Outcome onDisk = publisher.publishChangedFiles().orElseThrow();
        Response overHttp = post("/api/v1/rules/publish", Json.write(Map.of("files", Map.of("infra/MadeUp.drl", rule))));

        assertThat(onDisk.published()).isFalse();
        assertThat(onDisk.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("infra/MadeUp.drl");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.column()).isEqualTo(39);
            assertThat(p.message()).contains("NOT_A_REAL_CAUSE");
        });
        assertThat(overHttp.status()).as(overHttp.body()).isEqualTo(422);
        assertThat(overHttp.json().get("problems").get(0).get("message").asString()).contains("NOT_A_REAL_CAUSE");
        assertThat(ruleBase.current().version()).isEqualTo(before);
        JsonNode validated = post("/api/v1/rules/validate", Json.write(Map.of("files", Map.of("infra/MadeUp.drl", rule))))
                .json();
        assertThat(validated.get("ok").booleanValue()).isFalse();
    }

    @Test
    void shouldRefuseARuntimeExecBeforeCompilationOnDiskAndOverHttp() throws IOException {
        String before = ruleBase.current().version();
        String rule = """
                package infra;

                import com.saypro.triage.diagnosis.facts.Symptom;

                rule "A full disk runs a command"
                when
                    Symptom( code == "DISK_FULL" )
                then
                    Runtime.getRuntime().exec("touch /tmp/triage-owned");
                end
                """;
        write("infra/Exec.drl", rule);

        RulePublisher.Outcome onDisk = publisher.publishChangedFiles().orElseThrow();
        Response overHttp = post("/api/v1/rules/publish", Json.write(Map.of("files", Map.of("infra/Exec.drl", rule))));

        assertThat(onDisk.published()).isFalse();
        assertThat(onDisk.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("infra/Exec.drl");
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.message()).contains("rule guard");
        });
        assertThat(overHttp.status()).isEqualTo(422);
        assertThat(overHttp.json().get("problems").get(0).get("message").asString()).contains("rule guard");
        assertThat(ruleBase.current().version()).isEqualTo(before);
        assertThat(Path.of("/tmp/triage-owned")).doesNotExist();
    }

    @Test
    void shouldPublishOverAFailingReportOnlyWithAReasonKeptInTheAuditLogAndRollBack() {
        confirmedDiskFull();
        String original = ruleBase.current().version();
        String broken = read(DISK).replace("new CandidateCause(\"DISK_FULL\", 0.", "new CandidateCause(\"DISK_FULL\", -0.");

        Response tested = post("/api/v1/rules/test", Json.write(Map.of("files", Map.of(DISK, broken))));
        Response refused = post("/api/v1/rules/publish", Json.write(Map.of("files", Map.of(DISK, broken))));
        Response forced = post("/api/v1/rules/publish", Json.write(Map.of("files", Map.of(DISK, broken),
                "overrideReason", "disk votes move to the storage rules next")));

        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().get("ok").booleanValue()).isFalse();
        assertThat(tested.json().get("report").get("failing").intValue()).isEqualTo(1);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().get("published").booleanValue()).isTrue();
        assertThat(read(DISK)).as("the workbench writes the rule directory").isEqualTo(broken);
        assertThat(publisher.publishChangedFiles()).as("its own write is not a change on disk").isEmpty();
        assertThat(jdbc.queryForObject("SELECT after_json FROM audit_event WHERE action = 'rules.published'"
                + " ORDER BY id DESC LIMIT 1", String.class)).contains("disk votes move to the storage rules next");

        String firstPublication = get("/api/v1/rules/versions").json().get(1).get("id").asString();
        Response rolledBack = post("/api/v1/rules/versions/" + firstPublication + "/rollback", "{}");

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(ruleBase.current().version()).isEqualTo(original);
        JsonNode versions = get("/api/v1/rules/versions").json();
        assertThat(versions.get(0).get("kind").asString()).isEqualTo("rollback");
        assertThat(versions.get(0).get("hash").asString()).isEqualTo(original);
        assertThat(versions.get(0).get("active").booleanValue()).isTrue();
        assertThat(read(DISK)).isNotEqualTo(broken);
    }

    @Test
    void shouldTryADraftOnOneIncidentBesideTheLiveRanking() {
        long incident = openDiskFull();
        String quieter = read(DISK).replace("new CandidateCause(\"DISK_FULL\", 0.", "new CandidateCause(\"DISK_FULL\", -0.");

        JsonNode tried = post("/api/v1/rules/try", Json.write(Map.of("incidentId", incident,
                "files", Map.of(DISK, quieter)))).json();

        assertThat(tried.get("live").get(0).get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(tried.get("draft").toString()).doesNotContain("\"causeCode\":\"DISK_FULL\"");
        assertThat(tried.get("draftVersion").asString()).isNotEqualTo(tried.get("liveVersion").asString());
    }

    @Test
    void shouldRunTheRegressionSuiteFromTheCommandLineAgainstTheDatabase() throws IOException {
        confirmedDiskFull();
        Path good = Path.of("target/cli-good-rules");
        Path breaking = Path.of("target/cli-breaking-rules");
        RuleFolders.copy(Path.of("rules"), good);
        RuleFolders.copy(Path.of("rules"), breaking);
        Files.writeString(breaking.resolve(DISK), Files.readString(breaking.resolve(DISK))
                .replace("new CandidateCause(\"DISK_FULL\", 0.", "new CandidateCause(\"DISK_FULL\", -0."));
        Map<String, String> env = Map.of("TRIAGE_DB_URL", databaseUrl, "TRIAGE_DB_USER", databaseUser,
                "TRIAGE_DB_PASSWORD", databasePassword);

        ByteArrayOutputStream goodOut = new ByteArrayOutputStream();
        int goodExit = RulesCommand.run(new String[] {"rules", "test", good.toString(), "--json"},
                new PrintStream(goodOut, true, StandardCharsets.UTF_8), System.err, env::get);
        ByteArrayOutputStream badOut = new ByteArrayOutputStream();
        int badExit = RulesCommand.run(new String[] {"rules", "test", breaking.toString(), "--json"},
                new PrintStream(badOut, true, StandardCharsets.UTF_8), System.err, env::get);
        int unreachable = RulesCommand.run(new String[] {"rules", "test", good.toString()}, System.out,
                new PrintStream(new ByteArrayOutputStream()), Map.of("TRIAGE_DB_URL",
                        "jdbc:h2:file:./target/no-such-db;IFEXISTS=TRUE")::get);

        JsonNode goodJson = Json.MAPPER.readTree(goodOut.toString(StandardCharsets.UTF_8));
        JsonNode badJson = Json.MAPPER.readTree(badOut.toString(StandardCharsets.UTF_8));
        assertThat(goodExit).as(goodJson.toString()).isEqualTo(RulesCommand.OK);
        assertThat(goodJson.get("ok").booleanValue()).isTrue();
        assertThat(goodJson.get("report").get("cases").intValue()).as(goodJson.toString()).isEqualTo(1);
        assertThat(badExit).isEqualTo(RulesCommand.PROBLEMS);
        assertThat(badJson.get("ok").booleanValue()).isFalse();
        assertThat(badJson.get("problems").get(0).get("message").asString()).contains("DISK_FULL");
        assertThat(badJson.get("report").get("failing").intValue()).isEqualTo(1);
        assertThat(unreachable).isEqualTo(RulesCommand.USAGE);
    }

    /** A disk-full incident on rms, diagnosed, resolved with its cause confirmed. */
    private long confirmedDiskFull() {
        long id = openDiskFull();
        Response resolved = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\", \"fix\": \"rotated the logs\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        return id;
    }

    private long openDiskFull() {
        Response response = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        long id = response.json().get("incidents").get(0).longValue();
        JsonNode diagnosis = get("/api/v1/incidents/" + id + "/diagnosis").json();
        assertThat(diagnosis.get("candidates").get(0).get("causeCode").asString()).isEqualTo("DISK_FULL");
        return id;
    }

    private static String versionOnDisk() {
        return RuleBaseCompiler.versionOf(RuleFiles.fromDirectory(Path.of(DIR)));
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(DIR, path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(String path, String content) throws IOException {
        Files.writeString(Path.of(DIR, path), content);
    }
}
