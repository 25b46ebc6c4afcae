package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

@TriageIntegrationTest
class VendorIngestionTests extends IntegrationTestSupport {

    private static final String NEW_RELIC_ISSUE = """
            {"id": "7f3c0b1e-issue", "issueUrl": "https://one.newrelic.com/alerts/issues/7f3c", "title": "Error rate > 5%%",
             "priority": "%s", "state": "%s", "createdAt": 1795168800000, "updatedAt": 1795169400000,
             "totalIncidents": 1, "trigger": "STATE_CHANGE", "isCorrelated": false,
             "alertConditionNames": ["HighErrorRate"], "alertPolicyNames": ["LMS golden signals"],
             "impactedEntities": ["saypro-lms-prod"], "entitiesData": {"names": ["saypro-lms-prod"], "types": ["APPLICATION"]},
             "sources": ["newrelic"], "workflowName": "triage"}
            """;

    @Test
    void shouldOpenAnIncidentForAnActivatedNewRelicIssueAndResolveItWhenClosed() {
        Response activated = post("/api/v1/alerts/newrelic", NEW_RELIC_ISSUE.formatted("CRITICAL", "ACTIVATED"));
        Response again = post("/api/v1/alerts/newrelic", NEW_RELIC_ISSUE.formatted("CRITICAL", "ACKNOWLEDGED"));
        Map<String, Object> alert = jdbc.queryForMap("SELECT name, system_name, severity, status, fingerprint FROM alert");

        assertThat(activated.status()).isEqualTo(200);
        assertThat(alert).containsEntry("name", "HighErrorRate").containsEntry("system_name", "lms")
                .containsEntry("severity", "critical").containsEntry("status", "firing")
                .containsEntry("fingerprint", "7f3c0b1e-issue");
        assertThat(again.json().get("duplicates").intValue()).isEqualTo(1);

        Response closed = post("/api/v1/alerts/newrelic", NEW_RELIC_ISSUE.formatted("CRITICAL", "CLOSED"));

        assertThat(closed.json().get("resolved").intValue()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM alert", String.class)).isEqualTo("resolved");
    }

    @Test
    void shouldTakeTheSystemOfANewRelicIssueFromItsTagsAndRefuseAnIssueWithoutOne() {
        post("/api/v1/alerts/newrelic", """
                {"issueId": "tagged-1", "title": "Slow logins", "priority": "LOW", "state": "CREATED",
                 "accumulations": {"conditionName": ["LoginSlow"]}, "tags": {"system": ["rms"]}}
                """);
        Response none = post("/api/v1/alerts/newrelic", """
                {"issueId": "untagged-1", "title": "Slow", "state": "ACTIVATED"}
                """);

        assertThat(jdbc.queryForMap("SELECT name, system_name, severity FROM alert")).containsEntry("name", "LoginSlow")
                .containsEntry("system_name", "rms").containsEntry("severity", "info");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("field").asString()).isEqualTo("impactedEntities");
    }

    @Test
    void shouldStoreSplunkCollectorEventsOneByOneConcatenatedOrAsAnArrayAndAnswerAsSplunk() {
        Response one = post("/services/collector/event", """
                {"time": 1795168800.5, "host": "lms-app-01", "index": "lms", "sourcetype": "log4j",
                 "event": {"message": "Cannot get JDBC connection", "level": "error", "logger": "com.saypro.lms.Db"}}
                """);
        Response concatenated = post("/services/collector/event", """
                {"event": "enrolment failed", "fields": {"system": "lms", "component": "web"}}
                {"event": {"msg": "retrying", "severity": "warning"}, "host": "saypro-lms-prod"}
                """);
        Response array = post("/services/collector/event", """
                [{"event": "started", "host": "rms-batch"}]
                """);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("text").asString()).isEqualTo("Success");
        assertThat(one.json().get("code").intValue()).isZero();
        assertThat(concatenated.status()).isEqualTo(200);
        assertThat(array.status()).isEqualTo(200);
        assertThat(count("log_event")).isEqualTo(4);
        assertThat(jdbc.queryForMap("SELECT system_name, component, level, logger, occurred_at FROM log_event"
                + " WHERE message = 'Cannot get JDBC connection'")).containsEntry("system_name", "lms")
                .containsEntry("component", "lms-app-01").containsEntry("level", "ERROR")
                .containsEntry("logger", "com.saypro.lms.Db");
        assertThat(jdbc.queryForObject("SELECT level FROM log_event WHERE message = 'retrying'", String.class))
                .isEqualTo("WARN");
    }

    @Test
    void shouldRefuseACollectorEventWithoutEventAndStoreNoneOfTheBody() {
        Response response = post("/services/collector/event", """
                {"event": "fine", "host": "lms"}
                {"host": "lms"}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("[1].event");
        assertThat(count("log_event")).isZero();
    }
}
