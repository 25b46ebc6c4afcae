package com.saypro.triage.learning;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.timeline.IncidentChanged;
import com.saypro.triage.timeline.IncidentEvent;

/**
 * When an incident is resolved, what it turned out to be changes the learned priors of the
 * open incidents of its system: they are marked for a new diagnosis, which the background
 * refresh does.
 */
@Component
class LearningOnResolve {

    private final JdbcClient jdbc;

    LearningOnResolve(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void resolved(IncidentChanged change) {
        if (!change.kind().contains(IncidentEvent.STATUS)) {
            return;
        }
        jdbc.sql("UPDATE incident SET diagnosed_version = NULL WHERE status IN ('OPEN', 'ACKNOWLEDGED')"
                + " AND system_name = (SELECT x.system_name FROM (SELECT system_name FROM incident WHERE id = ?"
                + " AND status = 'VERIFYING' AND resolved_at IS NOT NULL) x)").param(change.incidentId()).update();
    }
}
