package com.saypro.triage.diagnosis.facts;

/**
 * A question the engine wants the analyst to answer. {@code code} names a question in the
 * knowledge base (its text and options live there); {@code reason} says why it is asked now.
 * The same question asked by two rules is one question.
 */
public final class Question {

    private final String code;
    private final String reason;

    public Question(String code, String reason) {
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    public Question(String code) {
        this(code, "");
    }

    public String getCode() { return code; }
    public String getReason() { return reason; }

    @Override
    public boolean equals(Object other) {
        return other instanceof Question q && code.equals(q.code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return "Question " + code + (reason.isEmpty() ? "" : ": " + reason);
    }
}
