package com.saypro.triage.postmortem;

import com.saypro.triage.web.ConflictException;

/** The incident already has a post-mortem: 409 naming it ({@code postmortemId}, {@code Location}). */
class PostmortemExists extends ConflictException {

    private final long postmortemId;

    PostmortemExists(long incidentId, long postmortemId) {
        super("Incident " + incidentId + " already has post-mortem " + postmortemId);
        this.postmortemId = postmortemId;
    }

    long postmortemId() {
        return postmortemId;
    }
}
