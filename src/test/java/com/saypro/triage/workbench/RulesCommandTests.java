package com.saypro.triage.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** java -jar triage.jar rules validate, called in-process: exit codes and output. */
class RulesCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path broken;

    private int run(String... args) {
        return RulesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A file the guard refuses (the compiler never sees the directory then). */
    private void refusedDirectory() throws IOException {
        Files.createDirectories(broken.resolve("infra"));
        Files.writeString(broken.resolve("infra/Exec.drl"), """
                package infra;

                import com.saypro.triage.diagnosis.facts.Symptom;

                rule "Runs a command"
                when
                    $s : Symptom()
                then
                    Runtime.getRuntime().exec("id");
                end
                """);
    }

    /** A file with a syntax error. */
    private void syntaxErrorDirectory() throws IOException {
        Files.createDirectories(broken.resolve("infra"));
        Files.writeString(broken.resolve("infra/Syntax.drl"), """
                package infra;

                rule "Unfinished"
                when
                    String( length > 1
                then
                end
                """);
    }

    @Test
    void shouldPassTheSeededRuleDirectory() {
        assertThat(run("rules", "validate", "rules")).isEqualTo(RulesCommand.OK);
        assertThat(out()).startsWith("ok: ");
    }

    @Test
    void shouldPassTheSeededRuleDirectoryInJson() {
        assertThat(run("rules", "validate", "rules", "--json")).isEqualTo(RulesCommand.OK);
        JsonNode result = JsonMapper.builder().build().readTree(out());
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("files").asInt()).isGreaterThan(20);
        assertThat(result.get("problems")).isEmpty();
    }

    @Test
    void shouldListTheProblemsOfABrokenDirectory() throws IOException {
        syntaxErrorDirectory();

        assertThat(run("rules", "validate", broken.toString())).isEqualTo(RulesCommand.PROBLEMS);
        assertThat(out()).contains("infra/Syntax.drl:6:1: ").endsWith("1 problem in " + broken + "\n");
    }

    @Test
    void shouldListTheProblemsOfABrokenDirectoryInJson() throws IOException {
        refusedDirectory();

        assertThat(run("rules", "validate", "--json", broken.toString())).isEqualTo(RulesCommand.PROBLEMS);
        JsonNode result = JsonMapper.builder().build().readTree(out());
        assertThat(result.get("ok").asBoolean()).isFalse();
        JsonNode first = result.get("problems").get(0);
        assertThat(first.get("file").asString()).isEqualTo("infra/Exec.drl");
        assertThat(first.get("line").asInt()).isEqualTo(9);
        assertThat(first.get("column").asInt()).isEqualTo(5);
        assertThat(first.get("message").asString()).startsWith("refused by the rule guard");
    }

    @Test
    void shouldRefuseARuleNamingACauseTheKnowledgeBaseSeedDoesNotHave() throws IOException {
        Files.createDirectories(broken.resolve("infra"));
        Files.writeString(broken.resolve("infra/MadeUp.drl"), """
                package infra;

                import com.saypro.triage.diagnosis.facts.Symptom;
                import com.saypro.triage.diagnosis.facts.CandidateCause;

                rule "A full disk suggests a made-up cause" @cause("DISK_FULL") @group("made-up")
                when
                    Symptom( code == "DISK_FULL" )
                then
                    insertLogical( new CandidateCause("NOT_A_REAL_CAUSE", 0.5, "made up") );
                end
                """);

        assertThat(run("rules", "validate", broken.toString())).isEqualTo(RulesCommand.PROBLEMS);
        assertThat(out()).contains("infra/MadeUp.drl:10:39: CandidateCause names cause NOT_A_REAL_CAUSE");
        out.reset();
        assertThat(run("rules", "validate", broken.toString(), "--kb-seed", "kb-seed")).isEqualTo(RulesCommand.PROBLEMS);
        assertThat(out()).contains("NOT_A_REAL_CAUSE");
    }

    @Test
    void shouldExitWithTwoOnUsageErrors() {
        assertThat(run("rules")).isEqualTo(RulesCommand.USAGE);
        assertThat(run("rules", "validate")).isEqualTo(RulesCommand.USAGE);
        assertThat(run("rules", "frobnicate", "rules")).isEqualTo(RulesCommand.USAGE);
        assertThat(run("rules", "validate", "no/such/dir")).isEqualTo(RulesCommand.USAGE);
        assertThat(run("rules", "validate", "rules", "--kb-seed")).isEqualTo(RulesCommand.USAGE);
        assertThat(run("rules", "test", "rules", "--kb-seed", "kb-seed")).isEqualTo(RulesCommand.USAGE);
        assertThat(out()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar triage.jar rules validate");
    }
}
