package com.saypro.triage.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.support.Times;

/**
 * The notification outbox (the one owner of {@code notification_outbox}): what is to be sent
 * to which target, sent once per target, incident and reason, claimed by one sender at a time
 * and retried with back-off until it goes through or the attempts run out.
 */
@Repository
class Outbox {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";

    /** A notification to send (or sent). */
    record Item(long id, long targetId, long incidentId, String reason, String subject, String body, String severity,
            String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt,
            boolean coalesced) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Outbox(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Queues a notification; false when this target already has one for the incident and reason. */
    boolean enqueue(long targetId, long incidentId, String reason, String subject, String body, String severity,
            Instant now) {
        try {
            return jdbc.sql("""
                    INSERT INTO notification_outbox (target_id, incident_id, reason, subject, body, severity, status,
                    attempts, next_attempt_at, created_at) SELECT :target, :incident, :reason, :subject, :body,
                    :severity, 'PENDING', 0, :now, :now FROM notification_target t WHERE t.id = :target
                    AND NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.target_id = :target
                    AND o.incident_id = :incident AND o.reason = :reason)""")
                    .param("target", targetId).param("incident", incidentId).param("reason", reason)
                    .param("subject", clip(subject, 500)).param("body", clip(body, 4000)).param("severity", severity)
                    .param("now", Times.toDb(now)).update() == 1;
        } catch (DuplicateKeyException e) {
            return false; // another node queued it first
        }
    }

    /**
     * Claims the due notifications for a while ({@code lease}): read with {@code FOR UPDATE}
     * and marked in one short transaction, so two senders never take the same row; a sender
     * that dies leaves them to be claimed again when the lease ends.
     */
    List<Item> claimDue(Instant now, Duration lease, int limit) {
        return transactions.execute(status -> {
            List<Item> due = jdbc.sql("""
                    SELECT * FROM notification_outbox WHERE status = 'PENDING' AND next_attempt_at <= :now
                    AND (claimed_until IS NULL OR claimed_until < :now) ORDER BY id LIMIT :limit FOR UPDATE""")
                    .param("now", Times.toDb(now)).param("limit", limit).query(Outbox::row).list();
            for (Item item : due) {
                jdbc.sql("UPDATE notification_outbox SET claimed_until = :until WHERE id = :id")
                        .param("until", Times.toDb(now.plus(lease))).param("id", item.id()).update();
            }
            return due;
        });
    }

    void sent(Collection<Item> items, boolean coalesced, Instant now) {
        for (Item item : items) {
            jdbc.sql("""
                    UPDATE notification_outbox SET status = 'SENT', sent_at = :now, attempts = attempts + 1,
                    claimed_until = NULL, coalesced = :coalesced, last_error = NULL WHERE id = :id""")
                    .param("now", Times.toDb(now)).param("coalesced", coalesced).param("id", item.id()).update();
        }
    }

    /** A failed attempt: tried again after the back-off, or FAILED after the last attempt. */
    void failed(Collection<Item> items, String error, Instant now, Duration backoff, Duration maxBackoff,
            int maxAttempts) {
        for (Item item : items) {
            int attempts = item.attempts() + 1;
            long factor = 1L << Math.min(attempts - 1, 20);
            Duration wait = backoff.multipliedBy(factor);
            if (wait.compareTo(maxBackoff) > 0) {
                wait = maxBackoff;
            }
            jdbc.sql("""
                    UPDATE notification_outbox SET status = :status, attempts = :attempts, next_attempt_at = :next,
                    claimed_until = NULL, last_error = :error WHERE id = :id""")
                    .param("status", attempts >= maxAttempts ? FAILED : PENDING).param("attempts", attempts)
                    .param("next", Times.toDb(now.plus(wait))).param("error", NotificationTargets.clip(error))
                    .param("id", item.id()).update();
        }
    }

    /** Gives claimed rows back untouched (held by the rate limit). */
    void release(Collection<Item> items) {
        for (Item item : items) {
            jdbc.sql("UPDATE notification_outbox SET claimed_until = NULL WHERE id = :id").param("id", item.id())
                    .update();
        }
    }

    /** The latest notifications of a target, newest first. */
    List<Item> latest(long targetId, int limit) {
        return jdbc.sql("SELECT * FROM notification_outbox WHERE target_id = :target ORDER BY id DESC LIMIT :limit")
                .param("target", targetId).param("limit", limit).query(Outbox::row).list();
    }

    /** How many notifications of a target are in each status. */
    java.util.Map<String, Integer> counts(long targetId) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM notification_outbox WHERE target_id = :target GROUP BY status")
                .param("target", targetId).query((rs, n) -> counts.put(rs.getString("status"), rs.getInt("n"))).list();
        return counts;
    }

    private static Item row(ResultSet rs, int n) throws SQLException {
        return new Item(rs.getLong("id"), rs.getLong("target_id"), rs.getLong("incident_id"), rs.getString("reason"),
                rs.getString("subject"), rs.getString("body"), rs.getString("severity"), rs.getString("status"),
                rs.getInt("attempts"), Times.fromDb(rs, "next_attempt_at"), rs.getString("last_error"),
                Times.fromDb(rs, "created_at"), Times.fromDb(rs, "sent_at"), rs.getBoolean("coalesced"));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
