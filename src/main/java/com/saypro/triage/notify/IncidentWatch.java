package com.saypro.triage.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.support.Times;

/**
 * Decides what to notify about. It compares each open or acknowledged incident with what it
 * last saw of it (table {@code notification_incident_state}, its own): an incident it has not
 * seen opened; a higher severity escalated it; a higher reopen count reopened it; still open
 * (not acknowledged) past {@code triage.notify.unacknowledged-after} (15 min) calls for one
 * reminder. Each finding is queued in the {@link Outbox} for every target that wants it.
 * Comparing states instead of catching events means nothing is missed when the process stops
 * between a commit and its notification. It only reads {@code incident}.
 */
@Component
class IncidentWatch {

    /** Something to tell about an incident: {@code reason} is the outbox key, {@code phrase} the words. */
    record Finding(long incidentId, String reason, String phrase) {
    }

    private record Seen(long id, String severity, int reopenCount, String status, boolean known, String notedSeverity,
            int notedReopens, Instant unackDueAt, boolean unackSent) {
    }

    private final JdbcClient jdbc;
    private final IncidentRepository incidents;
    private final NotificationTargets targets;
    private final Outbox outbox;
    private final NotificationMessages messages;
    private final Duration unacknowledgedAfter;
    private final Duration waitForDiagnosis;

    IncidentWatch(JdbcClient jdbc, IncidentRepository incidents, NotificationTargets targets, Outbox outbox,
            NotificationMessages messages,
            @Value("${triage.notify.unacknowledged-after:15m}") Duration unacknowledgedAfter,
            @Value("${triage.notify.wait-for-diagnosis:30s}") Duration waitForDiagnosis) {
        this.waitForDiagnosis = waitForDiagnosis;
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.targets = targets;
        this.outbox = outbox;
        this.messages = messages;
        this.unacknowledgedAfter = unacknowledgedAfter;
    }

    /** One look at the incidents at {@code now}; queues what is new and returns the findings. */
    synchronized List<Finding> scan(Instant now) {
        List<Seen> seen = jdbc.sql("""
                SELECT i.id, i.severity, i.reopen_count, i.status, s.incident_id AS known, s.severity AS noted_severity,
                s.reopen_count AS noted_reopens, s.unack_due_at, s.unack_sent
                FROM incident i LEFT JOIN notification_incident_state s ON s.incident_id = i.id
                WHERE i.status IN ('OPEN', 'ACKNOWLEDGED') AND i.merged_into IS NULL
                AND (i.diagnosed_revision IS NOT NULL OR i.updated_at <= :undiagnosedBefore) ORDER BY i.id""")
                // A new incident is told about once diagnosed (its top cause in the message), or after a
                // short wait if its diagnosis does not come.
                .param("undiagnosedBefore", Times.toDb(now.minus(waitForDiagnosis)))
                .query((rs, n) -> {
                    rs.getLong("known");
                    boolean known = !rs.wasNull();
                    return new Seen(rs.getLong("id"), rs.getString("severity"), rs.getInt("reopen_count"),
                            rs.getString("status"), known, rs.getString("noted_severity"), rs.getInt("noted_reopens"),
                            Times.fromDb(rs, "unack_due_at"), rs.getBoolean("unack_sent"));
                }).list();
        List<Finding> findings = new ArrayList<>();
        for (Seen s : seen) {
            findings.addAll(compare(s, now));
        }
        if (!findings.isEmpty()) {
            queue(findings, now);
        }
        return findings;
    }

    private List<Finding> compare(Seen s, Instant now) {
        List<Finding> found = new ArrayList<>();
        if (!s.known()) {
            try {
                jdbc.sql("""
                        INSERT INTO notification_incident_state (incident_id, severity, reopen_count, unack_due_at,
                        unack_sent) VALUES (:id, :severity, :reopens, :due, FALSE)""").param("id", s.id())
                        .param("severity", s.severity()).param("reopens", s.reopenCount())
                        .param("due", Times.toDb(now.plus(unacknowledgedAfter))).update();
            } catch (DuplicateKeyException e) {
                return found; // another node saw it first and tells about it
            }
            found.add(new Finding(s.id(), "opened", "opened"));
            return found;
        }
        if (Severities.rank(s.severity()) > Severities.rank(s.notedSeverity())) {
            found.add(new Finding(s.id(), "escalated:" + s.severity(), "escalated to " + s.severity()));
        }
        boolean reopened = s.reopenCount() > s.notedReopens();
        if (reopened) {
            found.add(new Finding(s.id(), "reopened:" + s.reopenCount(), "reopened: the fix did not hold"));
        }
        boolean remind = !reopened && "OPEN".equals(s.status()) && !s.unackSent() && !now.isBefore(s.unackDueAt());
        if (remind) {
            found.add(new Finding(s.id(), "unacknowledged:" + s.reopenCount(),
                    "still unacknowledged after " + minutes(unacknowledgedAfter)));
        }
        if (!found.isEmpty()) {
            jdbc.sql("""
                    UPDATE notification_incident_state SET severity = :severity, reopen_count = :reopens,
                    unack_due_at = :due, unack_sent = :sent WHERE incident_id = :id""")
                    .param("severity", Severities.rank(s.severity()) > Severities.rank(s.notedSeverity())
                            ? s.severity() : s.notedSeverity())
                    .param("reopens", s.reopenCount())
                    .param("due", Times.toDb(reopened ? now.plus(unacknowledgedAfter) : s.unackDueAt()))
                    .param("sent", remind || (s.unackSent() && !reopened)).param("id", s.id()).update();
        }
        return found;
    }

    private void queue(List<Finding> findings, Instant now) {
        List<NotificationTarget> all = targets.all();
        if (all.isEmpty()) {
            return;
        }
        Map<Long, IncidentSummary> summaries = incidents
                .findAll(findings.stream().map(Finding::incidentId).distinct().toList()).stream()
                .collect(Collectors.toMap(IncidentSummary::id, Function.identity()));
        for (Finding finding : findings) {
            IncidentSummary incident = summaries.get(finding.incidentId());
            if (incident == null) {
                continue;
            }
            NotificationMessages.Message message = messages.of(incident, finding.phrase());
            for (NotificationTarget target : all) {
                if (target.wants(incident.system(), incident.severity())) {
                    outbox.enqueue(target.id(), incident.id(), finding.reason(), message.subject(), message.body(),
                            incident.severity(), Times.now());
                }
            }
        }
    }

    static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
