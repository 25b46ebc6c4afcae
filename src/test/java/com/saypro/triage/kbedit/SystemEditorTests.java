package com.saypro.triage.kbedit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.knowledge.KbSeedLoader;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** Editing a system: name, aliases, priors and windows; the seed leaves it alone; bad input changes nothing. */
@TriageIntegrationTest
class SystemEditorTests extends IntegrationTestSupport {

    @Autowired
    private KbSeedLoader seed;
    @Autowired
    private Systems systems;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private UserAccounts users;

    @AfterEach
    void giveTheSystemsBackToTheSeed() {
        jdbc.update("UPDATE monitored_system SET origin = 'SEED', seed_hash = 'stale' WHERE origin = 'LOCAL'");
        transactions.execute(status -> seed.load());
        systems.refreshAfterCommit();
    }

    @Test
    void shouldEditASystemThatTheSeedThenLeavesAlone() {
        Response saved = put("/api/v1/kb/systems/rms", "{\"name\": \"Royalties\", \"aliases\": [\"royalty-engine\"],"
                + " \"priors\": {\"DISK_FULL\": 0.2}, \"verifyWindowMinutes\": 90}");

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode rms = get("/api/v1/systems/rms").json();
        assertThat(rms.get("name").asString()).isEqualTo("Royalties");
        assertThat(rms.toString()).contains("royalty-engine", "\"DISK_FULL\":0.2");
        assertThat(systems.resolve("royalty-engine")).isEqualTo("rms");
        assertThat(systems.system("rms").orElseThrow().windows().verify().toMinutes()).isEqualTo(90);

        transactions.execute(status -> seed.load());
        systems.refreshAfterCommit();

        assertThat(get("/api/v1/systems/rms").json().get("name").asString()).as("the seed leaves it").isEqualTo("Royalties");
        assertThat(signIn("admin", ADMIN_PASSWORD).get("/kb").body()).contains("id=\"system-rms\"", "edited in Triage",
                "/kb/systems/rms/edit");
    }

    @Test
    void shouldRefuseBadPriorsAndAnotherSystemsNameAndChangeNothing() {
        JsonNode before = get("/api/v1/systems/rms").json();

        Response badPrior = put("/api/v1/kb/systems/rms", "{\"priors\": {\"DISK_FULL\": 0.9, \"NOT_A_CAUSE\": 0.1}}");
        Response taken = put("/api/v1/kb/systems/rms", "{\"aliases\": [\"lms\"]}");
        Response form = signIn("admin", ADMIN_PASSWORD).postForm("/kb/systems/rms", "name=Royalties&priors=DISK_FULL+lots");

        assertThat(badPrior.status()).isEqualTo(400);
        assertThat(badPrior.body()).contains("priors.DISK_FULL", "priors.NOT_A_CAUSE");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("aliases[0]", "system lms");
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.location()).endsWith("/kb/systems/rms/edit");
        assertThat(get("/api/v1/systems/rms").json()).isEqualTo(before);
    }

    @Test
    void shouldLetOnlyEngineersEditSystems() {
        users.create("ana-sys", null, "analyst-password", EnumSet.of(Role.ANALYST));
        Session analyst = signIn("ana-sys", "analyst-password");

        assertThat(analyst.get("/kb/systems/rms/edit").status()).isEqualTo(403);
        assertThat(analyst.postForm("/kb/systems/rms", "name=Mine").status()).isEqualTo(403);
        assertThat(anonymous("PUT", "/api/v1/kb/systems/rms", "{\"name\": \"Mine\"}", "Content-Type", "application/json",
                "Authorization", basic("ana-sys", "analyst-password")).status()).isEqualTo(403);
    }

    private Response put(String path, String json) {
        return anonymous("PUT", path, json, "Content-Type", "application/json", "Authorization",
                basic("admin", ADMIN_PASSWORD));
    }
}
