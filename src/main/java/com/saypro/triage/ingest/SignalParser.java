package com.saypro.triage.ingest;

import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.InvalidBodyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;

import tools.jackson.databind.JsonNode;

/**
 * Turns request bodies into checked signals. Every problem in a body is collected with the
 * path of its field; if there is any, the whole body is refused.
 */
final class SignalParser {

    static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    static final List<String> STATUSES = List.of("firing", "resolved");
    static final List<String> CHANGE_KINDS = List.of("deploy", "config", "schema", "infrastructure");
    static final int MAX_ITEMS = 50_000;

    private final Instant now;

    SignalParser(Instant now) {
        this.now = now;
    }

    /** Generic alerts: one object or an array. */
    List<AlertIn> genericAlerts(JsonNode body) {
        return each(body, (fields, i) -> genericAlert(fields));
    }

    /** Alertmanager webhook, version 4. */
    List<AlertIn> alertmanager(JsonNode body) {
        return webhook(body, "alertmanager");
    }

    /** Grafana's webhook has Alertmanager's shape for its alerts. */
    List<AlertIn> grafana(JsonNode body) {
        return webhook(body, "grafana");
    }

    List<MetricIn> metrics(JsonNode body) {
        return each(body, (f, i) -> {
            String system = f.text("system", true, 100);
            String component = f.text("component", false, 200);
            String metric = f.text("metric", true, 200);
            Double value = f.number("value", true);
            String unit = f.text("unit", false, 30);
            Instant timestamp = f.instant("timestamp", false);
            Map<String, String> labels = f.stringMap("labels");
            if (system == null || metric == null || value == null) {
                return null;
            }
            return new MetricIn(system, orEmpty(component), metric, value, orEmpty(unit), orNow(timestamp), labels);
        });
    }

    List<LogIn> logs(JsonNode body) {
        return each(body, (f, i) -> {
            String system = f.text("system", true, 100);
            String component = f.text("component", false, 200);
            String level = f.text("level", false, 10);
            String message = f.text("message", true, 20_000);
            String logger = f.text("logger", false, 300);
            Instant timestamp = f.instant("timestamp", false);
            if (system == null || message == null) {
                return null;
            }
            return new LogIn(system, orEmpty(component), level == null ? "INFO" : level.toUpperCase(Locale.ROOT),
                    message, orEmpty(logger), orNow(timestamp));
        });
    }

    List<TraceIn> traces(JsonNode body) {
        return each(body, (f, i) -> {
            String system = f.text("system", true, 100);
            String transaction = f.text("transaction", true, 300);
            Long duration = f.millis("durationMs", true);
            Long db = f.millis("dbMs", false);
            Long external = f.millis("externalMs", false);
            Boolean error = f.bool("error");
            Instant timestamp = f.instant("timestamp", false);
            if (duration != null && db != null && external != null && db + external > duration) {
                f.error("dbMs", "dbMs + externalMs must not exceed durationMs");
            }
            if (system == null || transaction == null || duration == null) {
                return null;
            }
            return new TraceIn(system, transaction, duration, db == null ? 0 : db, external == null ? 0 : external,
                    Boolean.TRUE.equals(error), orNow(timestamp));
        });
    }

    List<ChangeIn> changes(JsonNode body) {
        return each(body, (f, i) -> {
            String system = f.text("system", true, 100);
            String kind = f.oneOf("kind", CHANGE_KINDS, null);
            String description = f.text("description", true, 20_000);
            String version = f.text("version", false, 100);
            String author = f.text("author", false, 200);
            Instant timestamp = f.instant("timestamp", false);
            if (system == null || kind == null || description == null) {
                return null;
            }
            return new ChangeIn(system, kind, description, orEmpty(version), orEmpty(author), orNow(timestamp));
        });
    }

    private AlertIn genericAlert(Fields f) {
        Map<String, String> labels = f.stringMap("labels");
        Map<String, String> annotations = f.stringMap("annotations");
        String name = f.text("name", !labels.containsKey("alertname"), 200);
        if (name == null && !f.has("name") && labels.containsKey("alertname")) {
            name = label(f, labels, "alertname", true);
        }
        String system = f.text("system", false, 100);
        if (system == null) {
            system = systemFromLabels(labels);
            if (system == null) {
                f.error("system", "is required (or a system, service or job label)");
            }
        }
        String component = f.text("component", false, 200);
        String severity = f.oneOf("severity", SEVERITIES, severityFromLabel(labels.get("severity")));
        String status = f.oneOf("status", STATUSES, "firing");
        Instant startsAt = f.instant("startsAt", false);
        Instant endsAt = f.instant("endsAt", false);
        String fingerprint = f.text("fingerprint", false, 64);
        if (name == null || system == null) {
            return null;
        }
        if (component == null) {
            component = label(f, labels, "component", false);
        }
        return alert("generic", name, system, component, severity, status, labels, annotations, startsAt, endsAt,
                fingerprint);
    }

    private List<AlertIn> webhook(JsonNode body, String source) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidBodyException("", "the body must be a JSON object with an 'alerts' array");
        }
        JsonNode alerts = body.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new InvalidBodyException("alerts", alerts == null ? "is required" : "must be an array");
        }
        if (alerts.size() > MAX_ITEMS) {
            throw new InvalidBodyException("alerts", "at most " + MAX_ITEMS + " alerts per request");
        }
        List<AlertIn> result = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode item = alerts.get(i);
            String path = "alerts[" + i + "]";
            if (!item.isObject()) {
                errors.add(new FieldError(path, "must be an object"));
                continue;
            }
            Fields f = new Fields(item, path, errors);
            Map<String, String> labels = f.stringMap("labels");
            Map<String, String> annotations = withGeneratorUrl(f.stringMap("annotations"), item.get("generatorURL"));
            String name = label(f, labels, "alertname", true);
            String component = label(f, labels, "component", false);
            String system = systemFromLabels(labels);
            if (system == null) {
                f.error("labels", "needs a system, service or job label to name the system");
            }
            String status = f.oneOf("status", STATUSES, null);
            Instant startsAt = f.instant("startsAt", true);
            Instant endsAt = f.instant("endsAt", false);
            String fingerprint = f.text("fingerprint", false, 64);
            if (name == null || system == null || status == null || startsAt == null) {
                continue;
            }
            result.add(alert(source, name, system, component == null ? "" : component,
                    severityFromLabel(labels.get("severity")), status, labels, annotations, startsAt,
                    "firing".equals(status) ? null : endsAt, fingerprint));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
        return result;
    }

    private AlertIn alert(String source, String name, String system, String component, String severity,
            String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, String fingerprint) {
        String fp = fingerprint == null || fingerprint.isBlank() ? fingerprint(name, system, labels) : fingerprint;
        if ("resolved".equals(status) && endsAt == null) {
            endsAt = now;
        }
        return new AlertIn(source, name, system, component == null ? "" : component, severity, status, labels,
                annotations, startsAt == null ? now : startsAt, endsAt, fp, startsAt != null);
    }

    /** A label that stands for a field (alertname, component): checked like the field. */
    private static String label(Fields f, Map<String, String> labels, String key, boolean required) {
        String value = labels.get(key);
        if (value == null || value.isBlank()) {
            if (required) {
                f.error("labels." + key, "is required");
            }
            return required ? null : "";
        }
        if (value.length() > 200) {
            f.error("labels." + key, "must be at most 200 characters");
            return null;
        }
        return value;
    }

    /** Longest generator URL kept; a longer one is dropped rather than failing the alert. */
    static final int MAX_GENERATOR_URL = 4000;

    /**
     * Alertmanager and Grafana send the link to the alert's query as {@code generatorURL};
     * it is kept as an annotation of that name, because the query's metric names help to
     * recognise alerts that the alert catalog does not know.
     */
    private static Map<String, String> withGeneratorUrl(Map<String, String> annotations, JsonNode url) {
        if (annotations == null || url == null || !url.isString() || url.asString().isBlank()
                || url.asString().length() > MAX_GENERATOR_URL || annotations.containsKey("generatorURL")) {
            return annotations;
        }
        Map<String, String> withUrl = new java.util.LinkedHashMap<>(annotations);
        withUrl.put("generatorURL", url.asString());
        return withUrl;
    }

    /** Derived from name, system and labels when the sender gives none. */
    static String fingerprint(String name, String system, Map<String, String> labels) {
        StringBuilder text = new StringBuilder(name).append('\n').append(system);
        new TreeMap<>(labels).forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String systemFromLabels(Map<String, String> labels) {
        for (String key : List.of("system", "service", "job")) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value.length() > 100 ? value.substring(0, 100) : value;
            }
        }
        return null;
    }

    /** Exporters use many words for severity; Triage has three. */
    static String severityFromLabel(String label) {
        if (label == null) {
            return "warning";
        }
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "error", "high", "major", "emergency", "disaster" -> "critical";
            case "info", "informational", "low", "none", "notice", "minor" -> "info";
            default -> "warning";
        };
    }

    private <T> List<T> each(JsonNode body, BiFunction<Fields, Integer, T> read) {
        List<FieldError> errors = new ArrayList<>();
        List<T> result = new ArrayList<>();
        if (body != null && body.isArray()) {
            if (body.size() > MAX_ITEMS) {
                throw new InvalidBodyException("", "at most " + MAX_ITEMS + " items per request");
            }
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                if (!item.isObject()) {
                    errors.add(new FieldError("[" + i + "]", "must be an object"));
                    continue;
                }
                T value = read.apply(new Fields(item, "[" + i + "]", errors), i);
                if (value != null) {
                    result.add(value);
                }
            }
        } else if (body != null && body.isObject()) {
            T value = read.apply(new Fields(body, "", errors), 0);
            if (value != null) {
                result.add(value);
            }
        } else {
            throw new InvalidBodyException("", "the body must be a JSON object or an array of objects");
        }
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
        return result;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private Instant orNow(Instant t) {
        return t == null ? now : t;
    }
}
