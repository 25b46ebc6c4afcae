package com.saypro.triage.kbedit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.knowledge.KbSeedLoader;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.search.SearchIndex;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Editing the knowledge base over HTTP: engineers create and edit causes, playbooks (kept as
 * versions) and questions; the seed leaves the edits alone; search and open incidents catch up;
 * bad input and other roles change nothing.
 */
@TriageIntegrationTest
class KnowledgeEditorTests extends IntegrationTestSupport {

    private static final String PASSWORD = "kb-editor-password";
    private static final String NEW_CAUSE = "KBEDIT_TEST_CAUSE";
    private static final String NEW_PLAYBOOK = "KBEDIT_TEST_PLAYBOOK";
    private static final String NEW_QUESTION = "KBEDIT_TEST_QUESTION";

    @Autowired
    private UserAccounts users;
    @Autowired
    private JdbcClient jdbcClient;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private KnowledgeBase knowledge;
    @Autowired
    private SearchIndex search;

    @BeforeEach
    void engineerAndAnalyst() {
        users.create("eng", null, PASSWORD, EnumSet.of(Role.ENGINEER));
        users.create("ana", null, PASSWORD, EnumSet.of(Role.ANALYST));
    }

    /** Entries made here go; seed entries edited here are handed back to the seed and applied again. */
    @AfterEach
    void restoreTheSeed() {
        jdbc.update("DELETE FROM cause WHERE code LIKE 'KBEDIT_%'");
        jdbc.update("DELETE FROM question WHERE code LIKE 'KBEDIT_%'");
        jdbc.update("DELETE FROM playbook WHERE code LIKE 'KBEDIT_%'");
        jdbc.update("DELETE FROM playbook_version");
        for (String table : new String[] { "cause", "playbook", "question" }) {
            jdbc.update("UPDATE " + table + " SET origin = 'SEED', seed_hash = 'stale' WHERE origin = 'LOCAL'");
        }
        KbSeedLoader plain = new KbSeedLoader(jdbcClient, "");
        transactions.execute(status -> plain.load());
        search.indexKnowledge();
    }

    @Test
    void shouldCreateAndEditACauseThatTheSeedThenLeavesAlone() {
        Response created = as("POST", "/api/v1/kb/causes", "{\"code\":\"" + NEW_CAUSE + "\",\"title\":\"Test cause\","
                + "\"category\":\"storage\",\"description\":\"Made in Triage.\",\"playbooks\":[\"DISK_CLEANUP\"]}", "eng");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("origin").asString()).isEqualTo("LOCAL");
        assertThat(created.json().get("category").asString()).isEqualTo("STORAGE");

        Response edited = as("PUT", "/api/v1/kb/causes/DISK_IO_SATURATION",
                "{\"title\":\"Disk queue zanzibarish\",\"playbooks\":[\"DISK_CLEANUP\"]}", "eng");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("origin").asString()).isEqualTo("LOCAL");
        assertThat(edited.json().get("category").asString()).as("left out, kept").isEqualTo("STORAGE");

        KbSeedLoader.Outcome outcome = transactions.execute(s -> new KbSeedLoader(jdbcClient, "").load());

        assertThat(outcome.keptLocal()).isGreaterThanOrEqualTo(1);
        assertThat(knowledge.cause("DISK_IO_SATURATION").orElseThrow().title()).isEqualTo("Disk queue zanzibarish");
        assertThat(knowledge.cause(NEW_CAUSE)).isPresent();
        JsonNode hits = get("/api/v1/kb/search?q=zanzibarish").json();
        assertThat(hits.toString()).contains("DISK_IO_SATURATION");
        assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE target_kind = 'cause' ORDER BY id",
                String.class)).containsExactly("knowledge.cause.created", "knowledge.cause.updated");
        assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE target_kind = 'cause'", String.class))
                .containsOnly("eng");
    }

    @Test
    void shouldKeepEachVersionOfAnEditedPlaybookReadable() {
        String before = knowledge.playbook("DISK_CLEANUP").orElseThrow().steps().get(0).text();

        Response edited = as("PUT", "/api/v1/kb/playbooks/DISK_CLEANUP", "{\"title\":\"Free disk space, carefully\","
                + "\"risk\":\"medium\",\"steps\":[{\"kind\":\"check\",\"text\":\"Run df -h on the host\","
                + "\"answers\":\"DISK_SPACE_OK\"},{\"kind\":\"fix\",\"text\":\"Remove old logs\"},"
                + "{\"kind\":\"verify\",\"text\":\"df -h shows space again\"}]}", "eng");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        Response again = as("PUT", "/api/v1/kb/playbooks/DISK_CLEANUP", "{\"rollback\":\"Restore the logs\"}", "eng");
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        JsonNode versions = get("/api/v1/kb/playbooks/DISK_CLEANUP/versions").json();
        assertThat(versions).hasSize(3);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(3);
        assertThat(versions.get(0).get("rollback").asString()).isEqualTo("Restore the logs");
        assertThat(versions.get(0).get("editedBy").asString()).isEqualTo("eng");
        assertThat(versions.get(1).get("title").asString()).isEqualTo("Free disk space, carefully");
        assertThat(versions.get(1).get("steps")).hasSize(3);
        JsonNode first = get("/api/v1/kb/playbooks/DISK_CLEANUP/versions/1").json();
        assertThat(first.get("steps").get(0).get("text").asString()).as("as the seed gave it").isEqualTo(before);
        assertThat(first.get("editedBy").asString()).isEqualTo("kb-seed");
        assertThat(knowledge.playbook("DISK_CLEANUP").orElseThrow().steps()).hasSize(3);
        assertThat(knowledge.playbook("DISK_CLEANUP").orElseThrow().origin()).isEqualTo("LOCAL");
        assertThat(signIn("ana", PASSWORD).get("/kb/playbooks/DISK_CLEANUP").body())
                .contains("Version 3", "Version 1", "edited in Triage", before.substring(0, 10));
    }

    @Test
    void shouldRefuseBadInputNamingTheFieldAndStoreNothing() {
        int causes = count("cause");
        int versions = count("playbook_version");
        String stepsBefore = knowledge.playbook("DISK_CLEANUP").orElseThrow().steps().toString();

        Response badCode = as("POST", "/api/v1/kb/causes", "{\"code\":\"lower_case\",\"title\":\"x\","
                + "\"category\":\"STORAGE\",\"description\":\"d\",\"playbooks\":[\"DISK_CLEANUP\"]}", "eng");
        Response badCategory = as("POST", "/api/v1/kb/causes", "{\"code\":\"KBEDIT_BAD\",\"title\":\"x\","
                + "\"category\":\"WEATHER\",\"description\":\"d\",\"playbooks\":[\"NO_SUCH_PLAYBOOK\"]}", "eng");
        Response badStep = as("PUT", "/api/v1/kb/playbooks/DISK_CLEANUP", "{\"steps\":[{\"kind\":\"check\","
                + "\"text\":\"ok\"},{\"kind\":\"fix\",\"text\":\"fix\",\"answers\":\"DISK_SPACE_OK\"}]}", "eng");
        Response badKind = as("PUT", "/api/v1/kb/playbooks/DISK_CLEANUP",
                "{\"steps\":[{\"kind\":\"pray\",\"text\":\"ok\"}]}", "eng");
        Response badOptions = as("PUT", "/api/v1/kb/questions/DISK_SPACE_OK", "{\"options\":[\"yes\"]}", "eng");
        Response notAList = as("PUT", "/api/v1/kb/questions/DISK_SPACE_OK", "{\"options\":\"yes\"}", "eng");
        Response taken = as("POST", "/api/v1/kb/causes", "{\"code\":\"DISK_FULL\",\"title\":\"x\","
                + "\"category\":\"STORAGE\",\"description\":\"d\",\"playbooks\":[\"DISK_CLEANUP\"]}", "eng");

        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.json().get("field").asString()).isEqualTo("code");
        assertThat(badCategory.status()).isEqualTo(400);
        assertThat(badCategory.body()).contains("category", "playbooks[0]");
        assertThat(badStep.status()).isEqualTo(400);
        assertThat(badStep.json().get("field").asString()).isEqualTo("steps[1].answers");
        assertThat(badKind.json().get("field").asString()).isEqualTo("steps[0].kind");
        assertThat(badOptions.json().get("field").asString()).isEqualTo("options");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.json().get("field").asString()).isEqualTo("options");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(count("cause")).isEqualTo(causes);
        assertThat(count("playbook_version")).isEqualTo(versions);
        assertThat(knowledge.playbook("DISK_CLEANUP").orElseThrow().steps().toString()).isEqualTo(stepsBefore);
        assertThat(knowledge.question("DISK_SPACE_OK").orElseThrow().origin()).isEqualTo("SEED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE target_kind IN ('cause', 'playbook',"
                + " 'question')", Integer.class)).isZero();
    }

    @Test
    void shouldLetOnlyEngineersEdit() {
        String cause = "{\"title\":\"Analyst words\"}";
        assertThat(as("PUT", "/api/v1/kb/causes/DISK_FULL", cause, "ana").status()).isEqualTo(403);
        assertThat(as("POST", "/api/v1/kb/questions", "{\"code\":\"KBEDIT_Q\",\"text\":\"?\",\"options\":[\"a\",\"b\"]}",
                "ana").status()).isEqualTo(403);
        assertThat(as("GET", "/api/v1/kb/causes/DISK_FULL", null, "ana").status()).isEqualTo(200);
        Session analyst = signIn("ana", PASSWORD);
        assertThat(analyst.get("/kb/causes/DISK_FULL/edit").status()).isEqualTo(403);
        assertThat(analyst.postForm("/kb/causes/DISK_FULL", "title=Analyst+words&category=STORAGE&description=d"
                + "&playbooks=DISK_CLEANUP").status()).isEqualTo(403);
        assertThat(analyst.get("/kb").body()).doesNotContain("/kb/causes/DISK_FULL/edit");
        assertThat(knowledge.cause("DISK_FULL").orElseThrow().title()).isEqualTo("Disk or filesystem full");
        assertThat(signIn("eng", PASSWORD).get("/kb").body()).contains("/kb/causes/DISK_FULL/edit", "New cause");
    }

    @Test
    void shouldEditWithTheFormsAndReorderPlaybookSteps() {
        Session engineer = signIn("eng", PASSWORD);
        assertThat(engineer.get("/kb/playbooks/DISK_CLEANUP/edit").body()).contains("stepPosition", "Save playbook");
        assertThat(engineer.get("/kb/causes/new").status()).isEqualTo(200);
        assertThat(engineer.get("/kb/questions/DISK_SPACE_OK/edit").body()).contains("Save question");

        Response playbook = engineer.postForm("/kb/playbooks", "code=" + NEW_PLAYBOOK + "&title=Test+playbook&risk=low"
                + "&rollback=&stepPosition=2&stepKind=fix&stepText=Second%2C+the+fix&stepAnswers="
                + "&stepPosition=1&stepKind=check&stepText=First%2C+a+check&stepAnswers=DISK_SPACE_OK"
                + "&stepPosition=3&stepKind=check&stepText=&stepAnswers=");
        assertThat(playbook.status()).isEqualTo(302);
        assertThat(playbook.location()).endsWith("/kb/playbooks/" + NEW_PLAYBOOK);
        assertThat(knowledge.playbook(NEW_PLAYBOOK).orElseThrow().steps()).extracting(s -> s.text())
                .containsExactly("First, a check", "Second, the fix");
        assertThat(knowledge.playbook(NEW_PLAYBOOK).orElseThrow().steps().get(0).answers()).isEqualTo("DISK_SPACE_OK");

        Response cause = engineer.postForm("/kb/causes", "code=" + NEW_CAUSE + "&title=Form+cause&category=NETWORK"
                + "&description=Made+with+the+form&playbooks=" + NEW_PLAYBOOK + "%2C+DISK_CLEANUP");
        assertThat(cause.status()).isEqualTo(302);
        assertThat(knowledge.cause(NEW_CAUSE).orElseThrow().playbooks()).containsExactly(NEW_PLAYBOOK, "DISK_CLEANUP");

        Response refused = engineer.postForm("/kb/questions/DISK_SPACE_OK", "text=&help=h&options=yes%0Ano");
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.location()).endsWith("/kb/questions/DISK_SPACE_OK/edit");
        assertThat(engineer.get("/kb/questions/DISK_SPACE_OK/edit").body()).contains("text is required");
        assertThat(knowledge.question("DISK_SPACE_OK").orElseThrow().origin()).isEqualTo("SEED");

        Response question = engineer.postForm("/kb/questions", "code=" + NEW_QUESTION + "&text=Is+it+so%3F"
                + "&help=Look&options=yes%0Ano%0Anot+sure");
        assertThat(question.status()).isEqualTo(302);
        assertThat(knowledge.question(NEW_QUESTION).orElseThrow().options()).containsExactly("yes", "no", "not sure");
        String page = engineer.get("/kb").body();
        assertThat(page).contains("Form cause", "edited in Triage", "/kb/questions/" + NEW_QUESTION + "/edit");

        Response deleted = engineer.postForm("/kb/questions/" + NEW_QUESTION + "/delete", "");
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(knowledge.question(NEW_QUESTION)).isEmpty();
        assertThat(as("DELETE", "/api/v1/kb/causes/DISK_FULL", null, "eng").status()).as("named by rules")
                .isEqualTo(409);
        assertThat(as("DELETE", "/api/v1/kb/causes/" + NEW_CAUSE, null, "eng").status()).isEqualTo(200);
    }

    @Test
    void shouldMarkOpenIncidentsForANewDiagnosis() {
        Response alert = post("/api/v1/alerts", "{\"name\":\"HostOutOfDiskSpace\",\"system\":\"rms\","
                + "\"severity\":\"critical\",\"labels\":{\"mountpoint\":\"/\"}}");
        assertThat(alert.status()).as(alert.body()).isEqualTo(200);
        jdbc.update("UPDATE incident SET diagnosed_version = 'diagnosed'");

        assertThat(as("PUT", "/api/v1/kb/questions/DISK_SPACE_OK", "{\"help\":\"Run df -h\"}", "eng").status())
                .isEqualTo(200);

        assertThat(jdbc.queryForList("SELECT diagnosed_version FROM incident", String.class)).isNotEmpty()
                .containsOnlyNulls();
    }

    @Test
    void shouldRecordWhichVersionOfItsPlaybookARunFollows() {
        post("/api/v1/alerts", "{\"name\":\"HostOutOfDiskSpace\",\"system\":\"rms\",\"severity\":\"critical\"}");
        long incident = jdbc.queryForObject("SELECT MAX(id) FROM incident", Long.class);
        Response before = post("/api/v1/incidents/" + incident + "/playbook-runs", "{\"playbook\":\"DISK_CLEANUP\"}");
        assertThat(before.status()).as(before.body()).isEqualTo(201);
        assertThat(before.json().get("playbookVersion").isNull()).as("never edited").isTrue();

        as("PUT", "/api/v1/kb/playbooks/DISK_CLEANUP", "{\"rollback\":\"Restore from the backup\"}", "eng");
        Response after = post("/api/v1/incidents/" + incident + "/playbook-runs", "{\"playbook\":\"DISK_CLEANUP\"}");

        assertThat(after.json().get("playbookVersion").asInt()).isEqualTo(2);
        assertThat(get("/incidents/" + incident).body()).contains("/kb/playbooks/DISK_CLEANUP#version-2");
    }

    private Response as(String method, String path, String body, String user) {
        return body == null ? anonymous(method, path, null, "Authorization", basic(user, PASSWORD))
                : anonymous(method, path, body, "Authorization", basic(user, PASSWORD), "Content-Type",
                        "application/json");
    }
}
