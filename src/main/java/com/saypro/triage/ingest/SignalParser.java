package com.saypro.triage.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.ingest.SignalRequests.AlertRequest;
import com.saypro.triage.ingest.SignalRequests.AlertmanagerAlert;
import com.saypro.triage.ingest.SignalRequests.AlertmanagerWebhook;
import com.saypro.triage.ingest.SignalRequests.ChangeRequest;
import com.saypro.triage.ingest.SignalRequests.LogRequest;
import com.saypro.triage.ingest.SignalRequests.MetricRequest;
import com.saypro.triage.ingest.SignalRequests.TraceRequest;
import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.JsonBodies.Items;
import com.saypro.triage.web.TextRules;

/**
 * Turns bound and validated request bodies into signals, checking what depends on several
 * fields, on labels or on the clock: names and systems taken from labels, timestamps within
 * the plausible window, fractions within 0..1, a trace's parts within its duration. Every
 * problem is collected with its field's path; if there is any, the whole body is refused.
 */
final class SignalParser {

    static final int MAX_TEXT = 20_000;
    static final int MAX_URL = 4000;
    /** Labels and annotations together may hold this many characters per signal. */
    static final int MAX_MAP_CHARS = 32_768;
    /** Metrics whose standard meaning is a fraction 0..1. */
    static final Set<String> FRACTIONS = Set.of("availability", "error_rate", "cpu_utilization",
            "memory_utilization", "disk_utilization", "workflow_success_rate");
    /** Alertmanager's "no time", sent as endsAt of a firing alert. */
    private static final Instant NO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final Instant now;
    private final Duration maxSkew;
    private final Duration maxAge;
    private final List<FieldError> errors = new ArrayList<>();

    SignalParser(Instant now, Duration maxSkew, Duration maxAge) {
        this.now = now;
        this.maxSkew = maxSkew;
        this.maxAge = maxAge;
    }

    List<AlertIn> genericAlerts(Items<AlertRequest> body) {
        return each(body, (a, path) -> {
            Map<String, String> labels = stringMap(path, "labels", a.labels());
            Map<String, String> annotations = stringMap(path, "annotations", a.annotations());
            String name = a.name();
            if (isBlank(name)) {
                name = labels.containsKey("alertname") ? label(path, labels, "alertname", true, false)
                        : error(path, "name", SignalRequests.REQUIRED);
            }
            String system = isBlank(a.system()) ? systemFromLabels(path, labels) : a.system();
            if (system == null) {
                error(path, "system", "is required (or a system, service or job label)");
            }
            String component = isBlank(a.component()) ? label(path, labels, "component", false, true) : a.component();
            String severity = a.severity() == null ? severityFromLabel(labels.get("severity")) : lower(a.severity());
            String status = a.status() == null ? "firing" : lower(a.status());
            Instant startsAt = time(path, "startsAt", a.startsAt(), false);
            Instant endsAt = time(path, "endsAt", a.endsAt(), false);
            return name == null || system == null ? null
                    : alert("generic", name, system, component, severity, status, labels, annotations, startsAt, endsAt,
                            a.fingerprint());
        });
    }

    /** Alertmanager's webhook (version 4); Grafana's has its shape, {@code source} says which. */
    List<AlertIn> webhook(AlertmanagerWebhook body, String source) {
        List<AlertIn> result = new ArrayList<>();
        for (int i = 0; i < body.alerts().size(); i++) {
            AlertmanagerAlert a = body.alerts().get(i);
            String path = "alerts[" + i + "]";
            Map<String, String> labels = stringMap(path, "labels", a.labels());
            Map<String, String> annotations = stringMap(path, "annotations", a.annotations());
            if (a.generatorURL() != null && !a.generatorURL().isBlank() && a.generatorURL().length() <= MAX_URL) {
                // The query behind the alert: its metric names help to recognise alerts the catalog lacks.
                annotations.putIfAbsent("generatorURL", a.generatorURL());
            }
            String name = label(path, labels, "alertname", true, false);
            String component = label(path, labels, "component", false, true);
            String system = systemFromLabels(path, labels);
            if (system == null && errors.stream().noneMatch(e -> e.field().startsWith(path + ".labels"))) {
                error(path, "labels", "needs a system, service or job label to name the system");
            }
            String status = lower(a.status());
            Instant startsAt = time(path, "startsAt", a.startsAt(), true);
            Instant endsAt = time(path, "endsAt", a.endsAt(), false);
            if (name != null && system != null && startsAt != null) {
                result.add(alert(source, name, system, component, severityFromLabel(labels.get("severity")), status,
                        labels, annotations, startsAt, "firing".equals(status) ? null : endsAt, a.fingerprint()));
            }
        }
        return done(result);
    }

    List<MetricIn> metrics(Items<MetricRequest> body) {
        return each(body, (m, path) -> {
            if (FRACTIONS.contains(m.metric()) && (m.value() < 0 || m.value() > 1)) {
                error(path, "value", m.metric() + " is a fraction and must lie between 0 and 1");
            }
            Instant timestamp = time(path, "timestamp", m.timestamp(), false);
            return new MetricIn(m.system(), orEmpty(m.component()), m.metric(), m.value(), orEmpty(m.unit()),
                    orNow(timestamp), stringMap(path, "labels", m.labels()));
        });
    }

    List<LogIn> logs(Items<LogRequest> body) {
        return each(body, (l, path) -> new LogIn(l.system(), orEmpty(l.component()),
                l.level() == null || l.level().isBlank() ? "INFO" : l.level().toUpperCase(Locale.ROOT), l.message(),
                orEmpty(l.logger()), orNow(time(path, "timestamp", l.timestamp(), false))));
    }

    List<TraceIn> traces(Items<TraceRequest> body) {
        return each(body, (t, path) -> {
            long db = t.dbMs() == null ? 0 : t.dbMs();
            long external = t.externalMs() == null ? 0 : t.externalMs();
            if (db + external > t.durationMs()) {
                error(path, "dbMs", "dbMs + externalMs must not exceed durationMs");
            }
            return new TraceIn(t.system(), t.transaction(), t.durationMs(), db, external,
                    Boolean.TRUE.equals(t.error()), orNow(time(path, "timestamp", t.timestamp(), false)));
        });
    }

    List<ChangeIn> changes(Items<ChangeRequest> body) {
        return each(body, (c, path) -> new ChangeIn(c.system(), lower(c.kind()), c.description(),
                orEmpty(c.version()), orEmpty(c.author()), orNow(time(path, "timestamp", c.timestamp(), false))));
    }

    /** Each item as a signal (null: none), given the item and its path. */
    private <R, S> List<S> each(Items<R> body, BiFunction<R, String, S> read) {
        List<S> result = new ArrayList<>();
        for (int i = 0; i < body.list().size(); i++) {
            S signal = read.apply(body.list().get(i), body.path(i));
            if (signal != null) {
                result.add(signal);
            }
        }
        return done(result);
    }

    /** The signals, or the body refused with every problem found. */
    <T> List<T> done(List<T> signals) {
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
        return signals;
    }

    AlertIn alert(String source, String name, String system, String component, String severity, String status,
            Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
            String fingerprint) {
        String fp = isBlank(fingerprint) ? fingerprint(name, system, labels) : fingerprint;
        Instant ends = "resolved".equals(status) && endsAt == null ? now : endsAt;
        return new AlertIn(source, name, system, component == null ? "" : component, severity, status, labels,
                annotations, startsAt == null ? now : startsAt, ends, fp, startsAt != null);
    }

    /**
     * A timestamp, kept to the millisecond as the database keeps it (Alertmanager sends
     * nanoseconds; a re-sent alert must still match its stored copy). Alertmanager's "no
     * time" (0001-01-01T00:00:00Z) reads as absent. Refused: more than the allowed clock
     * skew in the future, or older than the oldest signal Triage takes.
     */
    Instant time(String path, String field, Instant value, boolean required) {
        if (value == null || value.equals(NO_TIME)) {
            if (required) {
                error(path, field, value == null ? SignalRequests.REQUIRED
                        : "is required (0001-01-01T00:00:00Z stands for no time)");
            }
            return null;
        }
        if (value.isAfter(now.plus(maxSkew))) {
            return error(path, field, "must not lie more than " + words(maxSkew) + " in the future (was " + value + ")");
        }
        if (value.isBefore(now.minus(maxAge))) {
            return error(path, field, "must not be older than " + words(maxAge) + " (was " + value + ")");
        }
        return value.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String words(Duration d) {
        return d.toDays() >= 2 ? d.toDays() + " days" : d.toMinutes() + " minutes";
    }

    /**
     * Labels or annotations: entries with a null value are dropped; keys and values together
     * hold at most {@link #MAX_MAP_CHARS} characters.
     */
    Map<String, String> stringMap(String path, String field, Map<String, String> map) {
        Map<String, String> result = new LinkedHashMap<>();
        if (map == null) {
            return result;
        }
        map.forEach((k, v) -> {
            if (v != null) {
                result.put(k, v);
            }
        });
        int size = result.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (size > MAX_MAP_CHARS) {
            error(path, field, "must hold at most " + MAX_MAP_CHARS + " characters of keys and values (has " + size + ")");
            return new LinkedHashMap<>();
        }
        return result;
    }

    /** A label that stands for a field (alertname, component): checked like the field. */
    private String label(String path, Map<String, String> labels, String key, boolean required, boolean identifier) {
        String value = labels.get(key);
        if (value == null || value.isBlank()) {
            return required ? error(path, "labels." + key, SignalRequests.REQUIRED) : "";
        }
        if (value.length() > 200) {
            return error(path, "labels." + key, "must be at most 200 characters");
        }
        if (identifier ? !TextRules.isIdentifier(value) : !TextRules.isName(value)) {
            return error(path, "labels." + key, identifier ? TextRules.IDENTIFIER_MESSAGE : TextRules.NAME_MESSAGE);
        }
        return value;
    }

    /** The system a signal's labels name: {@code system}, else {@code service}, else {@code job}. */
    String systemFromLabels(String path, Map<String, String> labels) {
        for (String key : List.of("system", "service", "job")) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                if (!TextRules.isIdentifier(value)) {
                    return error(path, "labels." + key, TextRules.IDENTIFIER_MESSAGE);
                }
                return value.length() > 100 ? value.substring(0, 100) : value;
            }
        }
        return null;
    }

    /** Records a problem of {@code field} under {@code path}; returns null so callers can return it. */
    <T> T error(String path, String field, String message) {
        errors.add(new FieldError(path.isEmpty() ? field : path + "." + field, message));
        return null;
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

    Instant now() {
        return now;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    Instant orNow(Instant t) {
        return t == null ? now : t;
    }
}
