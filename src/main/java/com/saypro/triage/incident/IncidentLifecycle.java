package com.saypro.triage.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.security.UserAccounts;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentEvent;
import com.saypro.triage.timeline.IncidentEvents;
import com.saypro.triage.web.ConflictException;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/**
 * The analyst's workflow: open → acknowledged (assignee, reassignable) → verifying (resolved:
 * confirmed cause and fix, false alarm, or cause unknown; watched for a recurrence) → closed
 * when the watch window passes quietly. A recurrence while verifying reopens the incident and
 * records that the fix did not hold. Every transition lands on the incident's timeline and in
 * the audit log with who made it.
 */
@Service
public class IncidentLifecycle {

    public static final List<String> RESOLUTIONS = List.of("confirmed", "false_alarm", "unknown");

    private final JdbcClient jdbc;
    private final IncidentRepository incidents;
    private final IncidentEvents timeline;
    private final AuditLog audit;
    private final KnowledgeBase knowledge;
    private final DiagnosisService diagnoses;
    private final UserAccounts users;
    private final Systems systems;
    private final Duration verifyWindow;
    private final TransactionTemplate transactions;

    IncidentLifecycle(JdbcClient jdbc, IncidentRepository incidents, IncidentEvents timeline, AuditLog audit,
            KnowledgeBase knowledge, DiagnosisService diagnoses, UserAccounts users, Systems systems,
            @Value("${triage.incident.verify-window:30m}") Duration verifyWindow, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.systems = systems;
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
        this.knowledge = knowledge;
        this.diagnoses = diagnoses;
        this.users = users;
        this.verifyWindow = verifyWindow;
    }

    /** Takes (or reassigns) the incident; {@code assignee} null or blank: the caller. */
    @Transactional
    public IncidentSummary acknowledge(long id, String assignee) {
        IncidentSummary before = lockWorkable(id, "acknowledge");
        String who = assignee == null || assignee.isBlank() ? Actor.current() : assignee.trim();
        if (users.find(who).filter(u -> u.enabled()).isEmpty()) {
            throw new InvalidBodyException("assignee", "there is no user '" + who + "' who may sign in");
        }
        Instant now = Times.now();
        jdbc.sql("""
                UPDATE incident SET status = 'ACKNOWLEDGED', assignee = :who,
                    acknowledged_at = COALESCE(acknowledged_at, :now), last_activity_at = :now, updated_at = :now
                WHERE id = :id""").param("who", who).param("now", Times.toDb(now)).param("id", id).update();
        if (before.status().equals("open")) {
            timeline.record(id, IncidentEvent.STATUS, "acknowledged; assigned to " + who, Map.of("status", "acknowledged"));
        } else if (!who.equals(before.assignee())) {
            timeline.record(id, IncidentEvent.ASSIGNMENT, "reassigned from " + before.assignee() + " to " + who,
                    Map.of("assignee", who));
        }
        IncidentSummary after = incidents.get(id);
        audit.record("incident.acknowledged", "incident", String.valueOf(id), "assigned to " + who,
                state(before), state(after));
        return after;
    }

    /**
     * Resolves the incident: {@code confirmed} needs a cause the knowledge base knows (422
     * otherwise). The diagnosis as it stands is kept as the incident's record; new alerts of
     * the system open a new incident, except a recurrence within the watch window, which
     * reopens this one.
     */
    public IncidentSummary resolve(long id, String resolution, String causeCode, String fix) {
        // The record to keep: the diagnosis of the facts as they are now. It is brought up to date
        // before the incident is locked, since the worker that diagnoses it writes to its row.
        if (incidents.find(id).filter(IncidentSummary::workable).isPresent()) {
            diagnoses.diagnosis(id);
        }
        return transactions.execute(status -> resolveLocked(id, resolution, causeCode, fix));
    }

    private IncidentSummary resolveLocked(long id, String resolution, String causeCode, String fix) {
        IncidentSummary before = lockWorkable(id, "resolve");
        String kind = resolution == null || resolution.isBlank() ? "unknown" : resolution.trim();
        if (!RESOLUTIONS.contains(kind)) {
            throw new InvalidBodyException("resolution", "must be one of confirmed, false_alarm, unknown");
        }
        String cause = causeCode == null || causeCode.isBlank() ? null : causeCode.trim();
        if (kind.equals("confirmed") && (cause == null || knowledge.cause(cause).isEmpty())) {
            throw new ConflictException("causeCode", cause == null ? "a confirmed root cause needs its causeCode"
                    : "there is no cause '" + cause + "' in the knowledge base", true);
        }
        if (!kind.equals("confirmed")) {
            cause = null;
        }
        Instant now = Times.now();
        Duration window = systems.system(before.system()).flatMap(s -> s.windows().verifyWindow())
                .orElse(verifyWindow);
        jdbc.sql("""
                UPDATE incident SET status = 'VERIFYING', resolved_at = :now, resolved_by = :by,
                    resolution = :kind, confirmed_cause = :cause, fix_applied = :fix, verify_until = :until,
                    fix_held = NULL, last_activity_at = :now, updated_at = :now
                WHERE id = :id""").param("now", Times.toDb(now)).param("by", Actor.current()).param("kind", kind)
                .param("cause", cause).param("fix", fix == null || fix.isBlank() ? null : fix.trim())
                .param("until", Times.toDb(now.plus(window))).param("id", id).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("resolution", kind);
        if (cause != null) {
            detail.put("causeCode", cause);
        }
        timeline.record(id, IncidentEvent.STATUS, switch (kind) {
            case "confirmed" -> "resolved: root cause " + knowledge.cause(cause).map(c -> c.title()).orElse(cause)
                    + (fix == null || fix.isBlank() ? "" : "; fix: " + fix.trim());
            case "false_alarm" -> "resolved as a false alarm (no action needed)";
            default -> "resolved with the cause unknown" + (fix == null || fix.isBlank() ? "" : "; fix: " + fix.trim());
        } + "; watching for a recurrence for " + window.toMinutes() + " minutes",
                detail);
        IncidentSummary after = incidents.get(id);
        audit.record("incident.resolved", "incident", String.valueOf(id), "resolved (" + kind + ")", state(before),
                state(after));
        return after;
    }

    /** A note on the incident's timeline (what was tried, what was found); kept even after it closes. */
    @Transactional
    public void note(long id, String text) {
        if (!incidents.lock(id)) {
            throw new NotFoundException("There is no incident " + id);
        }
        if (text == null || text.isBlank()) {
            throw new InvalidBodyException("text", "is required");
        }
        if (text.length() > 5000) {
            throw new InvalidBodyException("text", "must be at most 5000 characters");
        }
        jdbc.sql("UPDATE incident SET last_activity_at = :now WHERE id = :id").param("now", Times.toDb(Times.now()))
                .param("id", id).update();
        timeline.record(id, IncidentEvent.NOTE, text.strip(), null);
    }

    /** Closes incidents whose watch window passed without a recurrence: their fix held. */
    @Transactional
    public int closeQuietOnes(Instant now) {
        List<Long> due = jdbc.sql("SELECT id FROM incident WHERE status = 'VERIFYING' AND verify_until <= :now"
                + " ORDER BY id FOR UPDATE").param("now", Times.toDb(now)).query(Long.class).list();
        for (long id : due) {
            jdbc.sql("""
                    UPDATE incident SET status = 'CLOSED', closed_at = :now, fix_held = TRUE, last_activity_at = :now,
                        updated_at = :now WHERE id = :id AND status = 'VERIFYING'""")
                    .param("now", Times.toDb(now)).param("id", id).update();
            timeline.recordAs(Actor.SYSTEM, now, id, IncidentEvent.STATUS,
                    "closed: no recurrence during the watch window; the fix held", Map.of("status", "closed"));
        }
        return due.size();
    }

    /**
     * A recurrence: the incident, verifying, opens again (taking its system's new alerts),
     * and its fix is recorded as not holding. Runs inside the ingestion transaction; false
     * when the incident is no longer verifying.
     */
    boolean reopen(long id, String system, String why, Instant now) {
        int changed = jdbc.sql("""
                UPDATE incident SET status = 'OPEN', reopened = TRUE,
                    reopen_count = reopen_count + 1, fix_held = FALSE, verify_until = NULL, last_activity_at = :now,
                    updated_at = :now WHERE id = :id AND status = 'VERIFYING'""")
                .param("now", Times.toDb(now)).param("id", id).update();
        if (changed == 1) {
            timeline.recordAs(Actor.SYSTEM, now, id, IncidentEvent.STATUS, "reopened: " + why
                    + "; the fix did not hold", Map.of("status", "open", "reopened", true));
        }
        return changed == 1;
    }

    /**
     * Locks the incident for the rest of the transaction and returns it; 404 when there is no
     * such incident, 409 when it is no longer worked (verifying or closed).
     */
    public IncidentSummary lockWorkable(long id, String action) {
        if (!incidents.lock(id)) {
            throw new NotFoundException("There is no incident " + id);
        }
        IncidentSummary incident = incidents.get(id);
        if (!incident.workable()) {
            throw new ConflictException("Incident " + id + " is " + incident.status() + "; it cannot " + action
                    + " any more (its record is kept as it was resolved)");
        }
        return incident;
    }

    private static Map<String, Object> state(IncidentSummary incident) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", incident.status());
        state.put("assignee", incident.assignee() == null ? "" : incident.assignee());
        if (incident.resolution() != null) {
            state.put("resolution", incident.resolution().kind());
            state.put("causeCode", incident.resolution().causeCode() == null ? "" : incident.resolution().causeCode());
        }
        return state;
    }
}
