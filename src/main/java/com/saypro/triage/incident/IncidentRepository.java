package com.saypro.triage.incident;

import com.saypro.triage.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

/** Reads incidents, their alerts and answers; records answers. */
@Repository
public class IncidentRepository {

    private static final String SUMMARY_COLUMNS = "id, system_name, title, severity, status, opened_at, updated_at,"
            + " resolved_at, alert_count, diagnosed_revision, top_cause_code, top_cause_title, top_confidence,"
            + " assignee, reopened, acknowledged_at, verify_until, closed_at, last_activity_at, resolution,"
            + " confirmed_cause, fix_applied, resolved_by, fix_held, last_signal_at, merged_into";

    private final JdbcClient jdbc;

    public IncidentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; no statuses for all. */
    public List<IncidentSummary> list(java.util.Collection<IncidentStatus> statuses, int limit) {
        if (statuses == null || statuses.isEmpty()) {
            return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM incident ORDER BY opened_at DESC, id DESC LIMIT "
                    + limit).query(IncidentRepository::summary).list();
        }
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM incident WHERE status IN (:statuses)"
                + " ORDER BY opened_at DESC, id DESC LIMIT " + limit)
                .param("statuses", statuses.stream().map(IncidentStatus::name).toList())
                .query(IncidentRepository::summary).list();
    }

    /** A line of the board: the incident, and whether its alerts all resolved and stayed quiet. */
    public record BoardLine(IncidentSummary incident, boolean alertsQuiet) {
    }

    /**
     * The board: incidents that pass the filter, most recent activity first. An incident
     * being worked whose alerts have all resolved, none of them since {@code quietSince}, is
     * {@link BoardLine#alertsQuiet() quiet}: it can probably be resolved.
     */
    public List<BoardLine> board(BoardFilter filter, java.time.Instant quietSince, int limit) {
        StringBuilder where = new StringBuilder(" WHERE status IN (:statuses)");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("statuses", filter.statuses().stream().map(IncidentStatus::name).toList());
        params.put("quietSince", Times.toDb(quietSince));
        if (filter.system() != null) {
            where.append(" AND system_name = :system");
            params.put("system", filter.system());
        }
        if (filter.severity() != null) {
            where.append(" AND severity = :severity");
            params.put("severity", filter.severity().toLowerCase(java.util.Locale.ROOT));
        }
        if (BoardFilter.UNASSIGNED.equals(filter.assignee())) {
            where.append(" AND assignee IS NULL");
        } else if (filter.assignee() != null) {
            where.append(" AND assignee = :assignee");
            params.put("assignee", filter.assignee());
        }
        String quiet = "CASE WHEN status IN ('OPEN', 'ACKNOWLEDGED')"
                + " AND EXISTS (SELECT 1 FROM alert a WHERE a.incident_id = incident.id)"
                + " AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.incident_id = incident.id AND (a.status = 'firing'"
                + " OR COALESCE(a.ends_at, a.last_received_at) > :quietSince)) THEN 1 ELSE 0 END AS alerts_quiet";
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", " + quiet + " FROM incident" + where
                + " ORDER BY COALESCE(last_activity_at, updated_at) DESC, id DESC LIMIT " + limit).params(params)
                .query((rs, n) -> new BoardLine(summary(rs, n), rs.getInt("alerts_quiet") == 1)).list();
    }

    /** The systems and the assignees incidents have, for the board's filters. */
    public record BoardChoices(List<String> systems, List<String> assignees) {
    }

    public BoardChoices boardChoices() {
        return new BoardChoices(
                jdbc.sql("SELECT DISTINCT system_name FROM incident ORDER BY system_name").query(String.class).list(),
                jdbc.sql("SELECT DISTINCT assignee FROM incident WHERE assignee IS NOT NULL ORDER BY assignee")
                        .query(String.class).list());
    }

    /** The incidents of these ids that exist, in no particular order. */
    public List<IncidentSummary> findAll(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM incident WHERE id IN (:ids)").param("ids", ids)
                .query(IncidentRepository::summary).list();
    }

    public Optional<IncidentSummary> find(long id) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM incident WHERE id = ?").param(id)
                .query(IncidentRepository::summary).optional();
    }

    public IncidentSummary get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("There is no incident " + id));
    }

    /**
     * Locks the incident's row for the rest of the transaction; call it first, so that what
     * the transaction reads afterwards includes everything committed before the lock.
     */
    public boolean lock(long id) {
        return !jdbc.sql("SELECT id FROM incident WHERE id = ? FOR UPDATE").param(id).query(Long.class).list()
                .isEmpty();
    }

    public List<StoredAlert> alerts(long incidentId) {
        return alerts(incidentId, 0, Integer.MAX_VALUE);
    }

    /**
     * A page of the incident's alerts in the order they arrived: an incident may hold tens of
     * thousands, and a page reads only what it shows. The page's ids come from the index on
     * incident_id alone, so the alerts skipped to reach a late page are not read.
     */
    public List<StoredAlert> alerts(long incidentId, int offset, int limit) {
        return jdbc.sql("SELECT a.id, a.name, a.component, a.severity, a.status, a.labels, a.annotations, a.starts_at,"
                + " a.ends_at, a.duplicates, a.source FROM alert a JOIN (SELECT id FROM alert WHERE incident_id = ?"
                + " ORDER BY id LIMIT " + limit + " OFFSET " + offset + ") page ON page.id = a.id ORDER BY a.id")
                .param(incidentId)
                .query((rs, n) -> new StoredAlert(rs.getLong("id"), rs.getString("name"), rs.getString("component"),
                        rs.getString("severity"), rs.getString("status"), Json.readStringMap(rs.getString("labels")),
                        Json.readStringMap(rs.getString("annotations")), Times.fromDb(rs, "starts_at"),
                        Times.fromDb(rs, "ends_at"), rs.getInt("duplicates"), rs.getString("source")))
                .list();
    }

    /** Records an answer (the latest answer to a question counts) and marks the facts changed. */
    public void addAnswer(long incidentId, String question, String value, String answeredBy) {
        var now = Times.toDb(Times.now());
        jdbc.sql("INSERT INTO answer (incident_id, question_code, answer_value, answered_at, answered_by)"
                + " VALUES (?, ?, ?, ?, ?)").params(incidentId, question, value, now, answeredBy).update();
        jdbc.sql("UPDATE incident SET facts_revision = facts_revision + 1, updated_at = ?, last_activity_at = ?"
                + " WHERE id = ?").params(now, now, incidentId).update();
    }

    /** An answer the analyst gave, when and by whom (null when unnamed); the latest answer to each question counts. */
    public record GivenAnswer(String question, String value, java.time.Instant answeredAt, String answeredBy) {
    }

    public List<GivenAnswer> answers(long incidentId) {
        java.util.Map<String, GivenAnswer> latest = new java.util.TreeMap<>();
        jdbc.sql("SELECT question_code, answer_value, answered_at, answered_by FROM answer WHERE incident_id = ?"
                + " ORDER BY id").param(incidentId).query((rs, n) -> new GivenAnswer(rs.getString(1), rs.getString(2),
                        Times.fromDb(rs, "answered_at"), rs.getString(4)))
                .list().forEach(a -> latest.put(a.question(), a));
        return List.copyOf(latest.values());
    }

    private static Long mergedInto(ResultSet rs) throws SQLException {
        long into = rs.getLong("merged_into");
        return rs.wasNull() ? null : into;
    }

    private static IncidentSummary summary(ResultSet rs, int row) throws SQLException {
        String topCode = rs.getString("top_cause_code");
        IncidentSummary.TopCause top = topCode == null ? null
                : new IncidentSummary.TopCause(topCode, rs.getString("top_cause_title"), rs.getDouble("top_confidence"));
        rs.getInt("diagnosed_revision");
        boolean diagnosed = !rs.wasNull();
        String resolution = rs.getString("resolution");
        boolean fixHeld = rs.getBoolean("fix_held");
        Boolean held = rs.wasNull() ? null : fixHeld;
        return new IncidentSummary(rs.getLong("id"), rs.getString("system_name"), rs.getString("title"),
                rs.getString("severity"), rs.getString("status").toLowerCase(java.util.Locale.ROOT),
                Times.fromDb(rs, "opened_at"),
                Times.fromDb(rs, "updated_at"), Times.fromDb(rs, "resolved_at"), rs.getInt("alert_count"), diagnosed,
                top, rs.getString("assignee"), rs.getBoolean("reopened"), Times.fromDb(rs, "acknowledged_at"),
                Times.fromDb(rs, "verify_until"), Times.fromDb(rs, "closed_at"), Times.fromDb(rs, "last_activity_at"),
                resolution == null ? null : new IncidentSummary.Resolution(resolution, rs.getString("confirmed_cause"),
                        rs.getString("fix_applied"), rs.getString("resolved_by")), held,
                Times.fromDb(rs, "last_signal_at"), mergedInto(rs));
    }
}
