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
class SystemsSeedTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbcClient;
    @Autowired
    Systems systems;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldHaveSeededRmsAndLmsWithTheirNamesPartsWorkflowsAndPriors() {
        KbSystem rms = systems.system("rms").orElseThrow();
        assertThat(rms.name()).isEqualTo("Royalty Management System");
        assertThat(rms.origin()).isEqualTo("SEED");
        assertThat(rms.aliases()).contains("saypro-rms-prod", "royalty-management");
        assertThat(rms.aliasPatterns()).contains("saypro-rms-.*");
        assertThat(rms.components()).contains(new KbSystem.Component("rms-db", "database"),
                new KbSystem.Component("payment-gateway", "external"));
        assertThat(rms.workflows()).extracting(KbSystem.Workflow::code).contains("royalty_payment",
                "royalty_statement");
        assertThat(rms.priors()).containsEntry("SLOW_DATABASE_QUERY", 0.1);

        KbSystem lms = systems.system("lms").orElseThrow();
        assertThat(lms.components()).contains(new KbSystem.Component("lms-idp", "identity_provider"),
                new KbSystem.Component("lms-web", "frontend"));
        assertThat(lms.workflows()).contains(new KbSystem.Workflow("course_registration", "transaction",
                ".*(regist|enrol|waitlist|seat).*"));
    }

    @Test
    void shouldChangeNoSystemWhenTheSameSeedIsAppliedAgain() {
        int rows = systemRows();

        KbSeedLoader.Outcome outcome = loader(null).load();

        assertThat(outcome.inserted()).isZero();
        assertThat(outcome.updated()).isZero();
        assertThat(systemRows()).isEqualTo(rows);
    }

    @Test
    void shouldUpdateAnEditedSystemAndLeaveALocallyEditedOneAlone(@TempDir Path dir) throws IOException {
        copySeed(dir);
        edit(dir, "name: Learning Management System", "name: Learning Platform");
        edit(dir, "- {name: lms-idp, role: identity_provider}", "- {name: lms-sso, role: identity_provider}");
        edit(dir, "name: Royalty Management System", "name: Royalties from the seed");
        jdbc.update("UPDATE monitored_system SET name = 'Royalties, our words', origin = 'LOCAL' WHERE code = 'rms'");
        try {
            KbSeedLoader.Outcome outcome = loader(dir).load();

            assertThat(outcome.updated()).isEqualTo(1);
            assertThat(outcome.keptLocal()).isEqualTo(1);
            KbSystem lms = systems.system("lms").orElseThrow();
            assertThat(lms.name()).isEqualTo("Learning Platform");
            assertThat(lms.components()).extracting(KbSystem.Component::name).contains("lms-sso")
                    .doesNotContain("lms-idp");
            assertThat(systems.system("rms").orElseThrow().name()).isEqualTo("Royalties, our words");
            assertThat(systems.resolve("saypro-lms-prod")).isEqualTo("lms");
        } finally {
            jdbc.update("UPDATE monitored_system SET origin = 'SEED', seed_hash = 'stale' WHERE code = 'rms'");
            loader(null).load();
        }
        assertThat(systems.system("lms").orElseThrow().name()).isEqualTo("Learning Management System");
        assertThat(systems.system("rms").orElseThrow().name()).isEqualTo("Royalty Management System");
    }

    @Test
    void shouldRefuseASystemWithAnUnknownRoleNamingIt(@TempDir Path dir) throws IOException {
        assertRefused(dir, "{name: rms-cache, role: cache}", "{name: rms-cache, role: memcache}",
                "system rms: component rms-cache has role 'memcache'");
    }

    @Test
    void shouldRefuseAPriorForAnUnknownCauseNamingIt(@TempDir Path dir) throws IOException {
        assertRefused(dir, "SLOW_DATABASE_QUERY: 0.1", "SLOW_DATABASE_QUERIES: 0.1",
                "system rms: prior for cause SLOW_DATABASE_QUERIES");
    }

    @Test
    void shouldRefuseAPriorAboveTheCeiling(@TempDir Path dir) throws IOException {
        assertRefused(dir, "SLOW_DATABASE_QUERY: 0.1", "SLOW_DATABASE_QUERY: 0.6",
                "system rms: prior for SLOW_DATABASE_QUERY must be a probability from 0 to 0.3");
    }

    @Test
    void shouldRefuseABadRegularExpressionNamingIt(@TempDir Path dir) throws IOException {
        assertRefused(dir, "\"saypro-lms-.*\"", "\"saypro-lms-(.*\"",
                "system lms: alias pattern 'saypro-lms-(.*' is not a valid regular expression");
    }

    @Test
    void shouldRefuseAnAliasClaimedByTwoSystems(@TempDir Path dir) throws IOException {
        assertRefused(dir, "learning-management", "Royalty-Management",
                "system lms: alias 'Royalty-Management' is already a name of system rms");
    }

    @Test
    void shouldRefuseAnAliasThatASystemEditedInTriageHolds(@TempDir Path dir) throws IOException {
        copySeed(dir);
        edit(dir, "e-learning]", "e-learning, training-portal]");
        jdbc.update("INSERT INTO monitored_system (code, name, origin, updated_at) VALUES ('training', 'Training',"
                + " 'LOCAL', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO system_alias (alias_key, alias, system_code, position)"
                + " VALUES ('training-portal', 'Training-Portal', 'training', 1)");
        try {
            assertThatThrownBy(() -> loader(dir).load()).isInstanceOf(KbSeedException.class)
                    .hasMessageContaining("system lms: the name 'training-portal' already belongs to system training");
            assertThat(systems.system("lms").orElseThrow().aliases()).doesNotContain("training-portal");
        } finally {
            jdbc.update("DELETE FROM monitored_system WHERE code = 'training'");
        }
    }

    @Test
    void shouldHandAnAutomaticallyCreatedSystemToTheSeedOnceTheSeedDescribesIt(@TempDir Path dir)
            throws IOException {
        String auto = transactions.execute(status -> systems.resolve("Payroll-Prod"));
        assertThat(systems.system(auto).orElseThrow().origin()).isEqualTo("AUTO");
        copySeed(dir);
        String payroll = """
                  - code: payroll
                    name: Payroll
                    aliases: [payroll-prod]
                    components:
                      - {name: payroll-app, role: app}
                """;
        Files.writeString(dir.resolve("systems.yaml"), Files.readString(dir.resolve("systems.yaml")) + payroll);
        try {
            loader(dir).load();

            assertThat(systems.system("payroll-prod")).isEmpty();
            assertThat(systems.resolve("PAYROLL-PROD")).isEqualTo("payroll");
            assertThat(systems.system("payroll").orElseThrow().origin()).isEqualTo("SEED");
        } finally {
            jdbc.update("DELETE FROM monitored_system WHERE code IN ('payroll', 'payroll-prod')");
            loader(null).load();
        }
    }

    private void assertRefused(Path dir, String from, String to, String message) throws IOException {
        copySeed(dir);
        edit(dir, "name: Learning Management System", "name: Learning Platform");
        edit(dir, from, to);

        assertThatThrownBy(() -> loader(dir).load()).isInstanceOf(KbSeedException.class)
                .hasMessageContaining(message);
        assertThat(systems.system("lms").orElseThrow().name()).isEqualTo("Learning Management System");
    }

    private int systemRows() {
        return count("monitored_system") + count("system_alias") + count("system_alias_pattern")
                + count("system_component") + count("system_workflow") + count("system_prior");
    }

    private KbSeedLoader loader(Path dir) {
        KbSeedLoader plain = new KbSeedLoader(jdbcClient, dir == null ? "" : dir.toString(), systems);
        return new KbSeedLoader(jdbcClient, dir == null ? "" : dir.toString(), systems) {
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

    private static void edit(Path dir, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(SystemsSeed.FILE));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(SystemsSeed.FILE), text.replace(from, to));
    }
}
