package com.saypro.triage.audit;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

/**
 * The audit log: every change to incidents, knowledge, rules, users and tokens. Rows are only
 * inserted, in the transaction of the change they describe, so a change and its record commit
 * or roll back together. Nothing in Triage updates or deletes them.
 */
@Repository
public class AuditLog {

    private static final int MAX_SUMMARY = 500;
    private static final int MAX_TARGET = 200;

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a change by the current actor; {@code before} and {@code after} are written as JSON (null: none). */
    public void record(String action, String targetKind, String targetId, String summary, Object before,
            Object after) {
        recordAs(Actor.current(), action, targetKind, targetId, summary, before, after);
    }

    public void recordAs(String actor, String action, String targetKind, String targetId, String summary,
            Object before, Object after) {
        jdbc.sql("""
                INSERT INTO audit_event (at, actor, action, target_kind, target_id, summary, before_json, after_json)
                VALUES (:at, :actor, :action, :kind, :target, :summary, :before, :after)""")
                .param("at", Times.toDb(Times.now()))
                .param("actor", clip(actor, 100))
                .param("action", action)
                .param("kind", targetKind)
                .param("target", clip(targetId, MAX_TARGET))
                .param("summary", clip(summary, MAX_SUMMARY))
                .param("before", before == null ? null : Json.write(before))
                .param("after", after == null ? null : Json.write(after))
                .update();
    }

    /** The newest events first, optionally only those of one kind of target. */
    public List<AuditEvent> latest(String targetKind, int limit) {
        String where = targetKind == null || targetKind.isBlank() ? "" : " WHERE target_kind = :kind";
        var query = jdbc.sql("SELECT * FROM audit_event" + where + " ORDER BY id DESC LIMIT :limit")
                .param("limit", limit);
        if (!where.isEmpty()) {
            query = query.param("kind", targetKind);
        }
        return query.query((rs, n) -> new AuditEvent(rs.getLong("id"), Times.fromDb(rs, "at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("target_kind"), rs.getString("target_id"),
                rs.getString("summary"), rs.getString("before_json"), rs.getString("after_json"))).list();
    }

    /** The kinds of target the log holds entries for, for filtering. */
    public List<String> kinds() {
        return jdbc.sql("SELECT DISTINCT target_kind FROM audit_event ORDER BY target_kind").query(String.class).list();
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
