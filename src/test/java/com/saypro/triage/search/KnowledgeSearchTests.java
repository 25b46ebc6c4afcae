package com.saypro.triage.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** The knowledge search on the embedded database and on MariaDB (its full-text index). */
@TriageIntegrationTest
class KnowledgeSearchTests extends IntegrationTestSupport {

    @Autowired
    private SearchIndex index;

    @Test
    void shouldFindAResolvedIncidentByAWordOfItsFixAndRootCause() {
        Response opened = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long id = opened.json().get("incidents").get(0).longValue();
        post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\","
                + " \"fix\": \"rotated the verbose audit logs of the payroll exporter\"}");

        JsonNode byFix = get("/api/v1/kb/search?q=payroll%20exporter").json();
        JsonNode onlyIncidents = get("/api/v1/kb/search?q=disk&kind=incident").json();

        assertThat(byFix.size()).as(byFix.toString()).isGreaterThanOrEqualTo(1);
        JsonNode hit = byFix.get(0);
        assertThat(hit.get("kind").asString()).isEqualTo("incident");
        assertThat(hit.get("id").longValue()).isEqualTo(id);
        assertThat(hit.has("code")).isFalse();
        assertThat(hit.get("title").asString()).startsWith("#" + id);
        assertThat(hit.get("snippet").asString()).contains("payroll exporter");
        assertThat(hit.get("score").doubleValue()).isPositive();
        assertThat(onlyIncidents).allSatisfy(h -> assertThat(h.get("kind").asString()).isEqualTo("incident"));
        assertThat(onlyIncidents.toString()).contains("\"id\":" + id);
    }

    @Test
    void shouldFindAPublishedPostmortemByAWordOfItsRootCauseAndFix() {
        long incident = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "NodeFilesystemAlmostOutOfSpace",
                "lms", "2026-11-21T10:00:00Z", "search-pm", "")).json().get("incidents").get(0).longValue();
        post("/api/v1/incidents/" + incident + "/resolve", "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\","
                + " \"fix\": \"moved the quarantined gradebook snapshots to cold storage\"}");
        Response drafted = post("/api/v1/incidents/" + incident + "/postmortem", "");
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        long id = drafted.json().get("id").longValue();
        assertThat(post("/api/v1/postmortems/" + id + "/submit", "").status()).isEqualTo(200);
        assertThat(post("/api/v1/postmortems/" + id + "/publish", "").status()).isEqualTo(200);

        JsonNode hits = get("/api/v1/kb/search?q=gradebook%20snapshots&kind=postmortem").json();

        assertThat(hits.size()).as(hits.toString()).isEqualTo(1);
        assertThat(hits.get(0).get("id").longValue()).isEqualTo(id);
        assertThat(hits.get(0).get("title").asString()).contains("(published)");
        assertThat(hits.get(0).get("snippet").asString()).contains("gradebook snapshots");
    }

    @Test
    void shouldIndexResolvedIncidentsMissingFromTheSearchAtStart() {
        long id = post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).json().get("incidents").get(0)
                .longValue();
        post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"false_alarm\"}");
        jdbc.update("DELETE FROM search_entry WHERE kind = 'incident'");

        index.indexAtStart();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM search_entry WHERE kind = 'incident' AND ref = ?",
                Integer.class, Long.toString(id))).isEqualTo(1);
    }

    @Test
    void shouldFindCausesAndPlaybooksOfTheSeedBestFirst() {
        JsonNode hits = get("/api/v1/kb/search?q=filesystem%20full").json();
        JsonNode causes = get("/api/v1/kb/search?q=filesystem%20full&kind=cause").json();

        assertThat(hits.size()).isGreaterThan(0);
        assertThat(hits.toString()).contains("\"code\":\"DISK_FULL\"");
        assertThat(causes.get(0).get("code").asString()).isEqualTo("DISK_FULL");
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).get("score").doubleValue()).isLessThanOrEqualTo(hits.get(i - 1).get("score").doubleValue());
        }
    }

    @Test
    void shouldRefuseAQueryWithoutWordsAndAnUnknownKind() {
        assertThat(get("/api/v1/kb/search").status()).isEqualTo(400);
        assertThat(get("/api/v1/kb/search?q=%20%21").status()).isEqualTo(400);
        assertThat(get("/api/v1/kb/search?q=disk&kind=rumour").status()).isEqualTo(400);
    }

    @Test
    void shouldMarkTheWordsFoundOnThePage() {
        Session session = signIn("admin", ADMIN_PASSWORD);
        Response page = session.get("/kb?q=filesystem");
        Response whole = session.get("/kb");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<mark>", "for “filesystem”", "href=\"/kb#cause-DISK_FULL\"")
                .as("the results, not the whole knowledge base").doesNotContain("id=\"cause-DISK_FULL\"");
        assertThat(whole.body()).contains("id=\"cause-DISK_FULL\"", "id=\"playbooks\"");
    }
}
