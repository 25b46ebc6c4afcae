package com.saypro.triage.postmortem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.saypro.triage.web.Identifier;
import com.saypro.triage.web.PlainName;

/**
 * The request bodies (and page forms) that change a post-mortem. In an edit, a field left out
 * (or null) keeps its value; an empty text clears it (the title cannot be cleared).
 */
final class PostmortemEdit {

    static final String REQUIRED = "is required";
    static final int MAX_TEXT = 20_000;

    private PostmortemEdit() {
    }

    record Edit(@PlainName @Size(max = 300) String title,
            @Size(max = MAX_TEXT) String summary,
            @Valid ImpactEdit impact,
            @Identifier @Size(max = 100) String rootCauseCode,
            @Size(max = MAX_TEXT) String rootCause,
            @Size(max = MAX_TEXT) String fix,
            @Size(max = MAX_TEXT) String wentWell,
            @Size(max = MAX_TEXT) String wentWrong,
            @Size(max = 2000) List<@NotNull(message = "must be an object") @Valid Line> timeline) {
    }

    record ImpactEdit(Instant startedAt, Instant endedAt,
            @Size(max = 20) List<@NotBlank(message = REQUIRED) @Identifier @Size(max = 100) String> systems,
            @PositiveOrZero @Max(2_000_000_000) Integer affectedUsers,
            @Size(max = MAX_TEXT) String description) {
    }

    /** A line of the timeline: when, what kind (status, answer, note, signal...), what, and who. */
    record Line(@NotNull(message = REQUIRED) Instant at,
            @NotBlank(message = REQUIRED) @Identifier @Size(max = 30) String kind,
            @NotBlank(message = REQUIRED) @Size(max = 1000) String summary,
            @PlainName @Size(max = 100) String actor) {
    }

    record NewAction(@NotBlank(message = REQUIRED) @Size(max = 2000) String text,
            @NotBlank(message = REQUIRED) @PlainName @Size(max = 100) String owner,
            LocalDate dueDate) {
    }

    /** A change to an action item; fields left out keep their value. */
    record ActionChange(@Size(min = 1, max = 2000) String text,
            @PlainName @Size(min = 1, max = 100) String owner,
            LocalDate dueDate,
            @Pattern(regexp = "open|done|cancelled", message = "must be one of open, done, cancelled") String status) {
    }

    record CommentText(@NotBlank(message = REQUIRED) @Size(max = 5000) String text) {
    }

    /** Sending back to draft needs a reason. */
    record SendBack(@NotBlank(message = REQUIRED) @Size(max = 5000) String text) {
    }
}
