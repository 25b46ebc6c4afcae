package com.saypro.triage.ingest;

import java.util.List;

/** A signal body Triage cannot accept; nothing of it is stored. */
public class InvalidSignalException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidSignalException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid body" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidSignalException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> getErrors() {
        return errors;
    }
}
