package com.saypro.triage.incident;

import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.AuditLog;

/** The analyst resolves an incident; the change is audited with who did it. */
@Service
class ResolveIncident {

    private final IncidentRepository incidents;
    private final AuditLog audit;

    ResolveIncident(IncidentRepository incidents, AuditLog audit) {
        this.incidents = incidents;
        this.audit = audit;
    }

    /** False when the incident was no longer open (nothing changed, nothing recorded). */
    @Transactional
    boolean resolve(long incidentId) {
        if (!incidents.resolve(incidentId)) {
            return false;
        }
        audit.record("incident.resolved", "incident", String.valueOf(incidentId), "resolved the incident",
                Map.of("status", "OPEN"), Map.of("status", "RESOLVED"));
        return true;
    }
}
