package com.saypro.triage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

@TriageIntegrationTest
class KbSeedLoaderTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbcClient;
    @Autowired
    KnowledgeBase knowledge;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldHaveSeededTheKnowledgeBaseAtStartUp() {
        assertThat(knowledge.causes()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(knowledge.causes().values()).allSatisfy(c -> assertThat(c.playbooks()).isNotEmpty());
        assertThat(knowledge.playbooks().get("DISK_CLEANUP").steps()).extracting(p -> p.kind())
                .contains(Playbook.StepKind.CHECK, Playbook.StepKind.FIX, Playbook.StepKind.VERIFY);
        assertThat(knowledge.cause("SLOW_DATABASE_QUERY").orElseThrow().category()).isEqualTo(CauseCategory.DATABASE);
    }

    @Test
    void shouldChangeNothingWhenTheSameSeedIsAppliedAgain() {
        int causes = count("cause");
        int steps = count("playbook_step");

        KbSeedLoader.Outcome outcome = loader(null).load();

        assertThat(outcome.inserted()).isZero();
        assertThat(outcome.updated()).isZero();
        assertThat(count("cause")).isEqualTo(causes);
        assertThat(count("playbook_step")).isEqualTo(steps);
    }

    @Test
    void shouldUpdateAnEditedSeedEntryAndLeaveLocallyEditedEntriesAlone(@TempDir Path dir) throws IOException {
        copySeed(dir);
        String causes = Files.readString(dir.resolve("causes.yaml"));
        Files.writeString(dir.resolve("causes.yaml"), causes.replace("title: Disk or filesystem full",
                "title: Filesystem out of space"));
        jdbc.update("UPDATE cause SET title = 'Our own words', origin = 'LOCAL' WHERE code = 'CPU_SATURATION'");
        String cpuSeedTitle = jdbc.queryForObject("SELECT title FROM cause WHERE code = 'MEMORY_EXHAUSTION'",
                String.class);
        try {
            KbSeedLoader.Outcome outcome = loader(dir).load();

            assertThat(outcome.updated()).isEqualTo(1);
            assertThat(outcome.keptLocal()).isEqualTo(1);
            assertThat(knowledge.cause("DISK_FULL").orElseThrow().title()).isEqualTo("Filesystem out of space");
            assertThat(knowledge.cause("CPU_SATURATION").orElseThrow().title()).isEqualTo("Our own words");
            assertThat(knowledge.cause("MEMORY_EXHAUSTION").orElseThrow().title()).isEqualTo(cpuSeedTitle);
            assertThat(knowledge.cause("DISK_FULL").orElseThrow().playbooks()).containsExactly("DISK_CLEANUP");
        } finally {
            jdbc.update("UPDATE cause SET origin = 'SEED', seed_hash = 'stale' WHERE code = 'CPU_SATURATION'");
            loader(null).load();
        }
        assertThat(knowledge.cause("DISK_FULL").orElseThrow().title()).isEqualTo("Disk or filesystem full");
    }

    @Test
    void shouldRefuseAnInconsistentSeedAndApplyNothingOfIt(@TempDir Path dir) throws IOException {
        copySeed(dir);
        String causes = Files.readString(dir.resolve("causes.yaml"));
        Files.writeString(dir.resolve("causes.yaml"), causes.replace("title: Disk or filesystem full",
                "title: Changed title").replace("category: CPU", "category: PROCESSOR"));

        assertThatThrownBy(() -> loader(dir).load()).isInstanceOf(KbSeedException.class)
                .hasMessageContaining("PROCESSOR");
        assertThat(knowledge.cause("DISK_FULL").orElseThrow().title()).isEqualTo("Disk or filesystem full");
    }

    @Test
    void shouldKnowWhichCheckStepAnswersWhichQuestion() {
        assertThat(knowledge.playbook("DISK_CLEANUP").orElseThrow().steps().get(0).answers()).isEqualTo("DISK_SPACE_OK");
        assertThat(knowledge.playbook("DISK_CLEANUP").orElseThrow().steps().get(2).answers()).isNull();
        assertThat(knowledge.playbooks().values()).flatExtracting(p -> p.steps())
                .filteredOn(s -> s.answers() != null)
                .allSatisfy(s -> assertThat(s.kind()).isEqualTo(Playbook.StepKind.CHECK))
                .allSatisfy(s -> assertThat(knowledge.question(s.answers())).isPresent());
    }

    @Test
    void shouldRefuseAStepThatAnswersAnUnknownQuestionOrIsNoCheck(@TempDir Path dir) throws IOException {
        copySeed(dir);
        String playbooks = Files.readString(dir.resolve("playbooks.yaml"));
        Files.writeString(dir.resolve("playbooks.yaml"), playbooks.replace("answers: DISK_SPACE_OK", "answers: DISK_OK")
                .replaceFirst("      - kind: fix\n", "      - kind: fix\n        answers: RECENT_DEPLOY\n"));

        assertThatThrownBy(() -> loader(dir).load()).isInstanceOf(KbSeedException.class)
                .hasMessageContaining("playbook DISK_CLEANUP: a step answers question DISK_OK, which is not in questions.yaml")
                .hasMessageContaining("only a check step answers a question (a fix step names RECENT_DEPLOY)");
    }

    private KbSeedLoader loader(Path dir) {
        KbSeedLoader plain = new KbSeedLoader(jdbcClient, dir == null ? "" : dir.toString());
        return new KbSeedLoader(jdbcClient, dir == null ? "" : dir.toString()) {
            @Override
            public Outcome load() {
                return transactions.execute(status -> plain.load());
            }
        };
    }

    private static void copySeed(Path dir) throws IOException {
        for (String file : KbSeedReader.FILES) {
            Files.copy(Path.of("kb-seed", file), dir.resolve(file));
        }
    }

}
