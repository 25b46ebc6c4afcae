package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;

import com.saypro.triage.support.DiagnosisHarness;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Proves the worked-example scenario fixtures (src/test/resources/scenarios/*.json, also
 * posted by the HTTP scenario tests) against the whole rule base, with the signals read as
 * in production (alert catalog, log classifiers, the systems' workflows): the expected cause
 * must rank first, decisively, with the other expected causes among the candidates.
 */
class ScenarioFixturesRuleTest {

    private static final DiagnosisHarness HARNESS = DiagnosisHarness.seeded();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<Object> others = new ArrayList<>();
    private Instant openedAt;

    private static final Instant FIRST_ALERT_STARTS_AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant EARLIEST_SIGNAL = Instant.parse("2026-11-20T09:50:00Z");
    private static final Instant LATEST_SIGNAL = Instant.parse("2026-11-20T10:05:00Z");

    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("description", "alerts", "metrics", "logs", "traces",
            "changes", "expectedTopCause", "alsoExpected");
    private static final Map<String, Set<String>> SIGNAL_FIELDS = Map.of(
            "alerts", Set.of("name", "system", "component", "severity", "status", "labels", "annotations", "startsAt",
                    "endsAt", "fingerprint"),
            "metrics", Set.of("system", "component", "metric", "value", "unit", "timestamp", "labels"),
            "logs", Set.of("system", "component", "level", "message", "logger", "timestamp"),
            "traces", Set.of("system", "transaction", "durationMs", "dbMs", "externalMs", "error", "timestamp"),
            "changes", Set.of("system", "kind", "description", "version", "author", "timestamp"));

    private long nextId = 1;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "rms-slow-royalty-slow-query", "rms-slow-royalty-network-latency",
            "rms-slow-royalty-resource-bottleneck", "lms-registration-role-misconfiguration",
            "lms-registration-db-connection", "lms-registration-frontend-validation", "lms-login-token-validation",
            "lms-login-redundant-calls" })
    void shouldRankTheExpectedCauseFirstForScenario(String name) {
        JsonNode scenario = readScenario(name);
        insertSignals(scenario);
        Diagnosis diagnosis = HARNESS.diagnose(openedAt, alerts, others);

        String expected = scenario.path("expectedTopCause").asString();
        List<String> ranked = diagnosis.candidates().stream().map(Candidate::causeCode).toList();
        assertThat(ranked).as("ranking for %s", name).first().isEqualTo(expected);
        Map<String, Double> confidence = new LinkedHashMap<>();
        diagnosis.candidates().forEach(c -> confidence.put(c.causeCode(), c.confidence()));
        assertThat(confidence.get(expected)).as("confidence of %s", expected).isGreaterThanOrEqualTo(0.8);
        if (ranked.size() > 1) {
            assertThat(confidence.get(expected) - confidence.get(ranked.get(1))).as("lead over %s", ranked.get(1))
                    .isGreaterThanOrEqualTo(0.3);
        }
        for (JsonNode also : scenario.path("alsoExpected")) {
            assertThat(ranked).as("candidates for %s", name).contains(also.asString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "rms-slow-royalty-slow-query", "rms-slow-royalty-network-latency",
            "rms-slow-royalty-resource-bottleneck", "lms-registration-role-misconfiguration",
            "lms-registration-db-connection", "lms-registration-frontend-validation", "lms-login-token-validation",
            "lms-login-redundant-calls" })
    void shouldUseOnlyTheDocumentedSignalFieldsAndTheScenarioTimeWindow(String name) {
        JsonNode scenario = readScenario(name);
        assertThat(fieldNames(scenario)).isSubsetOf(TOP_LEVEL_FIELDS);
        assertThat(scenario.path("description").asString()).isNotBlank();
        assertThat(scenario.path("alerts").size()).isPositive();
        assertThat(Instant.parse(scenario.path("alerts").path(0).path("startsAt").asString()))
                .isEqualTo(FIRST_ALERT_STARTS_AT);
        String system = scenario.path("alerts").path(0).path("system").asString();
        SIGNAL_FIELDS.forEach((kind, allowed) -> {
            for (JsonNode signal : scenario.path(kind)) {
                assertThat(fieldNames(signal)).as("fields of a %s entry", kind).isSubsetOf(allowed);
                assertThat(signal.path("system").asString()).as("system of a %s entry", kind).isEqualTo(system);
                String at = kind.equals("alerts") ? signal.path("startsAt").asString()
                        : signal.path("timestamp").asString();
                assertThat(at).as("timestamp of a %s entry", kind).endsWith("Z");
                assertThat(Instant.parse(at)).isBetween(EARLIEST_SIGNAL, LATEST_SIGNAL);
            }
        });
    }

    // --- JSON -> facts ----------------------------------------------------------------------

    private static JsonNode readScenario(String name) {
        try (InputStream in = ScenarioFixturesRuleTest.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            assertThat(in).as("scenario %s", name).isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read scenario " + name, e);
        }
    }

    private void insertSignals(JsonNode scenario) {
        JsonNode firstAlert = scenario.path("alerts").path(0);
        openedAt = instant(firstAlert.path("startsAt"));
        for (JsonNode a : scenario.path("alerts")) {
            alerts.add(toAlert(a, openedAt));
        }
        for (JsonNode m : scenario.path("metrics")) {
            Instant at = instant(m.path("timestamp"));
            others.add(new MetricSample(nextId++, m.path("system").asString(), m.path("component").asString(""),
                    m.path("metric").asString(), m.path("value").asDouble(), m.path("unit").asString(""), at,
                    stringMap(m.path("labels")), minutesBefore(at, openedAt)));
        }
        for (JsonNode l : scenario.path("logs")) {
            Instant at = instant(l.path("timestamp"));
            others.add(new LogEvent(nextId++, l.path("system").asString(), l.path("component").asString(""),
                    l.path("level").asString("INFO"), l.path("message").asString(""), l.path("logger").asString(""),
                    at, minutesBefore(at, openedAt)));
        }
        for (JsonNode t : scenario.path("traces")) {
            Instant at = instant(t.path("timestamp"));
            others.add(new TransactionTrace(nextId++, t.path("system").asString(), t.path("transaction").asString(),
                    t.path("durationMs").asLong(), t.path("dbMs").asLong(), t.path("externalMs").asLong(),
                    t.path("error").asBoolean(), at, minutesBefore(at, openedAt)));
        }
        for (JsonNode c : scenario.path("changes")) {
            Instant at = instant(c.path("timestamp"));
            others.add(new ChangeEvent(nextId++, c.path("system").asString(), c.path("kind").asString(),
                    c.path("description").asString(""), c.path("version").asString(""), c.path("author").asString(""),
                    at, minutesBefore(at, openedAt)));
        }
    }

    private Alert toAlert(JsonNode a, Instant openedAt) {
        Map<String, String> labels = stringMap(a.path("labels"));
        Instant startsAt = instant(a.path("startsAt"));
        Instant endsAt = a.path("endsAt").isMissingNode() || a.path("endsAt").isNull() ? null : instant(a.path("endsAt"));
        String name = a.path("name").asString();
        String system = alertSystem(a);
        String fingerprint = a.path("fingerprint").asString(name + "|" + system + "|" + new java.util.TreeMap<>(labels));
        return new Alert(nextId++, name, system, a.path("component").asString(""), a.path("severity").asString("warning"),
                a.path("status").asString("firing"), labels, stringMap(a.path("annotations")), startsAt, endsAt,
                fingerprint, minutesBefore(startsAt, openedAt));
    }

    /** The alert's system: its {@code system} field, else the label system, service or job. */
    private static String alertSystem(JsonNode a) {
        for (String candidate : List.of(a.path("system").asString(""), a.path("labels").path("system").asString(""),
                a.path("labels").path("service").asString(""), a.path("labels").path("job").asString(""))) {
            if (!candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.forEachEntry((key, value) -> map.put(key, value.asString()));
        return map;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.forEachEntry((key, value) -> names.add(key));
        return names;
    }

    private static Instant instant(JsonNode node) {
        return Instant.parse(node.asString());
    }

    private static long minutesBefore(Instant at, Instant openedAt) {
        return Duration.between(at, openedAt).toMinutes();
    }
}
