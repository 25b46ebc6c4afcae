package com.saypro.triage.diagnosis.facts;

import java.time.Instant;
import java.util.Locale;

/** One log line from a forwarder. {@code level} is upper case (ERROR, WARN, INFO, ...). */
public final class LogEvent {

    private final long id;
    private final String system;
    private final String component;
    private final String level;
    private final String message;
    private final String logger;
    private final Instant timestamp;
    private final long minutesBeforeIncident;

    public LogEvent(long id, String system, String component, String level, String message, String logger,
            Instant timestamp, long minutesBeforeIncident) {
        this.id = id;
        this.system = system;
        this.component = component;
        this.level = level == null ? "INFO" : level.toUpperCase(Locale.ROOT);
        this.message = message == null ? "" : message;
        this.logger = logger;
        this.timestamp = timestamp;
        this.minutesBeforeIncident = minutesBeforeIncident;
    }

    public long getId() { return id; }
    public String getSystem() { return system; }
    public String getComponent() { return component; }
    public String getLevel() { return level; }
    public String getMessage() { return message; }
    public String getLogger() { return logger; }
    public Instant getTimestamp() { return timestamp; }
    public long getMinutesBeforeIncident() { return minutesBeforeIncident; }

    /** ERROR, FATAL or CRITICAL. */
    public boolean isError() {
        return "ERROR".equals(level) || "FATAL".equals(level) || "CRITICAL".equals(level);
    }

    /** The message in lower case, for case-insensitive keyword matching. */
    public String getText() { return message.toLowerCase(Locale.ROOT); }

    @Override
    public String toString() {
        String shortMessage = message.length() > 240 ? message.substring(0, 237) + "..." : message;
        return "Log " + level + " on " + system + (component == null || component.isEmpty() ? "" : "/" + component)
                + ": " + shortMessage;
    }
}
