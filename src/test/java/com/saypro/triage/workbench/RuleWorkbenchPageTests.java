package com.saypro.triage.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The workbench's pages: the files by folder, the editor (read-only without the engineer
 * role), the history with diffs and reports, a refusal shown where engineers look, and the
 * rule source page leading into the editor. Publishes into a copy of the rules (see
 * {@link WorkbenchTestSupport}).
 */
@TriageIntegrationTest
class RuleWorkbenchPageTests extends WorkbenchTestSupport {

    private static final String DISK = "infra/Disk.drl";
    private static final String RULE = "Full filesystem on a system suggests disk full";

    @Autowired
    private UserAccounts users;

    @Autowired
    private RuleBase ruleBase;

    private Session as(String name, Role role) {
        if (users.find(name).isEmpty()) {
            users.create(name, name, name + "-password-1", Set.of(role));
        }
        return signIn(name, name + "-password-1");
    }

    private Response publish(Map<String, Object> body) {
        return post("/api/v1/rules/publish", Json.write(body));
    }

    /** The latest publication of a rule base version. */
    private String publicationOf(String hash) {
        for (JsonNode v : get("/api/v1/rules/versions").json()) {
            if (v.get("hash").asString().equals(hash)) {
                return v.get("id").asString();
            }
        }
        throw new AssertionError("no publication of " + hash);
    }

    @Test
    void shouldListTheRuleFilesByFolderWithTheVersionInUseAndLinks() {
        Response page = as("rita", Role.ANALYST).get("/rules");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<code>infra/</code>", "<code>database/</code>")
                .contains("href=\"/rules/edit?path=infra/Disk.drl\"")
                .contains(ruleBase.current().version())
                .contains("href=\"/rules/history\"", "href=\"/rules/stats\"")
                .contains("thresholds/Thresholds.drl", "Read at start-up")
                .contains("changing them needs the engineer role")
                .doesNotContain("New rule file");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
    }

    @Test
    void shouldShowTheEditorReadOnlyToAnAnalyst() {
        Response page = as("rita", Role.ANALYST).get("/rules/edit?path=" + DISK + "&line=12");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-editable=\"false\"", "data-line=\"12\"", "readonly")
                .contains("Full filesystem on a system suggests disk full")
                .contains("/lib/codemirror.js", "/addon/lint/lint.js", "/js/drl-mode.js", "/js/workbench.js")
                .doesNotContain("id=\"publish-button\"", "id=\"validate-button\"", "id=\"delete-button\"");
    }

    @Test
    void shouldOfferValidateTestTryAndPublishToAnEngineer() {
        Response page = as("enzo", Role.ENGINEER).get("/rules/edit?path=" + DISK);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-editable=\"true\"", "id=\"validate-button\"", "id=\"test-button\"",
                "id=\"try-button\"", "id=\"publish-button\"", "id=\"delete-button\"", "id=\"override-reason\"",
                "Publishing writes the file into the rule directory")
                .doesNotContain("readonly");
    }

    @Test
    void shouldOpenANewFileWithItsPackageAndRefusePathsOutsideTheRules() {
        Session engineer = as("enzo", Role.ENGINEER);

        Response fresh = engineer.get("/rules/edit?path=infra/Brand/New.drl");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.body()).contains("package infra.Brand;", "new file").doesNotContain("id=\"delete-button\"");
        assertThat(engineer.get("/rules/edit?path=../pom.drl").status()).isEqualTo(404);
        assertThat(engineer.get("/rules/edit?path=thresholds/Nope.drl").status()).isEqualTo(404);
        assertThat(engineer.get("/rules/edit?path=thresholds/Thresholds.drl").body())
                .contains("data-editable=\"false\"", "read at start-up");
    }

    @Test
    void shouldLinkTheRuleSourcePageIntoTheWorkbenchAtTheRulesLine() {
        Response page = get("/rules/source?rule=" + RULE.replace(" ", "%20"));

        assertThat(page.status()).isEqualTo(200);
        int line = List.of(ruleFile(DISK).split("\n", -1)).indexOf(
                List.of(ruleFile(DISK).split("\n", -1)).stream().filter(l -> l.contains("rule \"" + RULE + "\""))
                        .findFirst().orElseThrow()) + 1;
        assertThat(page.body()).contains("href=\"/rules/edit?path=infra/Disk.drl&amp;line=" + line + "\"",
                "Open in the workbench");
    }

    @Test
    void shouldRefuseChangesFromAnAnalyst() {
        Response response = as("rita", Role.ANALYST).postJson("/api/v1/rules/publish",
                Json.write(Map.of("files", Map.of(DISK, ruleFile(DISK)))));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void shouldShowAPublicationInTheHistoryWithItsDiffAndReportAndTheRefusalOnTheFilesPage() {
        String before = ruleFile(DISK);
        String changed = before.replace("is (nearly) full: ", "is (nearly) full (history test): ");
        assertThat(changed).isNotEqualTo(before);

        Response published = publish(Map.of("files", Map.of(DISK, changed), "note", "wording for the history test"));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        String id = published.json().get("publicationId").asString();
        assertThat(ruleFile(DISK)).isEqualTo(changed);

        Response history = get("/rules/history");
        assertThat(history.body()).contains("id=\"publication-" + id + "\"", "wording for the history test",
                "workbench", "confirmed incidents replayed");

        Response detail = get("/rules/history/" + id);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("<code>infra/Disk.drl</code>")
                .containsPattern("class=\"dl del\"><span class=\"ln\">\\d+</span><span class=\"ln\"></span>"
                        + "<span class=\"mark\">-</span><span>.*is \\(nearly\\) full: ")
                .containsPattern("class=\"dl add\"><span class=\"ln\"></span><span class=\"ln\">\\d+</span>"
                        + "<span class=\"mark\">\\+</span><span>.*is \\(nearly\\) full \\(history test\\): ")
                .contains("Regression report passed", "in use")
                .doesNotContain("Roll back to this version");
        // admin is an engineer: the publication before can be rolled back to
        String previous = publicationOf(published.json().get("previousVersion").asString());
        assertThat(get("/rules/history/" + previous).body()).contains("Roll back to this version");

        // A refused draft: the files page shows the problem with file, line and column.
        Response refused = publish(Map.of("files", Map.of(DISK, changed.replace("then", "thn"))));
        assertThat(refused.status()).isEqualTo(422);
        JsonNode problem = refused.json().get("problems").get(0);
        Response files = get("/rules");
        assertThat(files.body()).contains("The latest change was refused",
                "infra/Disk.drl:" + problem.get("line").asInt() + ":" + problem.get("column").asInt());

        Response back = post("/api/v1/rules/versions/" + previous + "/rollback", "{}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(ruleFile(DISK)).isEqualTo(before);
        assertThat(get("/rules").body()).doesNotContain("The latest change was refused");
    }
}
