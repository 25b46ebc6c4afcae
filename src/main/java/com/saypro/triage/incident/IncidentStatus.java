package com.saypro.triage.incident;

import java.util.Locale;

/** Where an incident is in the analyst's workflow. */
public enum IncidentStatus {
    /** New, or reopened by a recurrence; takes new alerts of its system. */
    OPEN,
    /** Someone works it; still takes new alerts. */
    ACKNOWLEDGED,
    /** Resolved; watched for a recurrence until its window passes. Its record is frozen. */
    VERIFYING,
    /** The window passed quietly. */
    CLOSED;

    public boolean workable() {
        return this == OPEN || this == ACKNOWLEDGED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncidentStatus of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
