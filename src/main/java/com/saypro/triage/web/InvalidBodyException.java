package com.saypro.triage.web;

import java.util.List;

/** A request body Triage cannot accept (a signal, an answer); nothing of it is stored. */
public class InvalidBodyException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidBodyException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid body" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidBodyException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    /** The problems in words, for a page: "field message; field message". */
    public String describe() {
        return errors.stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse(getMessage());
    }
}
