package com.saypro.triage.web;

/**
 * A request that is well formed but cannot be carried out in the current state (answering a
 * closed incident, confirming a cause nobody knows): 409, or 422 when {@link #unprocessable()}.
 */
public class ConflictException extends RuntimeException {

    private final String field;
    private final boolean unprocessable;

    public ConflictException(String message) {
        this(null, message, false);
    }

    public ConflictException(String field, String message, boolean unprocessable) {
        super(message);
        this.field = field;
        this.unprocessable = unprocessable;
    }

    /** A field the problem is about, or null. */
    public String getField() {
        return field;
    }

    public boolean unprocessable() {
        return unprocessable;
    }
}
