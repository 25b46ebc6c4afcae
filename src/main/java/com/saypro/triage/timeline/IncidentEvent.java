package com.saypro.triage.timeline;

import java.time.Instant;

/**
 * One entry of an incident's record: what happened, when, and who did it ({@code actor}:
 * a user, {@code token:<name>} or {@code system}). {@code detail} is optional JSON.
 */
public record IncidentEvent(long id, long incidentId, Instant at, String kind, String summary, String actor,
        String detail) {

    public static final String STATUS = "status";
    public static final String ASSIGNMENT = "assignment";
    public static final String ANSWER = "answer";
    public static final String TOP_CAUSE = "top-cause";
    public static final String PLAYBOOK = "playbook";
    public static final String NOTE = "note";
    public static final String SIGNAL = "signal";
    public static final String MERGE = "merge";
    public static final String SPLIT = "split";
    public static final String POSTMORTEM = "postmortem";
}
