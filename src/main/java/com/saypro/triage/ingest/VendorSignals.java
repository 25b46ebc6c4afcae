package com.saypro.triage.ingest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.SignalRequests.HecEvent;
import com.saypro.triage.ingest.SignalRequests.NewRelicIssue;
import com.saypro.triage.web.JsonBodies.Items;
import com.saypro.triage.web.TextRules;

import tools.jackson.databind.JsonNode;

/** Signals from the shapes other tools send: New Relic's workflow webhook, Splunk's HTTP Event Collector. */
final class VendorSignals {

    private final SignalParser parser;

    VendorSignals(SignalParser parser) {
        this.parser = parser;
    }

    /**
     * One New Relic issue as one alert: named after its first alert condition (else its
     * title), its system from the tag {@code system} or {@code service}, else its first
     * impacted entity; priority CRITICAL is critical, HIGH and MEDIUM warning, LOW info;
     * CLOSED resolves it; the issue id is its fingerprint and {@code createdAt} its start.
     */
    List<AlertIn> newRelic(NewRelicIssue issue) {
        String id = SignalParser.isBlank(issue.issueId()) ? issue.id() : issue.issueId();
        if (SignalParser.isBlank(id)) {
            parser.error("", "issueId", "is required (the default template sends it as id)");
        }
        String name = first(issue.alertConditionNames());
        if (name == null && issue.accumulations() != null) {
            name = first(issue.accumulations().conditionName());
        }
        if (name == null && !SignalParser.isBlank(issue.title())) {
            name = issue.title().length() <= 200 && TextRules.isName(issue.title()) ? issue.title()
                    : parser.error("", "title", "is used as the alert's name when no condition is named, so it must be"
                            + " at most 200 characters without control characters or markup");
        } else if (name == null) {
            parser.error("", "alertConditionNames", "is required (or accumulations.conditionName, or a title)");
        }
        String system = tag(issue.tags(), "system");
        if (system == null) {
            system = tag(issue.tags(), "service");
        }
        if (system == null) {
            system = first(issue.impactedEntities());
        }
        if (system == null && issue.entitiesData() != null) {
            system = first(issue.entitiesData().names());
        }
        if (system == null) {
            parser.error("", "impactedEntities", "needs an entity, or a system or service tag, to name the system");
        }
        boolean closed = "closed".equalsIgnoreCase(issue.state());
        Instant startsAt = parser.time("", "createdAt", millis(issue.createdAt()), false);
        Instant endsAt = closed ? parser.time("", "updatedAt", millis(issue.updatedAt()), false) : null;
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "policy", first(issue.alertPolicyNames()));
        if (labels.isEmpty() && issue.accumulations() != null) {
            put(labels, "policy", first(issue.accumulations().policyName()));
        }
        put(labels, "priority", issue.priority());
        put(labels, "entity", first(issue.impactedEntities()));
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, "summary", issue.title());
        put(annotations, "issueUrl", SignalParser.isBlank(issue.issueUrl()) ? issue.issuePageUrl() : issue.issueUrl());
        List<AlertIn> alerts = name == null || system == null || SignalParser.isBlank(id) ? List.of()
                : List.of(parser.alert("newrelic", name, system, "", severity(issue.priority()),
                        closed ? "resolved" : "firing", labels, annotations, startsAt, endsAt, id));
        return parser.done(alerts);
    }

    private static String severity(String priority) {
        if (priority == null) {
            return "warning";
        }
        return switch (priority.toLowerCase(Locale.ROOT)) {
            case "critical" -> "critical";
            case "low" -> "info";
            default -> "warning";
        };
    }

    /** Splunk's default index, which says nothing about the system. */
    private static final String DEFAULT_INDEX = "main";

    /**
     * Splunk HTTP Event Collector events as log events: the system from the field
     * {@code system} or {@code service}, else the index (other than {@code main}), else the
     * host; the message is the event when it is text, else its {@code message}, {@code msg},
     * {@code log} or {@code text}, else the event as JSON.
     */
    List<LogIn> hec(Items<HecEvent> body) {
        List<LogIn> logs = new java.util.ArrayList<>();
        for (int i = 0; i < body.list().size(); i++) {
            HecEvent e = body.list().get(i);
            String path = body.path(i);
            Map<String, String> fields = e.fields() == null ? Map.of() : e.fields();
            String system = firstOf(fields.get("system"), fields.get("service"),
                    DEFAULT_INDEX.equalsIgnoreCase(e.index()) ? null : e.index(), e.host());
            if (system == null) {
                parser.error(path, "host", "is required when neither fields.system, fields.service nor index name"
                        + " the system");
            } else if (!TextRules.isIdentifier(system) || system.length() > 100) {
                parser.error(path, "fields.system", TextRules.IDENTIFIER_MESSAGE + ", at most 100 characters");
            }
            String component = firstOf(fields.get("component"), system != null && system.equals(e.host()) ? null
                    : e.host());
            if (component != null && (!TextRules.isIdentifier(component) || component.length() > 200)) {
                parser.error(path, "fields.component", TextRules.IDENTIFIER_MESSAGE + ", at most 200 characters");
            }
            JsonNode event = e.event();
            String message = event.isString() ? event.asString()
                    : event.isObject() ? firstOf(text(path, event, "message"), text(path, event, "msg"),
                            text(path, event, "log"), text(path, event, "text")) : null;
            if (message == null && event.isObject()) {
                message = event.toString();
            }
            if (message == null || message.isBlank()) {
                parser.error(path, "event", event.isValueNode() && !event.isString() ? "must be a string or an object"
                        : "must hold a message");
            } else if (message.length() > SignalParser.MAX_TEXT) {
                parser.error(path, "event", "must be at most " + SignalParser.MAX_TEXT + " characters of message");
            }
            String level = level(firstOf(text(path, event, "level"), text(path, event, "severity"),
                    text(path, event, "log_level"), fields.get("level")));
            if (level.length() > 10 || !TextRules.isIdentifier(level)) {
                parser.error(path, "event.level", "must be a log level such as ERROR, WARN, INFO or DEBUG");
            }
            String logger = firstOf(text(path, event, "logger"), text(path, event, "logger_name"), e.source());
            if (logger != null && (logger.length() > 300 || !TextRules.isName(logger))) {
                parser.error(path, "event.logger", TextRules.NAME_MESSAGE + ", at most 300 characters");
            }
            Instant time = e.time() == null ? null
                    : parser.time(path, "time", Instant.ofEpochMilli(Math.round(e.time() * 1000)), false);
            logs.add(new LogIn(system, SignalParser.orEmpty(component), level, message, SignalParser.orEmpty(logger),
                    parser.orNow(time)));
        }
        return parser.done(logs);
    }

    private static String level(String given) {
        if (given == null || given.isBlank()) {
            return "INFO";
        }
        return switch (given.toLowerCase(Locale.ROOT)) {
            case "information", "informational" -> "INFO";
            case "warning" -> "WARN";
            case "critical", "emergency", "alert" -> "FATAL";
            case "err" -> "ERROR";
            default -> given.toUpperCase(Locale.ROOT);
        };
    }

    /** A field of an event object that Triage reads: a string (numbers and booleans taken as text). */
    private String text(String path, JsonNode event, String field) {
        JsonNode value = event.isObject() ? event.get(field) : null;
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : parser.error(path, "event." + field, "must be a string");
    }

    private static String first(List<String> values) {
        return values == null ? null : values.stream().filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String tag(Map<String, List<String>> tags, String key) {
        return tags == null ? null : first(tags.get(key));
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static Instant millis(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
