package com.saypro.triage.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.saypro.triage.web.Identifier;
import com.saypro.triage.web.JsonBodies;
import com.saypro.triage.web.PlainName;

import tools.jackson.databind.JsonNode;

/**
 * Request bodies as Jackson binds them, with the checks Bean Validation makes on each field.
 * Unknown fields are ignored. What depends on several fields, on labels or on the clock is
 * checked when {@link SignalParser} turns them into signals.
 */
final class SignalRequests {

    private SignalRequests() {
    }

    static final String REQUIRED = "is required";
    static final String SEVERITY = "(?i)critical|warning|info";
    static final String SEVERITY_MESSAGE = "must be one of critical, warning, info";
    static final String STATUS = "(?i)firing|resolved";
    static final String STATUS_MESSAGE = "must be one of firing, resolved";
    /** Longest transaction time taken for real: seven days. */
    static final long MAX_MILLIS = 7L * 24 * 3600 * 1000;
    static final String MAX_MILLIS_MESSAGE = "must be at most 604800000 (seven days)";

    /** A generic alert; name and system may come from the labels {@code alertname} and system, service or job. */
    record AlertRequest(@PlainName @Size(max = 200) String name,
            @Identifier @Size(max = 100) String system,
            @Identifier @Size(max = 200) String component,
            @Pattern(regexp = SEVERITY, message = SEVERITY_MESSAGE) String severity,
            @Pattern(regexp = STATUS, message = STATUS_MESSAGE) String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            @Identifier @Size(max = 64) String fingerprint) {
    }

    /** Alertmanager's webhook (version 4); Grafana's has the same shape for its alerts. */
    record AlertmanagerWebhook(
            @NotNull(message = REQUIRED) @Size(max = JsonBodies.MAX_ITEMS, message = "at most {max} alerts per request")
            @Valid List<@NotNull(message = "must be an object") AlertmanagerAlert> alerts) {
    }

    record AlertmanagerAlert(
            @NotBlank(message = REQUIRED) @Pattern(regexp = STATUS, message = STATUS_MESSAGE) String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            @NotNull(message = REQUIRED) Instant startsAt,
            Instant endsAt,
            String generatorURL,
            @Identifier @Size(max = 64) String fingerprint) {
    }

    record MetricRequest(@NotBlank(message = REQUIRED) @Identifier @Size(max = 100) String system,
            @Identifier @Size(max = 200) String component,
            @NotBlank(message = REQUIRED) @Identifier @Size(max = 200) String metric,
            @NotNull(message = REQUIRED)
            @DecimalMin(value = "-1e18", message = "must be a finite number between -1e18 and 1e18")
            @DecimalMax(value = "1e18", message = "must be a finite number between -1e18 and 1e18") Double value,
            @PlainName @Size(max = 30) String unit,
            Instant timestamp,
            Map<String, String> labels) {
    }

    record LogRequest(@NotBlank(message = REQUIRED) @Identifier @Size(max = 100) String system,
            @Identifier @Size(max = 200) String component,
            @Identifier @Size(max = 10) String level,
            @NotBlank(message = REQUIRED) @Size(max = SignalParser.MAX_TEXT) String message,
            @PlainName @Size(max = 300) String logger,
            Instant timestamp) {
    }

    record TraceRequest(@NotBlank(message = REQUIRED) @Identifier @Size(max = 100) String system,
            @NotBlank(message = REQUIRED) @PlainName @Size(max = 300) String transaction,
            @NotNull(message = REQUIRED) @PositiveOrZero @Max(value = MAX_MILLIS, message = MAX_MILLIS_MESSAGE)
            Long durationMs,
            @PositiveOrZero @Max(value = MAX_MILLIS, message = MAX_MILLIS_MESSAGE) Long dbMs,
            @PositiveOrZero @Max(value = MAX_MILLIS, message = MAX_MILLIS_MESSAGE) Long externalMs,
            Boolean error,
            Instant timestamp) {
    }

    record ChangeRequest(@NotBlank(message = REQUIRED) @Identifier @Size(max = 100) String system,
            @NotBlank(message = REQUIRED)
            @Pattern(regexp = "(?i)deploy|config|schema|infrastructure",
                    message = "must be one of deploy, config, schema, infrastructure") String kind,
            @NotBlank(message = REQUIRED) @Size(max = SignalParser.MAX_TEXT) String description,
            @PlainName @Size(max = 100) String version,
            @PlainName @Size(max = 200) String author,
            Instant timestamp) {
    }

    /**
     * A New Relic workflow webhook with the fields of its default payload template
     * ({@code id} is {@code issueId}); {@code tags} (tag name to values) may be added to the
     * template to name the system.
     */
    record NewRelicIssue(@Identifier @Size(max = 64) String id,
            @Identifier @Size(max = 64) String issueId,
            @Size(max = SignalParser.MAX_URL) String issueUrl,
            @Size(max = SignalParser.MAX_URL) String issuePageUrl,
            @Size(max = 2000) String title,
            @Pattern(regexp = "(?i)critical|high|medium|low", message = "must be one of CRITICAL, HIGH, MEDIUM, LOW")
            String priority,
            @NotBlank(message = REQUIRED)
            @Pattern(regexp = "(?i)activated|created|acknowledged|closed",
                    message = "must be one of ACTIVATED, CREATED, ACKNOWLEDGED, CLOSED") String state,
            @PositiveOrZero Long createdAt,
            @PositiveOrZero Long updatedAt,
            @Size(max = 100) List<@NotNull @PlainName @Size(max = 200) String> alertConditionNames,
            @Size(max = 100) List<@NotNull @PlainName @Size(max = 200) String> alertPolicyNames,
            @Size(max = 100) List<@NotNull @Identifier @Size(max = 100) String> impactedEntities,
            @Valid EntitiesData entitiesData,
            @Valid Accumulations accumulations,
            @Size(max = 100) Map<@Identifier @Size(max = 100) String,
                    @Size(max = 100) List<@NotNull @Identifier @Size(max = 100) String>> tags) {
    }

    record EntitiesData(@Size(max = 100) List<@NotNull @Identifier @Size(max = 100) String> names) {
    }

    record Accumulations(@Size(max = 100) List<@NotNull @PlainName @Size(max = 200) String> conditionName,
            @Size(max = 100) List<@NotNull @PlainName @Size(max = 200) String> policyName) {
    }

    /**
     * One event in the shape of Splunk's HTTP Event Collector: {@code time} in epoch seconds,
     * {@code event} a string or an object ({@code message}, {@code level}, {@code logger}...).
     */
    record HecEvent(@DecimalMin(value = "0", message = "must be epoch seconds")
            @DecimalMax(value = "1e11", message = "must be epoch seconds") Double time,
            @Identifier @Size(max = 200) String host,
            @PlainName @Size(max = 500) String source,
            @PlainName @Size(max = 200) String sourcetype,
            @Identifier @Size(max = 100) String index,
            @NotNull(message = REQUIRED) JsonNode event,
            @Size(max = 100) Map<@Identifier @Size(max = 100) String, @Size(max = 1000) String> fields) {
    }
}
