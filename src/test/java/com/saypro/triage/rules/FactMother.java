package com.saypro.triage.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;

/** Object Mother for input facts in rule tests. Ids count up so every fact is distinct. */
public final class FactMother {

    public static final Instant OPENED_AT = Instant.parse("2026-11-20T10:00:00Z");
    private static long nextId = 1;

    private FactMother() {
    }

    /** A firing warning alert; labels as key, value pairs. */
    public static Alert alert(String name, String system, String... labels) {
        return alertWithSeverity(name, system, "warning", labels);
    }

    public static Alert criticalAlert(String name, String system, String... labels) {
        return alertWithSeverity(name, system, "critical", labels);
    }

    public static Alert alertWithSeverity(String name, String system, String severity, String... labels) {
        Map<String, String> map = pairs(labels);
        map.putIfAbsent("alertname", name);
        return new Alert(nextId++, name, system, map.getOrDefault("component", ""), severity, "firing", map, Map.of(),
                OPENED_AT.minusSeconds(60), null, "fp-" + nextId, 1);
    }

    public static Alert alertWithAnnotations(String name, String system, Map<String, String> annotations,
            String... labels) {
        Map<String, String> map = pairs(labels);
        return new Alert(nextId++, name, system, map.getOrDefault("component", ""), "warning", "firing", map,
                annotations, OPENED_AT.minusSeconds(60), null, "fp-" + nextId, 1);
    }

    public static MetricSample metric(String system, String metric, double value, String... labels) {
        return new MetricSample(nextId++, system, "", metric, value, "", OPENED_AT.minusSeconds(30), pairs(labels), 0);
    }

    public static MetricSample componentMetric(String system, String component, String metric, double value) {
        return new MetricSample(nextId++, system, component, metric, value, "", OPENED_AT.minusSeconds(30), Map.of(),
                0);
    }

    public static LogEvent log(String system, String level, String message) {
        return new LogEvent(nextId++, system, "", level, message, "app", OPENED_AT.minusSeconds(20), 0);
    }

    public static LogEvent componentLog(String system, String component, String level, String message) {
        return new LogEvent(nextId++, system, component, level, message, "app", OPENED_AT.minusSeconds(20), 0);
    }

    public static TransactionTrace trace(String system, String transaction, long durationMs, long dbMs,
            long externalMs) {
        return new TransactionTrace(nextId++, system, transaction, durationMs, dbMs, externalMs, false,
                OPENED_AT.minusSeconds(10), 0);
    }

    public static TransactionTrace failedTrace(String system, String transaction, long durationMs, long dbMs,
            long externalMs) {
        return new TransactionTrace(nextId++, system, transaction, durationMs, dbMs, externalMs, true,
                OPENED_AT.minusSeconds(10), 0);
    }

    /** A change made {@code minutesBefore} minutes before the incident opened. */
    public static ChangeEvent change(String system, String kind, String description, long minutesBefore) {
        return new ChangeEvent(nextId++, system, kind, description, "v1.2.3", "ci",
                OPENED_AT.minusSeconds(minutesBefore * 60), minutesBefore);
    }

    public static Answer answer(String question, String value) {
        return new Answer(question, value);
    }

    private static Map<String, String> pairs(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key, value pairs");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
