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
    void shouldRefuseToStartFromAnEmptyRuleDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> new RuleBase(dir.toString())).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("no .drl files");
    }

    @Test
    void shouldTellWhetherTheRulesDeriveOnlyLogically() {
        List<RuleSource> seeded = RuleFiles.fromDirectory(Path.of("rules"));
        assertThat(compiler.compile("seeded", seeded).derivesOnlyLogically()).isTrue();

        List<RuleSource> withInsert = new ArrayList<>(seeded);
        withInsert.add(new RuleSource("extra/Plain.drl", """
                package extra;
                import com.saypro.triage.diagnosis.facts.Alert;
                import com.saypro.triage.diagnosis.facts.Symptom;
                rule "plain insert"
                when
                    Alert( name == "X" )
                then
                    insert( new Symptom("X", "rms", "") );
                end
                """));
        assertThat(compiler.compile("with a plain insert", withInsert).derivesOnlyLogically()).isFalse();
    }
}
