package com.saypro.triage.web;

/** A request parameter Triage cannot use; {@code field} names it. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String getField() {
        return field;
    }
}
