package com.saypro.triage.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.incident.TimelineEntry;
import com.saypro.triage.playbook.PlaybookRun;

/**
 * The post-mortem of a resolved incident as the API returns it. {@code status} is
 * {@code draft}, {@code in_review} or {@code published}. {@code timeline} was drafted from the
 * incident's record and may be edited; {@code evidence} (the causes ranked when it was
 * drafted, with the rules that fired for and against each) and {@code playbookRuns} (the steps
 * as they were run, by whom and when) are what the incident showed when it was drafted.
 */
public record Postmortem(long id, long incidentId, String status, String title, String summary, Impact impact,
        String rootCauseCode, String rootCause, String fix, String wentWell, String wentWrong,
        List<TimelineEntry> timeline, String ruleBaseVersion, List<CauseEvidence> evidence,
        List<PlaybookRun> playbookRuns, List<Action> actions, List<Comment> comments, String createdBy,
        Instant createdAt, Instant updatedAt, String submittedBy, Instant submittedAt, String publishedBy,
        Instant publishedAt) {

    public static final String DRAFT = "draft";
    public static final String IN_REVIEW = "in_review";
    public static final String PUBLISHED = "published";
    public static final List<String> STATUSES = List.of(DRAFT, IN_REVIEW, PUBLISHED);

    /** Draft and in review: its text may still change. */
    public boolean editable() {
        return !PUBLISHED.equals(status);
    }

    /**
     * What the incident did: from {@code startedAt} (the first alert, or the opening) to
     * {@code endedAt} (the resolution), the {@code systems} it touched, the users affected
     * where known, and a {@code description} in words.
     */
    public record Impact(Instant startedAt, Instant endedAt, List<String> systems, Integer affectedUsers,
            String description) {

        @JsonProperty
        public Long durationSeconds() {
            return startedAt == null || endedAt == null ? null
                    : Math.max(0, Duration.between(startedAt, endedAt).toSeconds());
        }
    }

    /**
     * A cause the diagnosis ranked when the post-mortem was drafted, with the rules that voted
     * for and against it; {@code confirmed} when it is the root cause the analyst confirmed.
     */
    public record CauseEvidence(int rank, String causeCode, String title, String category, double confidence,
            boolean confirmed, List<Diagnosis.Evidence> evidence) {
    }

    /** {@code status}: open, done or cancelled; {@code overdue} when open after its due date. */
    public record Action(long id, int position, String text, String owner, LocalDate dueDate, String status,
            Instant doneAt, boolean overdue) {
    }

    /** {@code kind}: comment, or sent-back when a reviewer sent the post-mortem back to draft. */
    public record Comment(long id, String author, Instant at, String kind, String text) {
    }

    /** A line of {@code GET /api/v1/postmortems}. */
    public record Line(long id, long incidentId, String status, String title, String system, String severity,
            String createdBy, Instant createdAt, Instant publishedAt, int openActions, int overdueActions) {
    }
}
