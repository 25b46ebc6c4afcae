package com.saypro.triage.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.LogFinding;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.SystemComponent;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.support.Json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fact set as JSON, stored with each diagnosis run, so the run can be replayed exactly
 * later even after alerts were resolved or signals aged out.
 */
public final class FactSnapshot {

    private FactSnapshot() {
    }

    public static String write(FactSet facts) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        IncidentContext c = facts.context();
        root.putObject("incident").put("id", c.getIncidentId()).put("system", c.getSystem())
                .put("severity", c.getSeverity()).put("openedAt", c.getOpenedAt().toString());
        // The answers first: whether a stored run had the same ones is read without the rest.
        array(root, "answers", facts.answers(), FactSnapshot::answer);
        array(root, "alerts", facts.alerts(), a -> {
            ObjectNode n = Json.MAPPER.createObjectNode().put("id", a.getId()).put("name", a.getName())
                    .put("system", a.getSystem()).put("component", a.getComponent()).put("severity", a.getSeverity())
                    .put("status", a.getStatus()).put("startsAt", str(a.getStartsAt()))
                    .put("endsAt", str(a.getEndsAt())).put("fingerprint", a.getFingerprint())
                    .put("minutesBeforeIncident", a.getMinutesBeforeIncident());
            n.set("labels", Json.MAPPER.valueToTree(a.getLabels()));
            n.set("annotations", Json.MAPPER.valueToTree(a.getAnnotations()));
            return n;
        });
        array(root, "metrics", facts.metrics(), m -> {
            ObjectNode n = Json.MAPPER.createObjectNode().put("id", m.getId()).put("system", m.getSystem())
                    .put("component", m.getComponent()).put("metric", m.getMetric()).put("value", m.getValue())
                    .put("unit", m.getUnit()).put("timestamp", str(m.getTimestamp()))
                    .put("minutesBeforeIncident", m.getMinutesBeforeIncident());
            n.set("labels", Json.MAPPER.valueToTree(m.getLabels()));
            return n;
        });
        array(root, "logs", facts.logs(), l -> Json.MAPPER.createObjectNode().put("id", l.getId())
                .put("system", l.getSystem()).put("component", l.getComponent()).put("level", l.getLevel())
                .put("message", l.getMessage()).put("logger", l.getLogger()).put("timestamp", str(l.getTimestamp()))
                .put("minutesBeforeIncident", l.getMinutesBeforeIncident()));
        array(root, "traces", facts.traces(), t -> Json.MAPPER.createObjectNode().put("id", t.getId())
                .put("system", t.getSystem()).put("transaction", t.getTransaction())
                .put("durationMs", t.getDurationMs()).put("dbMs", t.getDbMs()).put("externalMs", t.getExternalMs())
                .put("error", t.isError()).put("timestamp", str(t.getTimestamp()))
                .put("minutesBeforeIncident", t.getMinutesBeforeIncident()).put("workflow", t.getWorkflow()));
        array(root, "changes", facts.changes(), c2 -> Json.MAPPER.createObjectNode().put("id", c2.getId())
                .put("system", c2.getSystem()).put("kind", c2.getKind()).put("description", c2.getDescription())
                .put("version", c2.getVersion()).put("author", c2.getAuthor()).put("timestamp", str(c2.getTimestamp()))
                .put("minutesBeforeIncident", c2.getMinutesBeforeIncident()));
        array(root, "readings", facts.readings(), r -> Json.MAPPER.createObjectNode().put("alertId", r.getAlertId())
                .put("alertName", r.getAlertName()).put("system", r.getSystem()).put("component", r.getComponent())
                .put("firing", r.isFiring()).put("critical", r.isCritical()).put("symptom", r.getSymptom())
                .put("resource", r.getResource()).put("kind", r.getKind()).put("role", r.getRole())
                .put("family", r.getFamily()).put("source", r.getSource()).put("basis", r.getBasis()));
        array(root, "findings", facts.findings(), f -> Json.MAPPER.createObjectNode().put("logId", f.getLogId())
                .put("system", f.getSystem()).put("component", f.getComponent()).put("kind", f.getKind())
                .put("detail", f.getDetail()).put("excerpt", f.getExcerpt())
                .put("minutesBeforeIncident", f.getMinutesBeforeIncident()));
        array(root, "workflows", facts.workflows(), w -> Json.MAPPER.createObjectNode().put("system", w.getSystem())
                .put("code", w.getCode()).put("kind", w.getKind()));
        array(root, "components", facts.components(), c3 -> Json.MAPPER.createObjectNode()
                .put("system", c3.getSystem()).put("name", c3.getName()).put("role", c3.getRole()));
        ObjectNode priors = root.putObject("priors");
        new java.util.TreeMap<>(facts.priors()).forEach(priors::put);
        ObjectNode notes = root.putObject("priorNotes");
        new java.util.TreeMap<>(facts.priorNotes()).forEach(notes::put);
        return Json.write(root);
    }

    public static FactSet read(String json) {
        JsonNode root = Json.MAPPER.readTree(json);
        JsonNode i = root.get("incident");
        IncidentContext context = new IncidentContext(i.get("id").longValue(), i.get("system").asString(),
                i.get("severity").asString(), Instant.parse(i.get("openedAt").asString()));
        List<Alert> alerts = list(root, "alerts", n -> new Alert(n.get("id").longValue(), s(n, "name"),
                s(n, "system"), s(n, "component"), s(n, "severity"), s(n, "status"), map(n, "labels"),
                map(n, "annotations"), time(n, "startsAt"), time(n, "endsAt"), s(n, "fingerprint"),
                n.get("minutesBeforeIncident").longValue()));
        List<MetricSample> metrics = list(root, "metrics", n -> new MetricSample(n.get("id").longValue(),
                s(n, "system"), s(n, "component"), s(n, "metric"), n.get("value").doubleValue(), s(n, "unit"),
                time(n, "timestamp"), map(n, "labels"), n.get("minutesBeforeIncident").longValue()));
        List<LogEvent> logs = list(root, "logs", n -> new LogEvent(n.get("id").longValue(), s(n, "system"),
                s(n, "component"), s(n, "level"), s(n, "message"), s(n, "logger"), time(n, "timestamp"),
                n.get("minutesBeforeIncident").longValue()));
        List<TransactionTrace> traces = list(root, "traces", n -> new TransactionTrace(n.get("id").longValue(),
                s(n, "system"), s(n, "transaction"), n.get("durationMs").longValue(), n.get("dbMs").longValue(),
                n.get("externalMs").longValue(), n.get("error").booleanValue(), time(n, "timestamp"),
                n.get("minutesBeforeIncident").longValue(), s(n, "workflow")));
        List<ChangeEvent> changes = list(root, "changes", n -> new ChangeEvent(n.get("id").longValue(),
                s(n, "system"), s(n, "kind"), s(n, "description"), s(n, "version"), s(n, "author"),
                time(n, "timestamp"), n.get("minutesBeforeIncident").longValue()));
        List<Answer> answers = list(root, "answers", n -> new Answer(s(n, "question"), s(n, "value")));
        List<AlertReading> readings = list(root, "readings", n -> new AlertReading(n.get("alertId").longValue(),
                s(n, "alertName"), s(n, "system"), s(n, "component"), n.get("firing").booleanValue(),
                n.get("critical").booleanValue(), s(n, "symptom"), s(n, "resource"), s(n, "kind"), s(n, "role"),
                s(n, "family"), s(n, "source"), s(n, "basis")));
        List<LogFinding> findings = list(root, "findings", n -> new LogFinding(n.get("logId").longValue(),
                s(n, "system"), s(n, "component"), s(n, "kind"), s(n, "detail"), s(n, "excerpt"),
                n.get("minutesBeforeIncident").longValue()));
        List<SystemWorkflow> workflows = list(root, "workflows", n -> new SystemWorkflow(s(n, "system"),
                s(n, "code"), s(n, "kind")));
        List<SystemComponent> components = list(root, "components", n -> new SystemComponent(s(n, "system"),
                s(n, "name"), s(n, "role")));
        Map<String, Double> priors = new java.util.LinkedHashMap<>();
        JsonNode storedPriors = root.get("priors");
        if (storedPriors != null) {
            storedPriors.properties().forEach(e -> priors.put(e.getKey(), e.getValue().doubleValue()));
        }
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        JsonNode storedNotes = root.get("priorNotes");
        if (storedNotes != null) {
            storedNotes.properties().forEach(e -> notes.put(e.getKey(), e.getValue().asString()));
        }
        return new FactSet(context, alerts, metrics, logs, traces, changes, answers, readings, findings, workflows,
                components, priors, notes);
    }

    private static JsonNode answer(Answer a) {
        return Json.MAPPER.createObjectNode().put("question", a.getQuestion()).put("value", a.getValue());
    }

    /**
     * Whether a stored snapshot holds exactly these answers. Its other fields are skipped
     * without being built into a tree, and the reading stops at the answers, which snapshots
     * written since then hold near their start.
     */
    static boolean sameAnswers(String snapshot, FactSet facts) {
        ArrayNode answers = Json.MAPPER.createArrayNode();
        facts.answers().forEach(a -> answers.add(answer(a)));
        try (JsonParser parser = Json.MAPPER.createParser(snapshot)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("answers")) {
                    return answers.equals(parser.readValueAsTree());
                }
                parser.skipChildren();
            }
            return answers.isEmpty();
        }
    }

    private static <T> void array(ObjectNode root, String name, List<T> items, Function<T, JsonNode> write) {
        ArrayNode array = root.putArray(name);
        items.forEach(item -> array.add(write.apply(item)));
    }

    private static <T> List<T> list(JsonNode root, String name, Function<JsonNode, T> read) {
        List<T> items = new ArrayList<>();
        JsonNode array = root.get(name);
        if (array != null) {
            array.forEach(n -> items.add(read.apply(n)));
        }
        return items;
    }

    private static String str(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String s(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Instant time(JsonNode n, String field) {
        String text = s(n, field);
        return text == null ? null : Instant.parse(text);
    }

    private static Map<String, String> map(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Map.of() : Json.readStringMap(Json.write(v));
    }
}
