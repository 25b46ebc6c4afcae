package com.saypro.triage.web;

/** No such thing (an incident, a run) with that id. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
