package com.saypro.triage.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.web.FieldError;
import com.saypro.triage.web.TextRules;

/**
 * A threshold as people write it, in kb-seed/thresholds.yaml or a PUT body, before it is
 * checked: {@code for} ("5m") and {@code samples} ("3 of 5") in words, the rest as stored.
 */
record ThresholdSetting(String system, String metric, String alert, String comparison, Double value, Double clear,
        Long forSeconds, Integer samplesNeeded, Integer samplesOf, String severity) {

    static final long MAX_FOR_SECONDS = 24 * 3600;
    /** N of M looks back over readings of the last 30 minutes at most (their expiry). */
    static final int MAX_SAMPLES = 100;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h)");
    private static final Pattern SAMPLES = Pattern.compile("(\\d{1,3})\\s+of\\s+(\\d{1,3})");

    /** "5m", "30s", "2h" in seconds; null when absent; -1 when unreadable. */
    static Long seconds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1L;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
        case "h" -> n * 3600;
        case "m" -> n * 60;
        default -> n;
        };
    }

    /** "3 of 5" as {3, 5}; null when absent; {-1, -1} when unreadable. */
    static int[] samples(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = SAMPLES.matcher(text.strip().toLowerCase(Locale.ROOT));
        return m.matches() ? new int[] { Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) }
                : new int[] { -1, -1 };
    }

    /** The problems of this setting, by field; none when it can be used. */
    List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (system == null || system.isBlank() || system.length() > 100
                || !(Threshold.EVERY_SYSTEM.equals(system) || TextRules.isIdentifier(system))) {
            errors.add(new FieldError("system", "must be a system code or * (every system)"));
        }
        if (metric == null || metric.isBlank() || !TextRules.isIdentifier(metric) || metric.length() > 200) {
            errors.add(new FieldError("metric", "must be a metric name"));
        }
        if (alert == null || !alert.matches("[A-Za-z][A-Za-z0-9_]{0,199}")) {
            errors.add(new FieldError("alert", "must be an alert name of letters, digits and _ (ResponseTimeHigh)"));
        }
        if (!Threshold.ABOVE.equals(comparison) && !Threshold.BELOW.equals(comparison)) {
            errors.add(new FieldError("comparison", "must be above or below"));
        }
        if (value == null || !Double.isFinite(value)) {
            errors.add(new FieldError("value", "is required, a finite number"));
        } else if (clear != null && (!Double.isFinite(clear) || (Threshold.ABOVE.equals(comparison) && clear > value)
                || (Threshold.BELOW.equals(comparison) && clear < value))) {
            errors.add(new FieldError("clear", "must be a number on the healthy side of value (at or below it for"
                    + " above, at or above it for below)"));
        }
        if (forSeconds != null && (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS)) {
            errors.add(new FieldError("for", "must be a duration from 0s to 24h (30s, 5m, 2h)"));
        }
        int needed = samplesNeeded == null ? 1 : samplesNeeded;
        int of = samplesOf == null ? needed : samplesOf;
        if (needed < 1 || of < needed || of > MAX_SAMPLES) {
            errors.add(new FieldError("samples", "must be N of M with 1 <= N <= M <= " + MAX_SAMPLES));
        }
        if (severity != null && !severity.matches("critical|warning|info")) {
            errors.add(new FieldError("severity", "must be one of critical, warning, info"));
        }
        return errors;
    }

    /** The threshold this setting describes; call only when it has no {@link #problems()}. */
    Threshold toThreshold(String origin) {
        int needed = samplesNeeded == null ? 1 : samplesNeeded;
        return new Threshold(system, metric, alert, comparison, value, clear == null ? value : clear,
                forSeconds == null ? 0 : forSeconds, needed, samplesOf == null ? needed : samplesOf,
                severity == null ? "warning" : severity, origin);
    }
}
