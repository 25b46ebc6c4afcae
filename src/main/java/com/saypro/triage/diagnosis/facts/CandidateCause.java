package com.saypro.triage.diagnosis.facts;

/**
 * One rule's vote for a root cause. {@code confidence} is how strongly this one piece of
 * evidence points at the cause, in 0..1; a negative value (down to -1) is evidence against
 * it. All votes for one cause are combined after the rules have run: the positive ones as a
 * noisy OR (independent evidence adds up but never passes 1), and each negative one scales
 * the result down by its size.
 * <p>
 * Each vote is its own fact (no value equality), so the engine records which rule cast it
 * and which facts that rule matched: that record is the evidence shown to the analyst.
 */
public final class CandidateCause {

    private final String causeCode;
    private final double confidence;
    private final String reason;

    public CandidateCause(String causeCode, double confidence, String reason) {
        if (confidence < -1 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be within -1..1, was " + confidence);
        }
        this.causeCode = causeCode;
        this.confidence = confidence;
        this.reason = reason == null ? "" : reason;
    }

    public CandidateCause(String causeCode, double confidence) {
        this(causeCode, confidence, "");
    }

    public String getCauseCode() { return causeCode; }
    public double getConfidence() { return confidence; }
    public String getReason() { return reason; }

    @Override
    public String toString() {
        return "CandidateCause " + causeCode + " " + confidence + (reason.isEmpty() ? "" : ": " + reason);
    }
}
