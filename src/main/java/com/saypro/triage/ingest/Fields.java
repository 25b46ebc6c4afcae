package com.saypro.triage.ingest;

import com.saypro.triage.web.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads typed fields from one JSON object of a signal body, collecting an error (with the
 * field's path) for each field that is missing or of the wrong type. Unknown fields are
 * ignored.
 */
final class Fields {

    private static final Instant NO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    Fields(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void error(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string; numbers and booleans are taken as their text. */
    String text(String field, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isValueNode() || value.isBinary()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.asString();
        if (required && text.isBlank()) {
            error(field, "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** One of the allowed values (case-insensitive), or the default when absent. */
    String oneOf(String field, List<String> allowed, String defaultValue) {
        String text = text(field, defaultValue == null, 50);
        if (text == null) {
            return defaultValue;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(lower)) {
            error(field, "must be one of " + String.join(", ", allowed) + " (was '" + text + "')");
            return defaultValue;
        }
        return lower;
    }

    Double number(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isNumber()) {
            error(field, "must be a number");
            return null;
        }
        double d = value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            error(field, "must be a finite number");
            return null;
        }
        return d;
    }

    /** A whole, non-negative number (milliseconds and such). */
    Long millis(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isNumber() || !value.canConvertToLong()) {
            error(field, "must be a whole number");
            return null;
        }
        long l = value.longValue();
        if (l < 0) {
            error(field, "must not be negative");
            return null;
        }
        return l;
    }

    Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /**
     * An ISO-8601 timestamp with offset (2026-11-20T10:00:00Z), kept to the millisecond as
     * the database keeps it (Alertmanager sends nanoseconds; a re-sent alert must still match
     * its stored copy). Alertmanager's "no time" (0001-01-01T00:00:00Z) reads as absent;
     * other years outside 1000..9999 are refused.
     */
    Instant instant(String field, boolean required) {
        String text = text(field, required, 64);
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = Instant.parse(text);
            } catch (DateTimeParseException e2) {
                error(field, "must be an ISO-8601 timestamp such as 2026-11-20T10:00:00Z (was '" + text + "')");
                return null;
            }
        }
        if (instant.equals(NO_TIME)) {
            if (required) {
                error(field, "is required (0001-01-01T00:00:00Z stands for no time)");
            }
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            error(field, "must be a time between the years 1000 and 9999 (was '" + text + "')");
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Labels and annotations together may hold this many characters per signal. */
    static final int MAX_MAP_CHARS = 32_768;

    /**
     * An object of string values (numbers and booleans are taken as text), at most
     * {@link #MAX_MAP_CHARS} characters of keys and values in all.
     */
    Map<String, String> stringMap(String field) {
        JsonNode value = node.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            error(field, "must be an object of string values");
            return map;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                errors.add(new FieldError(path(field) + "." + entry.getKey(), "must be a string"));
                continue;
            }
            map.put(entry.getKey(), v.asString());
        }
        int size = map.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (size > MAX_MAP_CHARS) {
            error(field, "must hold at most " + MAX_MAP_CHARS + " characters of keys and values (has " + size + ")");
            return new LinkedHashMap<>();
        }
        return map;
    }
}
