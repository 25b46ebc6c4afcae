package com.saypro.triage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/** The board's filters, order and offers, through HTTP as a browser without JavaScript uses them. */
@TriageIntegrationTest
class BoardPageTests extends IntegrationTestSupport {

    private long openIncident(String system, String alertname, String fingerprint) {
        return post("/api/v1/alerts/alertmanager",
                AlertMother.alertmanager("firing", alertname, system, "2026-11-20T10:00:00Z", fingerprint, ""))
                .json().get("incidents").get(0).longValue();
    }

    private static String row(long id) {
        return "id=\"row-id-" + id + "\"";
    }

    @Test
    void shouldListOpenIncidentsMostRecentActivityFirstWithStatusAndAssignee() {
        long lms = openIncident("lms", "HighErrorRate", "f-lms-1");
        long rms = openIncident("rms", "NodeFilesystemAlmostOutOfSpace", "f-rms-1");
        post("/api/v1/incidents/" + lms + "/acknowledge", "{}");

        String board = get("/").body();

        assertThat(board.indexOf(row(lms))).as("opened first, acknowledged last: first").isPositive()
                .isLessThan(board.indexOf(row(rms)));
        assertThat(board).contains(">acknowledged<").contains(">admin<").contains(">open<");
    }

    @Test
    void shouldFilterBySystemSeverityStatusAndAssigneeKeptInTheUrl() {
        long rms = openIncident("rms", "NodeFilesystemAlmostOutOfSpace", "f-rms-2");
        long lms = openIncident("lms", "HighErrorRate", "f-lms-2");
        post("/api/v1/incidents/" + lms + "/acknowledge", "{}");

        String bySystem = get("/?system=lms").body();
        assertThat(bySystem).contains(row(lms)).doesNotContain(row(rms));
        assertThat(bySystem).containsPattern("<option value=\"lms\" selected=\"selected\">lms</option>");
        assertThat(get("/?assignee=admin").body()).contains(row(lms)).doesNotContain(row(rms));
        assertThat(get("/?assignee=-").body()).contains(row(rms)).doesNotContain(row(lms));
        assertThat(get("/?severity=critical&system=rms").body()).contains(row(rms));
        assertThat(get("/?severity=info").body()).doesNotContain(row(rms)).contains("No incidents match these filters");

        post("/api/v1/incidents/" + rms + "/resolve", "{\"resolution\": \"false_alarm\"}");
        assertThat(get("/").body()).doesNotContain(row(rms));
        assertThat(get("/?status=resolved").body()).contains(row(rms)).contains(">verifying<")
                .doesNotContain(row(lms));
        assertThat(get("/?status=all").body()).contains(row(rms)).contains(row(lms));
        assertThat(get("/?status=acknowledged").body()).contains(row(lms)).doesNotContain(row(rms));
        assertThat(get("/?status=nonsense").body()).contains("showing open and acknowledged incidents")
                .contains(row(lms));
    }

    @Test
    void shouldAnswerOnlyTheFilteredRowsToAnHtmxRequest() {
        long rms = openIncident("rms", "NodeFilesystemAlmostOutOfSpace", "f-rms-3");
        long lms = openIncident("lms", "HighErrorRate", "f-lms-3");

        Response rows = get("/?system=rms", "HX-Request", "true");

        assertThat(rows.body()).startsWith("<tbody id=\"board-rows\"").doesNotContain("<html")
                .contains(row(rms)).doesNotContain(row(lms));
        assertThat(get("/?system=rms").body()).contains("hx-get=\"/?system=rms\"")
                .contains("sse-connect=\"/api/v1/stream\"");
    }

    @Test
    void shouldOfferToResolveAnIncidentWhoseAlertsAllResolvedAndStayedQuiet() {
        long rms = openIncident("rms", "NodeFilesystemAlmostOutOfSpace", "f-rms-4");
        long lms = openIncident("lms", "HighErrorRate", "f-lms-4");
        // Resolved 2026-11-20T11:00Z, well over 15 minutes ago.
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("resolved", "NodeFilesystemAlmostOutOfSpace",
                "rms", "2026-11-20T10:00:00Z", "f-rms-4", ""));

        String board = get("/").body();

        assertThat(board).contains("id=\"row-resolve-" + rms + "\"").contains("all alerts resolved — resolve?")
                .contains("/incidents/" + rms + "#resolve").doesNotContain("row-resolve-" + lms);
        assertThat(get("/incidents/" + rms).body()).contains("id=\"resolve\"");
    }
}
