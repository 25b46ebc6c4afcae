package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBaseCompilerTests {

    private final RuleBaseCompiler compiler = new RuleBaseCompiler();

    @Test
    void shouldRejectABrokenRuleFileNamingFileLineAndColumn() {
        List<RuleSource> sources = new ArrayList<>(RuleFiles.fromDirectory(Path.of("rules")));
        sources.addAll(RuleFiles.fromDirectory(Path.of("src/test/resources/broken-rules")).stream()
                .filter(s -> s.path().endsWith("Broken.drl")).toList());

        assertThatThrownBy(() -> compiler.compile("test", sources))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.getProblems()).isNotEmpty();
                    RuleProblem problem = e.getProblems().get(0);
                    assertThat(problem.file()).isEqualTo("infra/Broken.drl");
                    assertThat(problem.line()).isBetween(9, 10);
                    assertThat(e.getMessage()).contains("infra/Broken.drl:" + problem.line() + ":");
                });
    }

    @Test
    void shouldRejectAConstraintOnAFieldTheFactDoesNotHave() {
        List<RuleSource> sources = RuleFiles.fromDirectory(Path.of("src/test/resources/broken-rules")).stream()
                .filter(s -> s.path().endsWith("Typo.drl")).toList();

        assertThatThrownBy(() -> compiler.compile("test", sources))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.getProblems()).extracting(RuleProblem::file).contains("infra/Typo.drl");
                    assertThat(e.getMessage()).contains("nmae");
                });
    }

    @Test
    void shouldCompileTheProjectRuleBaseAndNameItsVersionByContent() {
        List<RuleSource> sources = RuleFiles.fromDirectory(Path.of("rules"));

        CompiledRuleBase first = compiler.compile("rules", sources);
        CompiledRuleBase again = compiler.compile("rules", sources);

        assertThat(first.ruleCount()).isGreaterThan(50);
        assertThat(again.version()).isEqualTo(first.version());
        List<RuleSource> changed = new ArrayList<>(sources);
        changed.set(0, new RuleSource(sources.get(0).path(), sources.get(0).content() + "\n// edited\n"));
        assertThat(RuleBaseCompiler.versionOf(changed)).isNotEqualTo(first.version());
    }

    @Test
    void shouldKeepTheWorkingRuleBaseWhenAReloadFindsABrokenFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("infra/Host.drl");
        Files.createDirectories(file.getParent());
        Files.copy(Path.of("src/test/resources/failing-rules/demo/Failing.drl"), dir.resolve("infra/Demo.drl"));
        RuleBase ruleBase = new RuleBase(dir.toString());
        String working = ruleBase.current().version();

        Files.copy(Path.of("src/test/resources/broken-rules/infra/Broken.drl"), dir.resolve("infra/Broken.drl"));

        assertThatThrownBy(ruleBase::reload).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("infra/Broken.drl");
        assertThat(ruleBase.current().version()).isEqualTo(working);
    }

    @Test
    void shouldPickUpAChangedRuleFileAndRefuseABrokenOneWhileWatching(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("demo"));
        Path file = dir.resolve("demo/Demo.drl");
        String working = Files.readString(Path.of("src/test/resources/failing-rules/demo/Failing.drl"));
        Files.writeString(file, working);
        RuleBase ruleBase = new RuleBase(dir.toString());
        String first = ruleBase.current().version();

        assertThat(ruleBase.reloadIfChanged()).isFalse();
        Files.writeString(file, working.replace("0.7, \"the host does not answer\"", "0.8, \"the host is gone\""));
        assertThat(ruleBase.reloadIfChanged()).isTrue();
        String second = ruleBase.current().version();
        assertThat(second).isNotEqualTo(first);

        Files.writeString(file, working.replace("then", "then then"));
        assertThat(ruleBase.reloadIfChanged()).isFalse();
        assertThat(ruleBase.current().version()).isEqualTo(second);
        assertThat(ruleBase.lastFailure()).contains("demo/Demo.drl");
    }

    @Test
    void shouldRefuseToStartFromAnEmptyRuleDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> new RuleBase(dir.toString())).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("no .drl files");
    }
}
