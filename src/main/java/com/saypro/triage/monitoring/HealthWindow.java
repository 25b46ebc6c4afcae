package com.saypro.triage.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.saypro.triage.web.BadRequestException;

/**
 * The time span a health chart covers, cut into buckets of equal length (at most about 300
 * per series): the last hour, day or week, or two hours around a moment (an incident's start).
 * The start is aligned to a bucket boundary, so a refresh keeps the same buckets.
 */
record HealthWindow(String name, Instant from, Instant to, long bucketSeconds) {

    static final String HOUR = "1h";
    static final String DAY = "1d";
    static final String WEEK = "1w";
    static final String AROUND = "around";
    private static final Duration AROUND_SPAN = Duration.ofHours(1);

    /** The last hour (15 s buckets), day (5 min) or week (1 h) up to now. */
    static HealthWindow last(String name, Instant now) {
        return switch (name == null ? HOUR : name) {
        case HOUR -> ending(HOUR, now, 3600, 15);
        case DAY -> ending(DAY, now, 86_400, 300);
        case WEEK -> ending(WEEK, now, 7 * 86_400, 3600);
        default -> throw new BadRequestException("window", "must be one of 1h, 1d, 1w");
        };
    }

    /** From an hour before to an hour after the moment (ISO-8601, e.g. 2026-11-20T10:00:00Z), 30 s buckets. */
    static HealthWindow around(String moment) {
        Instant at;
        try {
            at = Instant.parse(moment);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("around", "must be an ISO-8601 instant such as 2026-11-20T10:00:00Z");
        }
        long bucket = 30;
        Instant from = Instant.ofEpochSecond(Math.floorDiv(at.minus(AROUND_SPAN).getEpochSecond(), bucket) * bucket);
        return new HealthWindow(AROUND, from, at.plus(AROUND_SPAN), bucket);
    }

    private static HealthWindow ending(String name, Instant now, long spanSeconds, long bucket) {
        long from = Math.floorDiv(now.getEpochSecond() - spanSeconds, bucket) * bucket;
        return new HealthWindow(name, Instant.ofEpochSecond(from), now, bucket);
    }

    /** The page's choice, kept in its URL: 1h unless a known window is asked for. */
    static String pageChoice(String asked) {
        return DAY.equals(asked) || WEEK.equals(asked) ? asked : HOUR;
    }

    /** The start of bucket n, in epoch seconds. */
    long bucketStart(long n) {
        return from.getEpochSecond() + n * bucketSeconds;
    }
}
