package com.saypro.triage.playbook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A playbook followed on an incident: who started it and when, and its steps as they read
 * when it started, each with its latest outcome ({@code done}, {@code failed}, {@code skipped},
 * or null while not recorded), note, who recorded it and when. A check step that
 * {@code answers} a question may carry a {@code finding}: the answer it found.
 * {@code playbookVersion}: the version of the playbook it started from (null when the playbook
 * had not been edited in Triage by then).
 */
public record PlaybookRun(long id, long incidentId, String playbook, Integer playbookVersion, String title,
        String startedBy, Instant startedAt, List<Step> steps) {

    public record Step(int position, String kind, String text, String answers, String outcome, String note, String by,
            Instant at, Finding finding) {
    }

    public record Finding(String question, String answer) {
    }

    public Optional<Step> step(int position) {
        return steps.stream().filter(s -> s.position() == position).findFirst();
    }

    /** How many steps have an outcome (the "3" of "3 of 6 steps"). */
    public long recordedSteps() {
        return steps.stream().filter(s -> s.outcome() != null).count();
    }
}
