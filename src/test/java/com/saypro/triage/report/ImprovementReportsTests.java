package com.saypro.triage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** The improvement reports for a known set of incidents: every figure exactly, as JSON, CSV and page. */
@TriageIntegrationTest
class ImprovementReportsTests extends IntegrationTestSupport {

    private static final String FROM = "2026-10-01";
    private static final String TO = "2026-11-30";

    @BeforeEach
    void knownIncidents() {
        // rms: acknowledged after 2 and 4 minutes; resolved after 1 h (confirmed DISK_FULL, came back once)
        // and 3 h (confirmed DISK_FULL); a false alarm resolved after 30 min, never acknowledged.
        incident(1, "rms", "2026-11-02T10:00:00", "2026-11-02T10:02:00", "2026-11-02T11:00:00", "confirmed",
                "DISK_FULL", 1, "NodeFilesystemAlmostOutOfSpace");
        incident(2, "rms", "2026-11-10T08:00:00", "2026-11-10T08:04:00", "2026-11-10T11:00:00", "confirmed",
                "DISK_FULL", 0, "NodeFilesystemAlmostOutOfSpace");
        incident(3, "rms", "2026-11-12T09:00:00", null, "2026-11-12T09:30:00", "false_alarm", null, 0,
                "HostHighCpuLoad");
        // lms: one in October acknowledged after 10 min, still open; one in November a false alarm
        // after 20 min, acknowledged after 1 min.
        incident(4, "lms", "2026-10-20T12:00:00", "2026-10-20T12:10:00", null, null, null, 0, "HostHighCpuLoad");
        incident(5, "lms", "2026-11-20T12:00:00", "2026-11-20T12:01:00", "2026-11-20T12:20:00", "false_alarm", null,
                0, "HostHighCpuLoad");
        // Outside the period, and a merged incident: neither counts.
        incident(6, "rms", "2026-09-20T12:00:00", "2026-09-20T12:01:00", "2026-09-20T13:00:00", "false_alarm", null,
                0, "HostHighCpuLoad");
        incident(7, "rms", "2026-11-03T12:00:00", null, null, null, null, 0, "NodeFilesystemAlmostOutOfSpace");
        jdbc.update("UPDATE incident SET merged_into = (SELECT MIN(id) FROM incident) WHERE title = 'incident 7'");
    }

    @Test
    void shouldSummarisePerSystemExactly() {
        JsonNode summary = get("/api/v1/reports/summary?from=" + FROM + "&to=" + TO).json();

        assertThat(summary.size()).isEqualTo(2);
        JsonNode lms = summary.get(0);
        JsonNode rms = summary.get(1);
        assertThat(lms.get("system").asString()).isEqualTo("lms");
        assertThat(lms.get("incidents").intValue()).isEqualTo(2);
        assertThat(lms.get("mtta").longValue()).isEqualTo((600 + 60) / 2);
        assertThat(lms.get("mttr").longValue()).isEqualTo(1_200);
        assertThat(lms.get("falseAlarms").intValue()).isEqualTo(1);
        assertThat(lms.get("fixesNotHeld").intValue()).isZero();
        assertThat(rms.get("system").asString()).isEqualTo("rms");
        assertThat(rms.get("incidents").intValue()).isEqualTo(3);
        assertThat(rms.get("mtta").longValue()).isEqualTo((120 + 240) / 2);
        assertThat(rms.get("mttr").longValue()).isEqualTo((3_600 + 10_800 + 1_800) / 3);
        assertThat(rms.get("falseAlarms").intValue()).isEqualTo(1);
        assertThat(rms.get("fixesNotHeld").intValue()).isEqualTo(1);
        assertThat(rms.get("confirmed").intValue()).isEqualTo(2);
    }

    @Test
    void shouldGiveMonthlyFiguresFalseAlarmRatesRecurringCausesAndFixesThatDidNotHold() {
        JsonNode monthly = get("/api/v1/reports/monthly?from=" + FROM + "&to=" + TO).json();
        JsonNode alarms = get("/api/v1/reports/false-alarms?from=" + FROM + "&to=" + TO).json();
        JsonNode causes = get("/api/v1/reports/recurring-causes?from=" + FROM + "&to=" + TO).json();
        JsonNode fixes = get("/api/v1/reports/fixes-not-held?from=" + FROM + "&to=" + TO).json();

        assertThat(monthly.size()).isEqualTo(3);
        assertThat(monthly.get(0).get("month").asString()).isEqualTo("2026-10");
        assertThat(monthly.get(0).get("system").asString()).isEqualTo("lms");
        assertThat(monthly.get(0).get("mttr").isNull()).isTrue();
        assertThat(monthly.get(2).get("month").asString()).isEqualTo("2026-11");
        assertThat(monthly.get(2).get("system").asString()).isEqualTo("rms");
        assertThat(monthly.get(2).get("mttr").longValue()).isEqualTo(5_400);
        assertThat(alarms.get(0).get("alertName").asString()).isEqualTo("HostHighCpuLoad");
        assertThat(alarms.get(0).get("incidents").intValue()).isEqualTo(3);
        assertThat(alarms.get(0).get("falseAlarms").intValue()).isEqualTo(2);
        assertThat(alarms.get(0).get("rate").doubleValue()).isEqualTo(0.667);
        assertThat(alarms.get(1).get("rate").doubleValue()).isZero();
        assertThat(causes.size()).isEqualTo(1);
        assertThat(causes.get(0).get("causeCode").asString()).isEqualTo("DISK_FULL");
        assertThat(causes.get(0).get("confirmed").intValue()).isEqualTo(2);
        assertThat(causes.get(0).get("fixesNotHeld").intValue()).isEqualTo(1);
        assertThat(fixes.size()).isEqualTo(1);
        assertThat(fixes.get(0).get("title").asString()).isEqualTo("incident 1");
    }

    @Test
    void shouldExportCsvAndShowThePage() {
        Response csv = get("/api/v1/reports/summary.csv?from=" + FROM + "&to=" + TO);
        Response page = signIn("admin", ADMIN_PASSWORD).get("/reports?from=" + FROM + "&to=" + TO);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "system,incidents,mtta,mttr,acknowledged,resolved,falseAlarms,fixesNotHeld,confirmed",
                "lms,2,330,1200,2,1,1,0,0", "rms,3,180,5400,2,3,1,1,2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Improvement reports", "HostHighCpuLoad", "90 min", "73 min", "Disk");
    }

    @Test
    void shouldMeasureHowOftenTheRulesRankedTheConfirmedCauseAndListOverdueActions() {
        // Incident 1 (DISK_FULL confirmed): ranked first, two votes for it, one for another cause.
        run("incident 1", "[{\"rank\":1,\"causeCode\":\"DISK_FULL\",\"evidence\":[{\"effect\":\"supports\"},"
                + "{\"effect\":\"supports\"}]},{\"rank\":2,\"causeCode\":\"STORAGE_FAILURE\",\"evidence\":"
                + "[{\"effect\":\"supports\"},{\"effect\":\"weakens\"}]}]");
        // Incident 2 (DISK_FULL confirmed): ranked second behind another cause, one vote each.
        run("incident 2", "[{\"rank\":1,\"causeCode\":\"STORAGE_FAILURE\",\"evidence\":[{\"effect\":\"supports\"}]},"
                + "{\"rank\":2,\"causeCode\":\"DISK_FULL\",\"evidence\":[{\"effect\":\"supports\"}]}]");
        Long incident = jdbc.queryForObject("SELECT id FROM incident WHERE title = 'incident 1'", Long.class);
        jdbc.update("INSERT INTO postmortem (incident_id, status, title, started_at, systems, timeline, evidence,"
                + " playbook_runs, created_by, created_at, updated_at) VALUES (?, 'PUBLISHED', 'Disk full on rms', ?, 'rms',"
                + " '[]', '[]', '[]', 'admin', ?, ?)", incident, LocalDateTime.parse("2026-11-02T10:00:00"),
                LocalDateTime.parse("2026-11-03T10:00:00"), LocalDateTime.parse("2026-11-03T10:00:00"));
        Long postmortem = jdbc.queryForObject("SELECT id FROM postmortem WHERE incident_id = ?", Long.class, incident);
        jdbc.update("INSERT INTO postmortem_action (postmortem_id, position, text, owner, due_date, status, created_by,"
                + " created_at) VALUES (?, 1, 'Alert on inode use', 'ana', ?, 'OPEN', 'admin', ?), (?, 2, 'Rotate logs daily',"
                + " 'ben', ?, 'DONE', 'admin', ?), (?, 3, 'Someday', 'cy', ?, 'OPEN', 'admin', ?)",
                postmortem, LocalDate.parse("2026-11-10"), LocalDateTime.parse("2026-11-03T10:00:00"),
                postmortem, LocalDate.parse("2026-11-10"), LocalDateTime.parse("2026-11-03T10:00:00"),
                postmortem, LocalDate.now().plusDays(30), LocalDateTime.parse("2026-11-03T10:00:00"));

        JsonNode accuracy = get("/api/v1/reports/accuracy?from=" + FROM + "&to=" + TO).json();
        JsonNode overdue = get("/api/v1/reports/overdue-actions").json();

        assertThat(accuracy.size()).isEqualTo(1);
        assertThat(accuracy.get(0).get("month").asString()).isEqualTo("2026-11");
        assertThat(accuracy.get(0).get("confirmed").intValue()).isEqualTo(2);
        assertThat(accuracy.get(0).get("topOne").doubleValue()).isEqualTo(0.5);
        assertThat(accuracy.get(0).get("topThree").doubleValue()).isEqualTo(1.0);
        assertThat(accuracy.get(0).get("rulePrecision").doubleValue()).isEqualTo(0.6);
        assertThat(overdue.size()).isEqualTo(1);
        assertThat(overdue.get(0).get("text").asString()).isEqualTo("Alert on inode use");
        assertThat(overdue.get(0).get("owner").asString()).isEqualTo("ana");
        assertThat(overdue.get(0).get("postmortemId").longValue()).isEqualTo(postmortem);
        assertThat(signIn("admin", ADMIN_PASSWORD).get("/reports?from=" + FROM + "&to=" + TO).body())
                .contains("How well the rules diagnosed", "50 %", "60 %", "Alert on inode use");
    }

    @Test
    void shouldRefuseAPeriodItCannotRead() {
        assertThat(get("/api/v1/reports/summary?from=yesterday").status()).isEqualTo(400);
        assertThat(get("/api/v1/reports/summary?from=2026-11-30&to=2026-11-01").status()).isEqualTo(400);
    }

    private void incident(int n, String system, String opened, String acknowledged, String resolved,
            String resolution, String cause, int reopened, String alert) {
        jdbc.update("INSERT INTO incident (system_name, title, severity, status, opened_at, updated_at, acknowledged_at,"
                + " resolved_at, resolution, confirmed_cause, reopen_count) VALUES (?, ?, 'critical', ?, ?, ?, ?, ?, ?, ?, ?)",
                system, "incident " + n, resolved == null ? "OPEN" : "VERIFYING", at(opened), at(opened), at(acknowledged),
                at(resolved), resolution, cause, reopened);
        Long id = jdbc.queryForObject("SELECT id FROM incident WHERE title = ?", Long.class, "incident " + n);
        jdbc.update("INSERT INTO alert (incident_id, source, fingerprint, name, system_name, component, severity, status,"
                + " labels, annotations, starts_at, received_at, last_received_at) VALUES (?, 'generic', ?, ?, ?, '',"
                + " 'critical', 'firing', '{}', '{}', ?, ?, ?)", id, "report-" + n, alert, system, at(opened), at(opened),
                at(opened));
        jdbc.update("INSERT INTO incident_alert_name (name, incident_id) VALUES (?, ?)", alert, id);
    }

    /** A stored diagnosis run for the incident titled so, with these candidates. */
    private void run(String title, String candidates) {
        Long id = jdbc.queryForObject("SELECT id FROM incident WHERE title = ?", Long.class, title);
        jdbc.update("INSERT INTO diagnosis_run (incident_id, facts_revision, rule_base_version, computed_at, facts, result)"
                + " VALUES (?, 1, 'test', ?, '{}', ?)", id, LocalDateTime.parse("2026-11-02T10:00:00"),
                "{\"candidates\":" + candidates + "}");
    }

    /** A time as the database keeps it: UTC wall-clock. */
    private static LocalDateTime at(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }
}
