package com.saypro.triage.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.saypro.triage.support.Times;
import com.saypro.triage.web.BadRequestException;

/**
 * The window of a report: incidents opened from {@code from} (inclusive) to {@code to}
 * (exclusive). Each bound is an ISO date ({@code 2026-11-01}, midnight UTC; a date as
 * {@code to} includes that whole day) or an instant ({@code 2026-11-01T08:00:00Z}); by
 * default the 90 days up to now.
 */
record ReportPeriod(Instant from, Instant to) {

    static final Duration DEFAULT = Duration.ofDays(90);

    static ReportPeriod of(String from, String to) {
        Instant end = blank(to) ? Times.now() : parse("to", to, true);
        Instant start = blank(from) ? end.minus(DEFAULT) : parse("from", from, false);
        if (!start.isBefore(end)) {
            throw new BadRequestException("from", "must be before to");
        }
        return new ReportPeriod(start, end);
    }

    /** The bounds as dates for the page's inputs ({@code to} as the last day included). */
    String fromDate() {
        return from.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    String toDate() {
        return to.minusMillis(1).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant parse(String field, String value, boolean endOfDay) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, "must be a date (2026-11-01) or an instant (2026-11-01T08:00:00Z)");
        }
    }
}
