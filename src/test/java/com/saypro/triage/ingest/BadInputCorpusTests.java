package com.saypro.triage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input against every POST endpoint: bodies that are not JSON or are hostile JSON, too
 * big or too deep, of the wrong type in each field, not sent as JSON, or carrying injection
 * strings. Each is refused with a clear 4xx and nothing of it is stored, except free text,
 * which is stored as it came and shown escaped; the service stays healthy throughout.
 */
@TriageIntegrationTest
class BadInputCorpusTests extends IntegrationTestSupport {

    /** What a field holds, which decides what bad input it must refuse. */
    enum Kind {
        /** letters, digits and . _ : / - @ + only: every injection string is refused */
        IDENTIFIER,
        /** printable text without markup: script tags refused, other strings kept */
        NAME,
        /** free text: kept verbatim, escaped when shown */
        TEXT,
        /** one of a few words */
        CHOICE,
        TIME, NUMBER, BOOLEAN, OBJECT, LIST
    }

    record Endpoint(String path, String good, Map<String, Kind> fields) {
    }

    /** Fields that are checked but not kept, so there is nothing to find stored. */
    static final List<String> NOT_KEPT = List.of("/source", "/sourcetype");

    static final List<String> INJECTIONS = List.of("'; DROP TABLE alert; --", "<script>alert(1)</script>",
            "${7*7}", "[[${T(java.lang.Runtime)}]]", "__${7*7}__::x",
            "../../etc/passwd");

    long incident;
    long run;
    List<Endpoint> endpoints;

    @BeforeEach
    void openAnIncidentForTheAnalystsEndpoints() {
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "RoyaltyPaymentProcessingSlow", "rms",
                "2026-11-20T10:00:00Z", "corpus0000000001", ""));
        incident = get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
        run = post("/api/v1/incidents/" + incident + "/playbook-runs", "{\"playbook\": \"QUERY_OPTIMISATION\"}")
                .json().get("id").longValue();
        endpoints = endpoints(incident, run);
    }

    @Test
    void shouldRefuseBodiesThatAreNotJsonOrAreHostileJsonAtEveryEndpoint() {
        List<String> bad = new ArrayList<>(List.of("{", "{\"system\": }", "[1, 2", "nul", "null", "42", "\"text\"",
                "{\"system\": \"rms\"} trailing", "{'system': 'rms'}", "{\"system\": \"rms\",}",
                "{\"system\": \"rms\", \"system\": \"lms\", \"question\": \"a\", \"question\": \"b\"}",
                "{\"value\": NaN}", "{\"value\": Infinity}", "{\"value\": -Infinity}",
                "{\"value\": " + "9".repeat(5000) + "}", "{\"system\": \"rms\u0000\"}", "\u0000\u0001\u0002"));
        for (Endpoint endpoint : endpoints) {
            List<String> bodies = new ArrayList<>(bad);
            bodies.add(endpoint.good().substring(0, endpoint.good().length() / 2));
            if (!endpoint.path().endsWith("/resolve")) {
                bodies.add("");
                bodies.add("   ");
            }
            for (String body : bodies) {
                assertRefused(endpoint, body, 400);
            }
        }
        assertHealthy();
    }

    @Test
    void shouldRefuseAnOversizedOrDeeplyNestedBodyAtEveryEndpoint() {
        String huge = "{\"message\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        for (Endpoint endpoint : endpoints) {
            assertThat(assertRefused(endpoint, huge, 400).get("detail").asString()).contains("larger than");
            assertRefused(endpoint, deepArrays, 400);
            assertThat(assertRefused(endpoint, wrapped(deepObjects), 400).get("detail").asString())
                    .contains("nesting");
        }
        assertHealthy();
    }

    @Test
    void shouldRefuseAWrongTypeInEachFieldAndNameTheField() {
        for (Endpoint endpoint : endpoints) {
            endpoint.fields().forEach((pointer, kind) -> {
                String wrong = switch (kind) {
                    case IDENTIFIER, NAME, TEXT, CHOICE, LIST -> "{\"x\": 1}";
                    case TIME -> "\"yesterday\"";
                    case NUMBER -> "\"many\"";
                    case BOOLEAN -> "\"maybe\"";
                    case OBJECT -> "5";
                };
                List<String> values = kind == Kind.NUMBER ? List.of(wrong, "1e999999", "-1e999999") : List.of(wrong);
                for (String value : values) {
                    JsonNode problem = assertRefused(endpoint, with(endpoint.good(), pointer, value), 400);
                    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
                    assertThat(problem.get("field").asString()).as(endpoint.path() + " " + pointer + " " + value)
                            .contains(last.matches("\\d+") ? "[" + last + "]" : last);
                }
            });
        }
        assertHealthy();
    }

    @Test
    void shouldAnswer415ToBodiesNotSentAsJson() {
        for (Endpoint endpoint : endpoints) {
            for (String type : new String[] { "text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/jsonx", "not a type", null }) {
                Response response = counted(() -> postWithContentType(endpoint.path(), type, endpoint.good()));
                assertThat(response.status()).as(endpoint.path() + " " + type).isEqualTo(415);
                assertThat(response.contentType()).contains("application/problem+json");
            }
        }
        assertThat(postWithContentType("/api/v1/logs", "application/json; charset=UTF-8",
                "{\"system\": \"lms\", \"message\": \"m\"}").status()).isEqualTo(200);
        assertThat(postWithContentType("/api/v1/logs", "application/vnd.saypro+json",
                "{\"system\": \"lms\", \"message\": \"m\"}").status()).isEqualTo(200);
        assertHealthy();
    }

    @Test
    void shouldRefuseInjectionInIdentifiersAndKeepItVerbatimInFreeText() {
        for (Endpoint endpoint : endpoints) {
            endpoint.fields().forEach((pointer, kind) -> {
                if (kind != Kind.IDENTIFIER && kind != Kind.NAME && kind != Kind.TEXT && kind != Kind.CHOICE) {
                    return;
                }
                for (String injection : INJECTIONS) {
                    String body = with(unique(endpoint, pointer), pointer, Json.write(injection));
                    boolean refused = kind == Kind.IDENTIFIER || kind == Kind.CHOICE
                            || kind == Kind.NAME && injection.startsWith("<");
                    if (refused) {
                        assertRefused(endpoint, body, 400);
                    } else {
                        if (endpoint.path().endsWith("/resolve") || endpoint.path().contains("/playbook-runs")) {
                            // Each accepted resolution or playbook step needs an incident still being worked.
                            jdbc.update("UPDATE incident SET status = 'OPEN' WHERE id = ?",
                                    incident);
                        }
                        Response response = post(endpoint.path(), body);
                        assertThat(response.status()).as(endpoint.path() + " " + pointer + " " + injection)
                                .isEqualTo(200);
                        assertThat(NOT_KEPT.contains(pointer) || storedVerbatim(injection))
                                .as(endpoint.path() + " " + pointer + " " + injection + " stored verbatim").isTrue();
                    }
                }
            });
        }
        assertHealthy();
    }

    @Test
    void shouldShowFreeTextEscapedOnTheIncidentPage() {
        post("/api/v1/alerts", "{\"name\": \"CheckoutErrors\", \"system\": \"shop\", \"annotations\": {\"summary\":"
                + " \"<script>alert(1)</script> [[${7*7}]]\"}}");
        long id = jdbc.queryForObject("SELECT id FROM incident WHERE system_name = 'shop'", Long.class);

        Response page = get("/incidents/" + id);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; [[${7*7}]]");
    }

    @Test
    void shouldRefuseImplausibleValuesNamingTheField() {
        assertField("/api/v1/metrics", "{\"system\": \"rms\", \"metric\": \"cpu_utilization\", \"value\": 1e308}",
                "value");
        assertField("/api/v1/metrics", "[{\"system\": \"rms\", \"metric\": \"cpu_utilization\", \"value\": 0.5},"
                + " {\"system\": \"rms\", \"metric\": \"availability\", \"value\": -0.1}]", "[1].value");
        assertField("/api/v1/metrics", "{\"system\": \"rms\", \"metric\": \"queue_depth\", \"value\": 1e300}", "value");
        assertField("/api/v1/traces", "{\"system\": \"rms\", \"transaction\": \"t\", \"durationMs\": -1}",
                "durationMs");
        assertField("/api/v1/traces", "{\"system\": \"rms\", \"transaction\": \"t\", \"durationMs\": 1e30}",
                "durationMs");
        assertField("/api/v1/traces", "{\"system\": \"rms\", \"transaction\": \"t\", \"durationMs\": 10.5}",
                "durationMs");
        assertField("/api/v1/traces", "{\"system\": \"rms\", \"transaction\": \"t\", \"durationMs\": 100,"
                + " \"externalMs\": 99999999999}", "externalMs");
        assertField("/api/v1/logs", "{\"system\": \"rms\", \"message\": \"m\", \"timestamp\": \"2999-01-01T00:00:00Z\"}",
                "timestamp");
        assertField("/api/v1/logs", "{\"system\": \"rms\", \"message\": \"m\", \"timestamp\": \"1970-01-01T00:00:00Z\"}",
                "timestamp");
        assertField("/api/v1/alerts", "{\"name\": \"X\", \"system\": \"<script>alert(1)</script>\"}", "system");
        assertField("/api/v1/alerts", "{\"name\": \"X\", \"system\": \"rms\\u0007\"}", "system");
        assertField("/api/v1/alerts", "{\"name\": \"X\\nY\", \"system\": \"rms\"}", "name");
        assertField("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostDown", "../../etc/passwd",
                "2026-11-20T10:00:00Z", "f00d", ""), "alerts[0].labels.system");
        assertThat(signalRows()).isEqualTo(2);

        assertThat(post("/api/v1/metrics", "{\"system\": \"rms\", \"metric\": \"cpu_utilization\", \"value\": 1}")
                .status()).isEqualTo(200);
        assertThat(post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HostDown", "rms",
                "2026-11-20T10:00:00Z", "f00d", "")).status()).as("endsAt 0001-01-01 is no end").isEqualTo(200);
    }

    private void assertField(String path, String body, String field) {
        int before = signalRows();
        Response response = post(path, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.json().get("field").asString()).as(body).isEqualTo(field);
        assertThat(signalRows()).isEqualTo(before);
    }

    /** The body is refused with the status, as a problem document, and changes nothing. */
    private JsonNode assertRefused(Endpoint endpoint, String body, int status) {
        Response response = counted(() -> post(endpoint.path(), body));
        String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        assertThat(response.status()).as(endpoint.path() + " " + shown + " → " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(endpoint.path() + " " + shown).contains("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    /** Runs a request that must change nothing: no signal, answer or resolution stored. */
    private Response counted(java.util.function.Supplier<Response> request) {
        String before = state();
        Response response = request.get();
        assertThat(state()).as("stored state after a refused request").isEqualTo(before);
        return response;
    }

    private String state() {
        return signalRows() + "/" + count("answer") + "/"
                + jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE resolved_at IS NOT NULL", Integer.class)
                + "/" + count("playbook_run") + "/"
                + jdbc.queryForObject("SELECT COUNT(*) FROM playbook_run_step WHERE outcome IS NOT NULL", Integer.class);
    }

    private boolean storedVerbatim(String text) {
        String sql = """
                SELECT (SELECT COUNT(*) FROM alert WHERE LOCATE(?, name) > 0 OR LOCATE(?, labels) > 0
                          OR LOCATE(?, annotations) > 0 OR LOCATE(?, fingerprint) > 0)
                     + (SELECT COUNT(*) FROM log_event WHERE LOCATE(?, message) > 0 OR LOCATE(?, logger) > 0)
                     + (SELECT COUNT(*) FROM incident WHERE LOCATE(?, fix_applied) > 0)
                     + (SELECT COUNT(*) FROM change_event WHERE LOCATE(?, description) > 0 OR LOCATE(?, version) > 0
                          OR LOCATE(?, author) > 0)
                     + (SELECT COUNT(*) FROM transaction_trace WHERE LOCATE(?, transaction_name) > 0)
                     + (SELECT COUNT(*) FROM metric_sample WHERE LOCATE(?, unit) > 0 OR LOCATE(?, labels) > 0)
                     + (SELECT COUNT(*) FROM answer WHERE LOCATE(?, answered_by) > 0)
                     + (SELECT COUNT(*) FROM playbook_run_step WHERE LOCATE(?, note) > 0)
                """;
        Object[] args = new Object[15];
        java.util.Arrays.fill(args, text);
        return jdbc.queryForObject(sql, Integer.class, args) > 0;
    }

    private void assertHealthy() {
        Response health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(post("/api/v1/alerts", AlertMother.genericAlert("HealthCheckAfterBadInput", "lms")).status())
                .isEqualTo(200);
    }

    private int sent;

    /** The good body with a fingerprint not seen before, so that the alert is stored and not counted as a duplicate. */
    private String unique(Endpoint endpoint, String mutated) {
        String body = endpoint.good();
        for (String pointer : endpoint.fields().keySet()) {
            if ((pointer.endsWith("/fingerprint") || pointer.equals("/id")) && !pointer.equals(mutated)) {
                body = with(body, pointer, "\"unique" + (++sent) + "\"");
            }
        }
        return body;
    }

    /** The good body with the value at {@code pointer} replaced by the JSON text {@code value}. */
    private static String with(String good, String pointer, String value) {
        JsonNode root = Json.MAPPER.readTree(good);
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = root.at(at.head());
        JsonNode replacement = Json.MAPPER.readTree(value);
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(at.last().getMatchingProperty()), replacement);
        } else {
            ((ObjectNode) parent).set(at.last().getMatchingProperty(), replacement);
        }
        return Json.write(root);
    }

    /** A deep body where the endpoint expects its signal, so the depth is what is refused. */
    private static String wrapped(String deep) {
        return "{\"extra\": " + deep + "}";
    }

    static List<Endpoint> endpoints(long incident, long run) {
        List<Endpoint> all = new ArrayList<>();
        Map<String, Kind> webhook = fields("/alerts", Kind.LIST, "/alerts/0/status", Kind.CHOICE,
                "/alerts/0/labels", Kind.OBJECT, "/alerts/0/labels/alertname", Kind.NAME,
                "/alerts/0/labels/system", Kind.IDENTIFIER, "/alerts/0/labels/instance", Kind.TEXT,
                "/alerts/0/annotations/summary", Kind.TEXT, "/alerts/0/startsAt", Kind.TIME,
                "/alerts/0/endsAt", Kind.TIME, "/alerts/0/fingerprint", Kind.IDENTIFIER,
                "/alerts/0/generatorURL", Kind.TEXT);
        all.add(new Endpoint("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "HighErrorRate", "lms",
                "2026-11-20T10:00:00Z", "c0ffee01", ", \"instance\": \"lms-app-01:9100\""), webhook));
        all.add(new Endpoint("/api/v1/alerts/grafana", """
                {"receiver": "triage", "status": "firing", "orgId": 1, "alerts": [{"status": "firing",
                 "labels": {"alertname": "HighLatency", "system": "lms", "instance": "lms-web"},
                 "annotations": {"summary": "slow"}, "startsAt": "2026-11-20T10:00:00Z",
                 "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://grafana/alerting", "fingerprint": "c0ffee02"}]}
                """, webhook));
        all.add(new Endpoint("/api/v1/alerts/newrelic", """
                {"id": "c0ffee03", "issueUrl": "https://one.newrelic.com/alerts/issues/1", "title": "Error rate high",
                 "priority": "CRITICAL", "state": "ACTIVATED", "createdAt": 1795168800000, "updatedAt": 1795168800000,
                 "alertConditionNames": ["Error rate above 5%"], "alertPolicyNames": ["LMS golden signals"],
                 "impactedEntities": ["saypro-lms-prod"], "entitiesData": {"names": ["saypro-lms-prod"]}}
                """, fields("/id", Kind.IDENTIFIER, "/issueUrl", Kind.TEXT, "/title", Kind.TEXT, "/priority", Kind.CHOICE,
                "/state", Kind.CHOICE, "/createdAt", Kind.NUMBER, "/alertConditionNames/0", Kind.NAME,
                "/alertPolicyNames/0", Kind.NAME, "/impactedEntities/0", Kind.IDENTIFIER,
                "/entitiesData", Kind.OBJECT)));
        all.add(new Endpoint("/api/v1/alerts", """
                {"name": "HighErrorRate", "system": "lms", "component": "web", "severity": "warning",
                 "status": "firing", "labels": {"team": "ops"}, "annotations": {"summary": "errors"},
                 "startsAt": "2026-11-20T10:00:00Z", "fingerprint": "c0ffee04"}
                """, fields("/name", Kind.NAME, "/system", Kind.IDENTIFIER, "/component", Kind.IDENTIFIER,
                "/severity", Kind.CHOICE, "/status", Kind.CHOICE, "/labels", Kind.OBJECT, "/labels/team", Kind.TEXT,
                "/annotations/summary", Kind.TEXT, "/startsAt", Kind.TIME, "/fingerprint", Kind.IDENTIFIER)));
        all.add(new Endpoint("/api/v1/metrics", """
                [{"system": "lms", "component": "db", "metric": "queue_depth", "value": 12, "unit": "jobs",
                  "timestamp": "2026-11-20T10:00:00Z", "labels": {"workflow": "login"}}]
                """, fields("/0/system", Kind.IDENTIFIER, "/0/component", Kind.IDENTIFIER, "/0/metric", Kind.IDENTIFIER,
                "/0/value", Kind.NUMBER, "/0/unit", Kind.NAME, "/0/timestamp", Kind.TIME,
                "/0/labels/workflow", Kind.TEXT)));
        all.add(new Endpoint("/api/v1/logs", """
                {"system": "lms", "component": "web", "level": "ERROR", "message": "enrolment failed",
                 "logger": "com.saypro.lms.Enrolment", "timestamp": "2026-11-20T10:00:00Z"}
                """, fields("/system", Kind.IDENTIFIER, "/component", Kind.IDENTIFIER, "/level", Kind.IDENTIFIER,
                "/message", Kind.TEXT, "/logger", Kind.NAME, "/timestamp", Kind.TIME)));
        all.add(new Endpoint("/api/v1/traces", """
                {"system": "rms", "transaction": "RoyaltyPaymentBatch", "durationMs": 1200, "dbMs": 800,
                 "externalMs": 100, "error": false, "timestamp": "2026-11-20T10:00:00Z"}
                """, fields("/system", Kind.IDENTIFIER, "/transaction", Kind.NAME, "/durationMs", Kind.NUMBER,
                "/dbMs", Kind.NUMBER, "/externalMs", Kind.NUMBER, "/error", Kind.BOOLEAN, "/timestamp", Kind.TIME)));
        all.add(new Endpoint("/api/v1/changes", """
                {"system": "lms", "kind": "deploy", "description": "Release 4.2", "version": "4.2.0",
                 "author": "ci", "timestamp": "2026-11-20T10:00:00Z"}
                """, fields("/system", Kind.IDENTIFIER, "/kind", Kind.CHOICE, "/description", Kind.TEXT,
                "/version", Kind.NAME, "/author", Kind.NAME, "/timestamp", Kind.TIME)));
        all.add(new Endpoint("/services/collector/event", """
                {"time": 1795168800.25, "host": "lms-app-01", "source": "/var/log/lms/app.log",
                 "sourcetype": "log4j", "index": "main", "fields": {"system": "lms"},
                 "event": {"message": "Cannot get JDBC connection", "level": "ERROR", "logger": "com.saypro.lms.Db"}}
                """, fields("/time", Kind.NUMBER, "/host", Kind.IDENTIFIER, "/source", Kind.NAME,
                "/sourcetype", Kind.NAME, "/fields/system", Kind.IDENTIFIER, "/event", Kind.OBJECT,
                "/event/message", Kind.TEXT, "/event/level", Kind.IDENTIFIER, "/event/logger", Kind.NAME)));
        all.add(new Endpoint("/api/v1/incidents/" + incident + "/answers", """
                {"question": "SLOW_QUERY_LOG", "answer": "yes"}
                """, fields("/question", Kind.CHOICE, "/answer", Kind.CHOICE)));
        all.add(new Endpoint("/api/v1/incidents/" + incident + "/resolve", """
                {"resolution": "confirmed", "causeCode": "SLOW_DATABASE_QUERY", "fix": "added an index"}
                """, fields("/resolution", Kind.CHOICE, "/causeCode", Kind.IDENTIFIER, "/fix", Kind.TEXT)));
        all.add(new Endpoint("/api/v1/incidents/" + incident + "/playbook-runs", """
                {"playbook": "QUERY_OPTIMISATION"}
                """, fields("/playbook", Kind.CHOICE)));
        all.add(new Endpoint("/api/v1/playbook-runs/" + run + "/steps/1", """
                {"outcome": "done", "note": "checked", "finding": {"question": "SLOW_QUERY_LOG", "answer": "yes"}}
                """, fields("/outcome", Kind.CHOICE, "/note", Kind.TEXT, "/finding", Kind.OBJECT,
                "/finding/question", Kind.CHOICE, "/finding/answer", Kind.CHOICE)));
        return all;
    }

    private static Map<String, Kind> fields(Object... pairs) {
        Map<String, Kind> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return fields;
    }
}
