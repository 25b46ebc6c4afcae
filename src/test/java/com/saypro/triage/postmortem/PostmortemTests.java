package com.saypro.triage.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.security.Role;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Post-mortems from resolved incidents: the drafted content against the incident's record,
 * the review flow with its roles, the Markdown export, bad input, conflicts, overdue action
 * items and the incidents that owe a post-mortem.
 */
@TriageIntegrationTest
class PostmortemTests extends IntegrationTestSupport {

    private static final String PASSWORD = "postmortem-password-1";
    private static final String FIX = "rotated /var/log/app and capped it at 5 GB";

    @Autowired
    UserAccounts users;

    @Test
    void shouldDraftThePostmortemFromTheResolvedIncidentsRecord() {
        long incident = resolvedDiskFullIncident();

        Response created = post("/api/v1/incidents/" + incident + "/postmortem", "");

        assertThat(created.status()).isEqualTo(201);
        JsonNode pm = created.json();
        long id = pm.get("id").longValue();
        assertThat(created.location()).isEqualTo("/api/v1/postmortems/" + id);
        assertThat(pm.get("incidentId").longValue()).isEqualTo(incident);
        assertThat(pm.get("status").asString()).isEqualTo("draft");
        assertThat(pm.get("title").asString()).startsWith("Post-mortem: ");
        assertThat(pm.get("createdBy").asString()).isEqualTo("admin");
        assertThat(pm.get("rootCauseCode").asString()).isEqualTo("DISK_FULL");
        assertThat(pm.get("rootCause").asString()).startsWith("Disk or filesystem full");
        assertThat(pm.get("fix").asString()).isEqualTo(FIX);
        assertThat(pm.get("summary").asString()).contains("rms", "critical", "Disk or filesystem full");

        // Impact: from the first alert to the resolution, on the incident's system.
        JsonNode incidentJson = get("/api/v1/incidents/" + incident).json();
        JsonNode impact = pm.get("impact");
        assertThat(impact.get("startedAt").asString()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(impact.get("endedAt").asString()).isEqualTo(incidentJson.get("resolvedAt").asString());
        assertThat(impact.get("durationSeconds").longValue()).isPositive();
        assertThat(impact.get("systems").get(0).asString()).isEqualTo("rms");
        assertThat(impact.get("affectedUsers").isNull()).isTrue();

        // The timeline: the incident's record as it was, the alerts summarised per name.
        List<String> recorded = recordedEntries(get("/api/v1/incidents/" + incident + "/timeline").json());
        assertThat(recordedEntries(pm.get("timeline")))
                .isEqualTo(recorded.stream().filter(l -> !l.startsWith("postmortem ")).toList());
        List<String> drafted = lines(pm.get("timeline"), false);
        assertThat(drafted).anyMatch(l -> l.startsWith("status admin: resolved: root cause Disk or filesystem full"))
                .anyMatch(l -> l.startsWith("playbook admin: Free disk space on the affected host, step 1 of 6"))
                .anyMatch(l -> l.equals("note admin: /var/log/app grew to 40 GB overnight"))
                .anyMatch(l -> l.startsWith("answer admin: "));
        assertThat(lines(pm.get("timeline"), true)).contains(
                "signal system: alert NodeFilesystemAlmostOutOfSpace fired 2 times (critical), the last at"
                        + " 2026-11-20 10:05:00 UTC");

        // The evidence reviewers see: the confirmed cause with the rules that fired, and the run as it was run.
        JsonNode confirmed = first(pm.get("evidence"), "confirmed", "true");
        assertThat(confirmed.get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(confirmed.get("rank").intValue()).isEqualTo(1);
        assertThat(confirmed.get("evidence")).isNotEmpty();
        assertThat(confirmed.get("evidence").get(0).get("rule").asString()).isNotBlank();
        JsonNode run = pm.get("playbookRuns").get(0);
        assertThat(run.get("playbook").asString()).isEqualTo("DISK_CLEANUP");
        assertThat(run.get("steps").get(0).get("outcome").asString()).isEqualTo("done");
        assertThat(run.get("steps").get(0).get("by").asString()).isEqualTo("admin");
        assertThat(run.get("steps").get(0).get("note").asString()).isEqualTo("df -h: /var at 97 %");

        // Drafting lands on the incident's timeline and in the audit log.
        assertThat(lines(get("/api/v1/incidents/" + incident + "/timeline").json(), false))
                .contains("postmortem admin: post-mortem drafted");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'postmortem.drafted'"
                + " AND target_id = ?", Integer.class, String.valueOf(id))).isEqualTo(1);
        assertThat(get("/api/v1/postmortems/" + id).json()).isEqualTo(pm);
    }

    @Test
    void shouldTakeThePostmortemThroughReviewWithEachRoleDoingItsPart() {
        long incident = resolvedDiskFullIncident();
        users.create("ana", "Ana", PASSWORD, Set.of(Role.ANALYST));
        users.create("rita", "Rita", PASSWORD, Set.of(Role.REVIEWER));
        users.create("eng", "Eng", PASSWORD, Set.of(Role.ENGINEER));
        assertThat(as("eng", "POST", "/api/v1/incidents/" + incident + "/postmortem", "{}").status()).isEqualTo(403);
        long id = as("ana", "POST", "/api/v1/incidents/" + incident + "/postmortem", "{}").json().get("id").longValue();
        String pm = "/api/v1/postmortems/" + id;

        Response edited = as("ana", "PUT", pm, """
                {"summary": "RMS hosts ran out of disk; royalty statements were late.",
                 "impact": {"affectedUsers": 120, "systems": ["rms", "rms-batch"]},
                 "wentWrong": "- The log rotation was never set up on the new hosts."}""");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("impact").get("affectedUsers").intValue()).isEqualTo(120);
        assertThat(edited.json().get("impact").get("systems").toString()).isEqualTo("[\"rms\",\"rms-batch\"]");
        assertThat(edited.json().get("fix").asString()).as("fields left out keep their value").isEqualTo(FIX);
        Response action = as("ana", "POST", pm + "/actions",
                "{\"text\": \"Set up log rotation on every RMS host\", \"owner\": \"ana\", \"dueDate\": \""
                        + LocalDate.now(ZoneOffset.UTC).plusDays(14) + "\"}");
        assertThat(action.status()).isEqualTo(201);
        assertThat(action.json().get("status").asString()).isEqualTo("open");
        assertThat(as("ana", "POST", pm + "/submit", "{}").json().get("status").asString()).isEqualTo("in_review");

        // An analyst cannot publish, nor an engineer edit; the engineer may comment.
        assertThat(as("ana", "POST", pm + "/publish", "{}").status()).isEqualTo(403);
        assertThat(as("eng", "PUT", pm, "{\"summary\": \"x\"}").status()).isEqualTo(403);
        assertThat(as("eng", "POST", pm + "/comments", "{\"text\": \"Which hosts exactly?\"}").status())
                .isEqualTo(201);
        assertThat(get(pm).json().get("status").asString()).isEqualTo("in_review");

        // The reviewer sends it back with a reason; the author answers and submits again; the reviewer publishes.
        Response back = as("rita", "POST", pm + "/reopen", "{\"text\": \"Name the hosts in the impact.\"}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("draft");
        JsonNode comments = back.json().get("comments");
        assertThat(comments).hasSize(2);
        assertThat(comments.get(1).get("kind").asString()).isEqualTo("sent-back");
        assertThat(comments.get(1).get("author").asString()).isEqualTo("rita");
        assertThat(as("ana", "PUT", pm, "{\"impact\": {\"description\": \"rms-app-01 and rms-app-02\"}}").status())
                .isEqualTo(200);
        as("ana", "POST", pm + "/submit", "{}");
        Response published = as("rita", "POST", pm + "/publish", "{}");

        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("published");
        assertThat(published.json().get("publishedBy").asString()).isEqualTo("rita");
        assertThat(published.json().get("submittedBy").asString()).isEqualTo("ana");
        assertThat(lines(get("/api/v1/incidents/" + incident + "/timeline").json(), false))
                .contains("postmortem rita: post-mortem published");
        assertThat(get("/api/v1/postmortems?status=published").json()).hasSize(1);
        assertThat(get("/api/v1/postmortems?status=draft").json()).isEmpty();

        // Published: the text is kept; action items still move.
        Response late = as("ana", "PUT", pm, "{\"summary\": \"changed\"}");
        assertThat(late.status()).isEqualTo(409);
        long actionId = action.json().get("id").longValue();
        Response done = as("ana", "PUT", pm + "/actions/" + actionId, "{\"status\": \"done\"}");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("doneAt").isNull()).isFalse();
        assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE target_kind = 'postmortem' ORDER BY id",
                String.class)).containsSubsequence("postmortem.drafted", "postmortem.edited",
                        "postmortem.action-added", "postmortem.submitted", "postmortem.commented",
                        "postmortem.sent-back", "postmortem.submitted", "postmortem.published",
                        "postmortem.action-changed");
    }

    @Test
    void shouldExportAPostmortemAsAMarkdownDocument() {
        long incident = resolvedDiskFullIncident();
        long id = post("/api/v1/incidents/" + incident + "/postmortem", "").json().get("id").longValue();
        String pm = "/api/v1/postmortems/" + id;
        post(pm + "/actions",
                "{\"text\": \"Alert at 80 % | not 90 %\", \"owner\": \"ops\", \"dueDate\": \"2026-01-05\"}");
        post(pm + "/comments", "{\"text\": \"Good <b>work</b>\"}");

        Response md = get(pm + ".md");

        assertThat(md.status()).isEqualTo(200);
        assertThat(md.contentType()).startsWith("text/markdown");
        String text = md.body();
        assertThat(text).startsWith("# Post-mortem: ");
        assertThat(text).contains("## Summary", "## Impact", "- Systems: rms", "## Timeline",
                "| Time (UTC) | Kind | What happened | Who |", "## Root cause", "Cause `DISK_FULL`", "## Fix", FIX,
                "## Evidence: the rules that fired", "confirmed root cause", "## Playbook steps as they were run",
                "### Free disk space on the affected host", "| 1 | check |", "df -h: /var at 97 %",
                "## What went well", "## What went wrong", "## Action items",
                "| 1 | Alert at 80 % \\| not 90 % | ops | 2026-01-05 | open (overdue) |", "## Reviewers' comments",
                "**admin**", "Good &lt;b&gt;work&lt;/b&gt;");
        JsonNode rule = first(get(pm).json().get("evidence"), "confirmed", "true").get("evidence").get(0);
        assertThat(text).contains("(rule \"" + rule.get("rule").asString());
        assertThat(text.indexOf("## Timeline")).isLessThan(text.indexOf("## Root cause"));
        assertThat(get("/api/v1/postmortems/999999.md").status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseBadInputNamingTheFieldAndStoreNothing() {
        long incident = resolvedDiskFullIncident();
        long id = post("/api/v1/incidents/" + incident + "/postmortem", "").json().get("id").longValue();
        String pm = "/api/v1/postmortems/" + id;
        JsonNode before = get(pm).json();

        assertField(put(pm, "{\"title\": [\"x\"]}"), "title");
        assertField(put(pm, "{\"title\": \"   \"}"), "title");
        assertField(put(pm, "{\"summary\": \"ok\", \"impact\": {\"affectedUsers\": -1}}"), "impact.affectedUsers");
        assertField(put(pm, "{\"summary\": \"ok\", \"impact\": {\"endedAt\": \"2020-01-01T00:00:00Z\"}}"),
                "impact.endedAt");
        assertField(put(pm, "{\"summary\": \"ok\", \"impact\": {\"systems\": [\"<script>\"]}}"), "impact.systems[0]");
        assertField(put(pm, "{\"summary\": \"ok\", \"rootCauseCode\": \"NO_SUCH_CAUSE\"}"), "rootCauseCode");
        assertField(put(pm, "{\"summary\": \"ok\", \"timeline\": [{\"kind\": \"note\", \"summary\": \"x\"}]}"),
                "timeline[0].at");
        assertField(put(pm, "{\"summary\": \"ok\", \"timeline\": [{\"at\": \"yesterday\"}]}"), "timeline[0].at");
        assertField(post(pm + "/actions", "{\"text\": \"Fix it\"}"), "owner");
        assertField(post(pm + "/actions", "{\"text\": \"Fix it\", \"owner\": \"ana\", \"dueDate\": \"2026-13-40\"}"),
                "dueDate");
        assertField(post(pm + "/comments", "{\"text\": \"  \"}"), "text");
        assertField(post(pm + "/reopen", "{}"), "text");
        assertThat(put(pm, "not json").status()).isEqualTo(400);

        assertThat(get(pm).json()).isEqualTo(before);
        assertThat(count("postmortem_action")).isZero();
        assertThat(count("postmortem_comment")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE target_kind = 'postmortem'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void shouldReplaceTheTimelineWithTheEditedLinesInTheirOrder() {
        long incident = resolvedDiskFullIncident();
        long id = post("/api/v1/incidents/" + incident + "/postmortem", "").json().get("id").longValue();

        Response edited = put("/api/v1/postmortems/" + id, """
                {"timeline": [
                  {"at": "2026-11-20T10:20:00Z", "kind": "note", "summary": "Log rotation restored", "actor": "ana"},
                  {"at": "2026-11-20T09:55:00Z", "kind": "signal", "summary": "disk_utilization crossed 0.9"}]}""");

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(lines(edited.json().get("timeline"), false)).containsExactly("note ana: Log rotation restored");
        assertThat(lines(edited.json().get("timeline"), true))
                .containsExactly("signal system: disk_utilization crossed 0.9");
        assertThat(edited.json().get("timeline").get(0).get("at").asString()).isEqualTo("2026-11-20T09:55:00Z");
        assertThat(edited.json().get("rootCauseCode").asString()).isEqualTo("DISK_FULL");
    }

    @Test
    void shouldKeepHostileTextVerbatimAndShowItEscaped() {
        long incident = resolvedDiskFullIncident();
        long id = post("/api/v1/incidents/" + incident + "/postmortem", "").json().get("id").longValue();
        String pm = "/api/v1/postmortems/" + id;
        String hostile = "<script>alert(1)</script> [[${7*7}]] '; DROP TABLE postmortem; --";

        assertThat(put(pm, "{\"wentWrong\": " + com.saypro.triage.support.Json.write(hostile) + "}").status())
                .isEqualTo(200);
        assertThat(post(pm + "/comments", "{\"text\": " + com.saypro.triage.support.Json.write(hostile) + "}")
                .status()).isEqualTo(201);
        assertField(post(pm + "/actions", "{\"text\": \"x\", \"owner\": \"<script>alert(1)</script>\"}"), "owner");
        assertThat(post(pm + "/comments", "text=hello", "application/x-www-form-urlencoded").status())
                .isEqualTo(415);

        assertThat(get(pm).json().get("wentWrong").asString()).isEqualTo(hostile);
        String page = get("/postmortems/" + id).body();
        assertThat(page).doesNotContain("<script>alert(1)</script>").doesNotContain("[[49]]")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; [[${7*7}]]");
        assertThat(get(pm + ".md").body()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(count("postmortem")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPostmortemOfAnUnresolvedIncidentOrASecondOne() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        long open = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();

        Response notResolved = post("/api/v1/incidents/" + open + "/postmortem", "");
        assertThat(notResolved.status()).isEqualTo(409);
        assertThat(notResolved.json().get("detail").asString()).contains("resolved");
        assertThat(count("postmortem")).isZero();
        assertThat(post("/api/v1/incidents/424242/postmortem", "").status()).isEqualTo(404);

        post("/api/v1/incidents/" + open + "/resolve", "{\"resolution\": \"false_alarm\"}");
        long id = post("/api/v1/incidents/" + open + "/postmortem", "").json().get("id").longValue();
        Response again = post("/api/v1/incidents/" + open + "/postmortem", "");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("postmortemId").longValue()).isEqualTo(id);
        assertThat(again.location()).isEqualTo("/api/v1/postmortems/" + id);
        assertThat(count("postmortem")).isEqualTo(1);
        String pm = "/api/v1/postmortems/" + id;
        assertThat(post(pm + "/publish", "{}").status()).as("a draft is submitted before it is published")
                .isEqualTo(409);
        assertThat(post(pm + "/submit", "{}").status()).isEqualTo(200);
        assertThat(post(pm + "/submit", "{}").status()).isEqualTo(409);
        assertThat(get("/api/v1/postmortems/999999").status()).isEqualTo(404);
        assertThat(get("/api/v1/postmortems?status=nope").status()).isEqualTo(400);
    }

    @Test
    void shouldMarkOpenActionItemsPastTheirDueDateAsOverdue() {
        long incident = resolvedDiskFullIncident();
        long id = post("/api/v1/incidents/" + incident + "/postmortem", "").json().get("id").longValue();
        String pm = "/api/v1/postmortems/" + id;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long late = post(pm + "/actions", action("Late one", today.minusDays(1))).json().get("id").longValue();
        post(pm + "/actions", action("Due today", today));
        long doneLate = post(pm + "/actions", action("Done, though late", today.minusDays(3))).json().get("id")
                .longValue();
        put(pm + "/actions/" + doneLate, "{\"status\": \"done\"}");

        JsonNode actions = get(pm).json().get("actions");
        assertThat(actions.get(0).get("overdue").booleanValue()).isTrue();
        assertThat(actions.get(1).get("overdue").booleanValue()).isFalse();
        assertThat(actions.get(2).get("overdue").booleanValue()).isFalse();
        JsonNode line = get("/api/v1/postmortems").json().get(0);
        assertThat(line.get("openActions").intValue()).isEqualTo(2);
        assertThat(line.get("overdueActions").intValue()).isEqualTo(1);

        Response page = get("/postmortems");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsPattern("<tr id=\"action-" + late + "\" class=\"overdue\"")
                .contains("1 overdue");
    }

    @Test
    void shouldListResolvedCriticalAndWarningIncidentsWithoutAPostmortemAsOwed() {
        long critical = resolvedDiskFullIncident();
        post("/api/v1/alerts", "{\"name\": \"BackupReport\", \"system\": \"lms\", \"severity\": \"info\","
                + " \"startsAt\": \"2026-11-20T10:00:00Z\"}");
        long info = jdbc.queryForObject("SELECT id FROM incident WHERE system_name = 'lms'", Long.class);
        post("/api/v1/incidents/" + info + "/resolve", "{}");

        String list = get("/postmortems").body();
        assertThat(list).contains("id=\"owed-" + critical + "\"").doesNotContain("id=\"owed-" + info + "\"");
        assertThat(get("/incidents/" + critical).body()).contains("A post-mortem is required",
                "Write the post-mortem");
        assertThat(get("/incidents/" + info).body()).contains("A post-mortem is offered, not required");

        Response drafted = postForm("/incidents/" + critical + "/postmortem", "");
        assertThat(drafted.status()).isEqualTo(302);
        long id = jdbc.queryForObject("SELECT id FROM postmortem WHERE incident_id = ?", Long.class, critical);
        assertThat(drafted.location()).endsWith("/postmortems/" + id);
        assertThat(get("/postmortems").body()).doesNotContain("id=\"owed-" + critical + "\"");
        assertThat(get("/incidents/" + critical).body()).contains("/postmortems/" + id)
                .doesNotContain("Write the post-mortem");
        Response page = get("/postmortems/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Evidence: the rules that fired", "Playbook steps as they were run",
                "df -h: /var at 97 %", "Submit for review");
        assertThat(get("/postmortems/424242").status()).isEqualTo(404);
    }

    /**
     * An RMS host out of disk (two alerts of one name), answered, a playbook step and a note
     * recorded, resolved with the confirmed cause and the fix.
     */
    private long resolvedDiskFullIncident() {
        post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms());
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "NodeFilesystemAlmostOutOfSpace", "rms",
                "2026-11-20T10:05:00Z", "a1b2c3d4e5f60719", ", \"job\": \"node\", \"mountpoint\": \"/data\""));
        long id = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        post("/api/v1/incidents/" + id + "/answers", "{\"question\": \"DISK_SPACE_OK\", \"answer\": \"no\"}");
        long run = post("/api/v1/incidents/" + id + "/playbook-runs", "{\"playbook\": \"DISK_CLEANUP\"}").json()
                .get("id").longValue();
        post("/api/v1/playbook-runs/" + run + "/steps/1", "{\"outcome\": \"done\", \"note\": \"df -h: /var at 97 %\"}");
        post("/api/v1/incidents/" + id + "/notes", "{\"text\": \"/var/log/app grew to 40 GB overnight\"}");
        Response resolved = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"DISK_FULL\", \"fix\": \"" + FIX + "\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        return id;
    }

    /** "kind actor: summary" per entry, the signals only or all but them. */
    private static List<String> lines(JsonNode timeline, boolean signals) {
        List<String> lines = new ArrayList<>();
        timeline.forEach(e -> {
            if (e.get("kind").asString().equals("signal") == signals) {
                lines.add(e.get("kind").asString() + " " + e.get("actor").asString() + ": "
                        + e.get("summary").asString());
            }
        });
        return lines;
    }

    /** The entries that are not signals, with their times: "kind actor: summary @at". */
    private static List<String> recordedEntries(JsonNode timeline) {
        List<String> entries = new ArrayList<>();
        timeline.forEach(e -> {
            if (!e.get("kind").asString().equals("signal")) {
                entries.add(e.get("kind").asString() + " " + e.get("actor").asString() + ": "
                        + e.get("summary").asString() + " @" + e.get("at").asString());
            }
        });
        return entries;
    }

    private static JsonNode first(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asString().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    private static String action(String text, LocalDate due) {
        return "{\"text\": \"" + text + "\", \"owner\": \"ana\", \"dueDate\": \"" + due + "\"}";
    }

    private Response put(String path, String body) {
        return anonymous("PUT", path, body, "Authorization", basic("admin", ADMIN_PASSWORD), "Content-Type",
                "application/json");
    }

    private Response as(String user, String method, String path, String body) {
        return anonymous(method, path, body, "Authorization", basic(user, PASSWORD), "Content-Type",
                "application/json");
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).as(response.body()).isEqualTo(field);
    }
}
