package com.saypro.triage.incident;

/** No incident with that id. */
public class IncidentNotFoundException extends RuntimeException {

    public IncidentNotFoundException(long id) {
        super("There is no incident " + id);
    }
}
