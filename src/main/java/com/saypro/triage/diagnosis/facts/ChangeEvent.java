package com.saypro.triage.diagnosis.facts;

import java.time.Instant;

/** A change to a system: kind is deploy, config, schema or infrastructure. */
public final class ChangeEvent {

    private final long id;
    private final String system;
    private final String kind;
    private final String description;
    private final String version;
    private final String author;
    private final Instant timestamp;
    private final long minutesBeforeIncident;

    public ChangeEvent(long id, String system, String kind, String description, String version, String author,
            Instant timestamp, long minutesBeforeIncident) {
        this.id = id;
        this.system = system;
        this.kind = kind;
        this.description = description == null ? "" : description;
        this.version = version;
        this.author = author;
        this.timestamp = timestamp;
        this.minutesBeforeIncident = minutesBeforeIncident;
    }

    public long getId() { return id; }
    public String getSystem() { return system; }
    public String getKind() { return kind; }
    public String getDescription() { return description; }
    public String getVersion() { return version; }
    public String getAuthor() { return author; }
    public Instant getTimestamp() { return timestamp; }
    public long getMinutesBeforeIncident() { return minutesBeforeIncident; }

    /** The description in lower case, for keyword matching. */
    public String getText() { return description.toLowerCase(java.util.Locale.ROOT); }

    @Override
    public String toString() {
        return "Change (" + kind + ") on " + system + (version == null ? "" : " " + version) + ": " + description
                + " [" + minutesBeforeIncident + " min before the incident]";
    }
}
