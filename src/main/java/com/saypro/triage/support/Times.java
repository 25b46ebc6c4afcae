package com.saypro.triage.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants are stored as UTC DATETIME(3) columns. Values are cut to the millisecond before
 * they reach the database: MariaDB truncates finer fractions, H2 rounds them.
 */
public final class Times {

    private Times() {
    }

    public static LocalDateTime toDb(Instant instant) {
        return instant == null ? null
                : LocalDateTime.ofInstant(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    public static Instant fromDb(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    /** Now, to the millisecond, as the database keeps it. */
    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
