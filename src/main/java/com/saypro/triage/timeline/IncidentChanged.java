package com.saypro.triage.timeline;

/**
 * Published (as a Spring application event) whenever something about an incident changed:
 * new signals, a new diagnosis, a status, an answer, a playbook step. Listeners that push
 * changes to browsers should act after the transaction commits.
 */
public record IncidentChanged(long incidentId, String kind) {
}
