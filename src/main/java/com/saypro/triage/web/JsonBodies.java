package com.saypro.triage.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.CollectingProblemHandler;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.DeferredBindingException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON request bodies into records: only {@code application/json} (or
 * {@code application/*+json}), at most {@code triage.ingest.max-body-bytes}, within
 * Jackson's stream limits (nesting, string, number and name length), without duplicate keys,
 * then checked with Bean Validation. Every problem becomes a {@link FieldError} with the
 * field's path ({@code [2].value}, {@code alerts[0].startsAt}), and the body is refused
 * whole with an {@link InvalidBodyException}.
 * <p>
 * Bodies are read here rather than by Spring's message converter so that the byte limit
 * holds before anything is parsed and binding errors keep their field paths.
 */
@Component
public class JsonBodies {

    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_STRING_LENGTH = 1_000_000;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 1_000;
    public static final int MAX_ITEMS = 50_000;

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
            MediaType.parseMediaType("application/*+json"));

    private final JsonMapper mapper;
    private final Validator validator;
    private final int maxBodyBytes;

    public JsonBodies(Validator validator, @Value("${triage.ingest.max-body-bytes}") int maxBodyBytes) {
        this.validator = validator;
        this.maxBodyBytes = maxBodyBytes;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .maxDocumentLength(maxBodyBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** One object of the given type. */
    public <T> T object(HttpServletRequest request, Class<T> type) {
        return object(bytes(request, true), type);
    }

    /** One object, or null when the request has no body at all. */
    public <T> T optionalObject(HttpServletRequest request, Class<T> type) {
        byte[] body = bytes(request, false);
        return body.length == 0 ? null : object(body, type);
    }

    /** Items of a body that held one object or an array of them. */
    public record Items<T>(List<T> list, boolean array) {

        /** The path of item {@code i}: {@code [i]} in an array, nothing for a lone object. */
        public String path(int i) {
            return array ? "[" + i + "]" : "";
        }
    }

    /**
     * Checks an object made elsewhere (from a page's form fields) with the same Bean Validation
     * as a JSON body: an {@link InvalidBodyException} naming each field, or the object.
     */
    public <T> T checked(T value) {
        check(List.of(value), false);
        return value;
    }

    /** One object or an array of them; paths of array items start with their index. */
    public <T> Items<T> objectOrArray(HttpServletRequest request, Class<T> type) {
        byte[] body = bytes(request, true);
        if (!startsWith(body, '{')) {
            return arrayOrRefuse(body, type, "the body must be a JSON object or an array of objects");
        }
        return new Items<>(List.of(object(body, type)), false);
    }

    /**
     * Objects one after another ({@code {...}{...}}, as Splunk's HTTP Event Collector takes
     * them) or an array of them; paths start with the item's index when there are several.
     */
    public <T> Items<T> concatenated(HttpServletRequest request, Class<T> type) {
        byte[] body = bytes(request, true);
        if (!startsWith(body, '{')) {
            return arrayOrRefuse(body, type, "the body must be JSON objects, one after another, or an array of them");
        }
        List<T> items = new ArrayList<>();
        ObjectReader reader = mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (MappingIterator<T> values = reader.readValues(body)) {
            while (values.hasNextValue()) {
                T item = values.nextValue();
                if (item == null) {
                    throw new InvalidBodyException("[" + items.size() + "]", "must be an object");
                }
                items.add(item);
                if (items.size() > MAX_ITEMS) {
                    throw new InvalidBodyException("", "at most " + MAX_ITEMS + " items per request");
                }
            }
        } catch (JacksonException e) {
            throw new InvalidBodyException(List.of(problem(e, "[" + items.size() + "]")));
        }
        check(items, items.size() > 1);
        return new Items<>(items, items.size() > 1);
    }

    private <T> Items<T> arrayOrRefuse(byte[] body, Class<T> type, String notAnArray) {
        if (!startsWith(body, '[')) {
            throw new InvalidBodyException("", notAnArray);
        }
        return new Items<>(arrayOf(body, type), true);
    }

    private <T> List<T> arrayOf(byte[] body, Class<T> type) {
        List<T> items = bind(body, mapper.getTypeFactory().constructCollectionType(List.class, type));
        if (items.size() > MAX_ITEMS) {
            throw new InvalidBodyException("", "at most " + MAX_ITEMS + " items per request");
        }
        checkEach(items);
        return items;
    }

    private <T> T object(byte[] body, Class<T> type) {
        if (!startsWith(body, '{')) {
            throw new InvalidBodyException("", "the body must be a JSON object");
        }
        T value = bind(body, mapper.constructType(type));
        check(List.of(value), false);
        return value;
    }

    private <T> T bind(byte[] body, JavaType type) {
        try {
            return mapper.readerFor(type).problemCollectingReader(new UnknownFieldsIgnored())
                    .readValueCollectingProblems(body);
        } catch (DeferredBindingException e) {
            List<FieldError> errors = e.getProblems().stream()
                    .map(p -> new FieldError(path(p.getPath()),
                            p.getTargetType() == null ? p.getMessage() : expected(p.getTargetType().getRawClass())))
                    .toList();
            throw new InvalidBodyException(errors);
        } catch (JacksonException e) {
            throw new InvalidBodyException(List.of(problem(e, "")));
        }
    }

    /** Collects every value of the wrong type, as Jackson does; unknown fields are skipped, not problems. */
    private static final class UnknownFieldsIgnored extends CollectingProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deserializer,
                Object bean, String propertyName) {
            p.skipChildren();
            return true;
        }
    }

    private <T> void checkEach(List<T> items) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new InvalidBodyException("[" + i + "]", "must be an object");
            }
        }
        check(items, true);
    }

    /** Bean Validation of each item, all problems of all items, ordered by item and field. */
    private <T> void check(List<T> items, boolean indexed) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Set<ConstraintViolation<T>> violations = validator.validate(items.get(i));
            String prefix = indexed ? "[" + i + "]" : "";
            violations.stream()
                    .sorted(Comparator.comparing((ConstraintViolation<T> v) -> inOrder(v.getPropertyPath().toString())))
                    .forEach(v -> errors.add(new FieldError(join(prefix, dotted(v.getPropertyPath().toString())),
                            v.getMessage())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
    }

    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[(\\d+)\\]");

    /** A path that sorts {@code alerts[2]} before {@code alerts[10]}. */
    private static String inOrder(String path) {
        return INDEX.matcher(path).replaceAll(m -> "[" + "0".repeat(Math.max(0, 10 - m.group(1).length())) + m.group(1) + "]");
    }

    /** Hibernate Validator writes map keys as {@code labels[alertname]}; Triage says {@code labels.alertname}. */
    private static String dotted(String path) {
        return path.replaceAll("\\.?<[A-Za-z ]+>", "").replaceAll("\\[([^\\]\\d][^\\]]*)\\]", ".$1")
                .replaceAll("\\.\\.", ".").replaceAll("\\.$", "");
    }

    private static String join(String prefix, String field) {
        if (prefix.isEmpty() || field.isEmpty()) {
            return prefix + field;
        }
        return field.startsWith("[") ? prefix + field : prefix + "." + field;
    }

    private byte[] bytes(HttpServletRequest request, boolean required) {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (hasBody || required) {
            checkContentType(request);
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new InvalidBodyException("", "the body could not be read");
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        if (required && first(bytes) == NONE) {
            throw new InvalidBodyException("", "the body is empty");
        }
        return first(bytes) == NONE ? new byte[0] : bytes;
    }

    private static void checkContentType(HttpServletRequest request) {
        String header = request.getContentType();
        MediaType type;
        try {
            type = header == null ? null : MediaType.parseMediaType(header);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            type = null;
        }
        MediaType given = type;
        if (given == null || JSON.stream().noneMatch(json -> json.includes(given))) {
            throw new UnsupportedBodyTypeException(header);
        }
    }

    private InvalidBodyException tooLarge() {
        return new InvalidBodyException("", "the body is larger than " + maxBodyBytes + " bytes");
    }

    private static final int NONE = -1;

    /** The first byte that is not white space or a byte-order mark; {@link #NONE} when there is none. */
    private static int first(byte[] body) {
        for (byte b : body) {
            int c = b & 0xff;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF) {
                return c;
            }
        }
        return NONE;
    }

    private static boolean startsWith(byte[] body, char c) {
        return first(body) == c;
    }

    /**
     * A Jackson failure as the problem of one field; a body that is not JSON, or is beyond
     * the limits, is the problem of the whole body (field empty).
     */
    public static FieldError problem(JacksonException e, String prefix) {
        if (e instanceof InputCoercionException coercion && coercion.getTargetType() != null) {
            return new FieldError(join(prefix, path(e.getPath())), expected(coercion.getTargetType())
                    + " within its type's range");
        }
        if (e instanceof StreamConstraintsException) {
            return new FieldError("", "the body is beyond the limits Triage reads (" + reason(e)
                    + "); limits: nesting " + MAX_NESTING_DEPTH + " levels, strings " + MAX_STRING_LENGTH
                    + " characters, numbers " + MAX_NUMBER_LENGTH + " digits");
        }
        String field = join(prefix, path(e.getPath()));
        if (e instanceof StreamReadException || field.isEmpty()) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            return new FieldError("", "the body is not valid JSON" + where + ": " + reason(e));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldError(field, expected(mismatch.getTargetType()));
        }
        return new FieldError(field, reason(e));
    }

    private static String reason(JacksonException e) {
        return e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
                .replaceAll("\\s*at \\[Source:.*$", "").replaceAll(", from `StreamReadConstraints[^`]*`", "");
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == java.time.Instant.class) {
            return "must be an ISO-8601 timestamp such as 2026-11-20T10:00:00Z";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "must be an object of string values";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement() && p.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.toString();
    }
}
