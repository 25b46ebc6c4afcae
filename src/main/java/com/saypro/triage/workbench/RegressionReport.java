package com.saypro.triage.workbench;

import java.util.List;

/**
 * What a draft rule base does to the incidents whose root cause was confirmed: per case, the
 * confirmed cause's rank with the rules in use ({@code rankBefore}) and with the draft
 * ({@code rankAfter}); null when the cause is not among the candidates at all. A case is
 * {@code worse} when the cause ranks lower than before, and {@code failing} when it was in the
 * top {@value RegressionSuite#TOP} before and is not any more: a draft with a failing case is
 * not published unless an engineer overrides with a reason.
 */
public record RegressionReport(String liveVersion, String draftVersion, int cases, int improved, int worse,
        int unchanged, int failing, long millis, List<Case> results) {

    public record Case(long incidentId, String title, String system, String confirmedCause, Integer rankBefore,
            Integer rankAfter, double confidenceBefore, double confidenceAfter, String topBefore, String topAfter,
            boolean worse, boolean failing) {

        public boolean improved() {
            return rankAfter != null && (rankBefore == null || rankAfter < rankBefore);
        }
    }

    public boolean passed() {
        return failing == 0;
    }

    /** One line for logs, health and the audit log. */
    public String summary() {
        return cases + " confirmed incidents replayed in " + millis + " ms: " + improved + " better, " + worse
                + " worse, " + unchanged + " unchanged" + (failing == 0 ? ""
                        : "; " + failing + " confirmed cause" + (failing == 1 ? "" : "s") + " left the top "
                                + RegressionSuite.TOP);
    }
}
