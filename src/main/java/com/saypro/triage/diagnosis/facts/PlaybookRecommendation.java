package com.saypro.triage.diagnosis.facts;

import java.util.Objects;

/**
 * A rule's advice to use a particular playbook for a cause, on top of the playbooks the
 * knowledge base links to that cause. Recommended playbooks are listed first.
 */
public final class PlaybookRecommendation {

    private final String causeCode;
    private final String playbookCode;
    private final String reason;

    public PlaybookRecommendation(String causeCode, String playbookCode, String reason) {
        this.causeCode = causeCode;
        this.playbookCode = playbookCode;
        this.reason = reason == null ? "" : reason;
    }

    public String getCauseCode() { return causeCode; }
    public String getPlaybookCode() { return playbookCode; }
    public String getReason() { return reason; }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlaybookRecommendation p && causeCode.equals(p.causeCode)
                && playbookCode.equals(p.playbookCode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(causeCode, playbookCode);
    }

    @Override
    public String toString() {
        return "Playbook " + playbookCode + " for " + causeCode + (reason.isEmpty() ? "" : ": " + reason);
    }
}
