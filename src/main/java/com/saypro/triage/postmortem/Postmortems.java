package com.saypro.triage.postmortem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.saypro.triage.incident.TimelineEntry;
import com.saypro.triage.playbook.PlaybookRun;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

import tools.jackson.core.type.TypeReference;

/**
 * The one owner of {@code postmortem}, {@code postmortem_action} and {@code postmortem_comment}.
 * Statuses are stored in capitals (DRAFT, IN_REVIEW, PUBLISHED; OPEN, DONE, CANCELLED) and
 * shown in lower case; lists (systems) as comma-separated identifiers, which hold no comma.
 */
@Repository
class Postmortems {

    private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {
    };
    private static final TypeReference<List<Postmortem.CauseEvidence>> EVIDENCE = new TypeReference<>() {
    };
    private static final TypeReference<List<PlaybookRun>> RUNS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    Postmortems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a new post-mortem starts with. */
    record Draft(long incidentId, String title, String summary, Postmortem.Impact impact, String rootCauseCode,
            String rootCause, String fix, String wentWell, String wentWrong, List<TimelineEntry> timeline,
            String ruleBaseVersion, List<Postmortem.CauseEvidence> evidence, List<PlaybookRun> playbookRuns) {
    }

    /** The text that may be edited while it is not published. */
    record Text(String title, String summary, Postmortem.Impact impact, String rootCauseCode, String rootCause,
            String fix, String wentWell, String wentWrong, List<TimelineEntry> timeline) {
    }

    long insert(Draft d, String by, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO postmortem (incident_id, status, title, summary, impact, started_at, ended_at, systems,
                    affected_users, root_cause_code, root_cause, fix, went_well, went_wrong, timeline,
                    rule_base_version, evidence, playbook_runs, created_by, created_at, updated_at)
                VALUES (:incident, 'DRAFT', :title, :summary, :impact, :started, :ended, :systems, :users, :causeCode,
                    :cause, :fix, :well, :wrong, :timeline, :version, :evidence, :runs, :by, :at, :at)""")
                .param("incident", d.incidentId()).param("title", d.title()).param("summary", d.summary())
                .param("impact", d.impact().description()).param("started", Times.toDb(d.impact().startedAt()))
                .param("ended", Times.toDb(d.impact().endedAt()))
                .param("systems", String.join(",", d.impact().systems()))
                .param("users", d.impact().affectedUsers()).param("causeCode", d.rootCauseCode())
                .param("cause", d.rootCause()).param("fix", d.fix()).param("well", d.wentWell())
                .param("wrong", d.wentWrong()).param("timeline", Json.write(d.timeline()))
                .param("version", d.ruleBaseVersion()).param("evidence", Json.write(d.evidence()))
                .param("runs", Json.write(d.playbookRuns())).param("by", by).param("at", Times.toDb(at))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void updateText(long id, Text t, Instant at) {
        jdbc.sql("""
                UPDATE postmortem SET title = :title, summary = :summary, impact = :impact, started_at = :started,
                    ended_at = :ended, systems = :systems, affected_users = :users, root_cause_code = :causeCode,
                    root_cause = :cause, fix = :fix, went_well = :well, went_wrong = :wrong, timeline = :timeline,
                    updated_at = :at
                WHERE id = :id""")
                .param("title", t.title()).param("summary", t.summary()).param("impact", t.impact().description())
                .param("started", Times.toDb(t.impact().startedAt())).param("ended", Times.toDb(t.impact().endedAt()))
                .param("systems", String.join(",", t.impact().systems())).param("users", t.impact().affectedUsers())
                .param("causeCode", t.rootCauseCode()).param("cause", t.rootCause()).param("fix", t.fix())
                .param("well", t.wentWell()).param("wrong", t.wentWrong()).param("timeline", Json.write(t.timeline()))
                .param("at", Times.toDb(at)).param("id", id).update();
    }

    /** Moves it to {@code status}, recording who submitted or published it (cleared when it goes back to draft). */
    void setStatus(long id, String status, String by, Instant at) {
        String column = switch (status) {
            case Postmortem.IN_REVIEW -> ", submitted_by = :by, submitted_at = :at, published_by = NULL,"
                    + " published_at = NULL";
            case Postmortem.PUBLISHED -> ", published_by = :by, published_at = :at";
            default -> ", published_by = NULL, published_at = NULL";
        };
        var update = jdbc.sql("UPDATE postmortem SET status = :status, updated_at = :at" + column + " WHERE id = :id")
                .param("status", status.toUpperCase(Locale.ROOT)).param("at", Times.toDb(at)).param("id", id);
        if (column.contains(":by")) {
            update = update.param("by", by);
        }
        update.update();
    }

    void touch(long id, Instant at) {
        jdbc.sql("UPDATE postmortem SET updated_at = :at WHERE id = :id").param("at", Times.toDb(at)).param("id", id)
                .update();
    }

    /** Locks the post-mortem's row for the rest of the transaction; false when there is none. */
    boolean lock(long id) {
        return !jdbc.sql("SELECT id FROM postmortem WHERE id = ? FOR UPDATE").param(id).query(Long.class).list()
                .isEmpty();
    }

    Optional<Long> idOfIncident(long incidentId) {
        return jdbc.sql("SELECT id FROM postmortem WHERE incident_id = ?").param(incidentId).query(Long.class)
                .optional();
    }

    Optional<Postmortem> find(long id) {
        List<Postmortem.Action> actions = actions(id);
        List<Postmortem.Comment> comments = comments(id);
        return jdbc.sql("SELECT * FROM postmortem WHERE id = ?").param(id)
                .query((rs, n) -> postmortem(rs, actions, comments)).optional();
    }

    /** Per post-mortem of the given status (all when null), newest first, with its incident's id. */
    record Row(long id, long incidentId, String status, String title, String createdBy, Instant createdAt,
            Instant publishedAt, int openActions, int overdueActions) {
    }

    List<Row> list(String status, int limit) {
        String where = status == null ? "" : " WHERE p.status = :status";
        var query = jdbc.sql("""
                SELECT p.id, p.incident_id, p.status, p.title, p.created_by, p.created_at, p.published_at,
                    (SELECT COUNT(*) FROM postmortem_action a WHERE a.postmortem_id = p.id AND a.status = 'OPEN')
                        AS open_actions,
                    (SELECT COUNT(*) FROM postmortem_action a WHERE a.postmortem_id = p.id AND a.status = 'OPEN'
                        AND a.due_date < :today) AS overdue_actions
                FROM postmortem p""" + where + " ORDER BY p.created_at DESC, p.id DESC LIMIT " + limit)
                .param("today", today());
        if (status != null) {
            query = query.param("status", status.toUpperCase(Locale.ROOT));
        }
        return query.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("incident_id"), code(rs.getString("status")),
                rs.getString("title"), rs.getString("created_by"), Times.fromDb(rs, "created_at"),
                Times.fromDb(rs, "published_at"), rs.getInt("open_actions"), rs.getInt("overdue_actions"))).list();
    }

    /**
     * Resolved critical and warning incidents (not merged into another) without a post-mortem,
     * the most recently resolved first. It reads the incident's status, severity and merge
     * columns in the query rather than filtering every resolved incident in memory; the
     * incidents themselves come from the incident package.
     */
    List<Long> owedIncidentIds(int limit) {
        return jdbc.sql("""
                SELECT i.id FROM incident i
                WHERE i.status IN ('VERIFYING', 'CLOSED') AND i.severity IN ('critical', 'warning')
                    AND i.merged_into IS NULL
                    AND NOT EXISTS (SELECT 1 FROM postmortem p WHERE p.incident_id = i.id)
                ORDER BY i.resolved_at DESC, i.id DESC LIMIT""" + " " + limit).query(Long.class).list();
    }

    /** An open action item with the post-mortem it belongs to, for the list of what is still to do. */
    record OpenAction(long postmortemId, String postmortemTitle, Postmortem.Action action) {
    }

    /** Every open action item, the overdue and soonest due first, those without a due date last. */
    List<OpenAction> openActions(int limit) {
        LocalDate today = today();
        return jdbc.sql("""
                SELECT a.*, p.title AS postmortem_title FROM postmortem_action a
                JOIN postmortem p ON p.id = a.postmortem_id
                WHERE a.status = 'OPEN'
                ORDER BY CASE WHEN a.due_date IS NULL THEN 1 ELSE 0 END, a.due_date, a.id LIMIT""" + " " + limit)
                .query((rs, n) -> new OpenAction(rs.getLong("postmortem_id"), rs.getString("postmortem_title"),
                        action(rs, today)))
                .list();
    }

    List<Postmortem.Action> actions(long postmortemId) {
        LocalDate today = today();
        return jdbc.sql("SELECT * FROM postmortem_action WHERE postmortem_id = ? ORDER BY position, id")
                .param(postmortemId).query((rs, n) -> action(rs, today)).list();
    }

    Optional<Postmortem.Action> action(long postmortemId, long actionId) {
        LocalDate today = today();
        return jdbc.sql("SELECT * FROM postmortem_action WHERE postmortem_id = ? AND id = ?")
                .params(postmortemId, actionId).query((rs, n) -> action(rs, today)).optional();
    }

    long addAction(long postmortemId, String text, String owner, LocalDate due, String by, Instant at) {
        int position = jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM postmortem_action WHERE postmortem_id = ?")
                .param(postmortemId).query(Integer.class).single();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO postmortem_action (postmortem_id, position, text, owner, due_date, status, created_by,
                    created_at) VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
                .params(postmortemId, position, text, owner, due, by, Times.toDb(at)).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void updateAction(long actionId, String text, String owner, LocalDate due, String status, Instant doneAt) {
        jdbc.sql("UPDATE postmortem_action SET text = ?, owner = ?, due_date = ?, status = ?, done_at = ? WHERE id = ?")
                .params(text, owner, due, status.toUpperCase(Locale.ROOT), Times.toDb(doneAt), actionId).update();
    }

    List<Postmortem.Comment> comments(long postmortemId) {
        return jdbc.sql("SELECT * FROM postmortem_comment WHERE postmortem_id = ? ORDER BY at, id").param(postmortemId)
                .query((rs, n) -> new Postmortem.Comment(rs.getLong("id"), rs.getString("author"),
                        Times.fromDb(rs, "at"), rs.getString("kind"), rs.getString("text")))
                .list();
    }

    long addComment(long postmortemId, String author, String kind, String text, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO postmortem_comment (postmortem_id, author, at, kind, text) VALUES (?, ?, ?, ?, ?)")
                .params(postmortemId, author, Times.toDb(at), kind, text).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Today in UTC, the day against which due dates are overdue. */
    static LocalDate today() {
        return LocalDate.ofInstant(Times.now(), ZoneOffset.UTC);
    }

    private static Postmortem.Action action(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate due = rs.getObject("due_date", LocalDate.class);
        String status = code(rs.getString("status"));
        return new Postmortem.Action(rs.getLong("id"), rs.getInt("position"), rs.getString("text"),
                rs.getString("owner"), due, status, Times.fromDb(rs, "done_at"),
                "open".equals(status) && due != null && due.isBefore(today));
    }

    private static Postmortem postmortem(ResultSet rs, List<Postmortem.Action> actions,
            List<Postmortem.Comment> comments) throws SQLException {
        int users = rs.getInt("affected_users");
        Integer affected = rs.wasNull() ? null : users;
        String systems = rs.getString("systems");
        Postmortem.Impact impact = new Postmortem.Impact(Times.fromDb(rs, "started_at"), Times.fromDb(rs, "ended_at"),
                systems.isEmpty() ? List.of() : Arrays.asList(systems.split(",")), affected, rs.getString("impact"));
        return new Postmortem(rs.getLong("id"), rs.getLong("incident_id"), code(rs.getString("status")),
                rs.getString("title"), rs.getString("summary"), impact, rs.getString("root_cause_code"),
                rs.getString("root_cause"), rs.getString("fix"), rs.getString("went_well"), rs.getString("went_wrong"),
                Json.MAPPER.readValue(rs.getString("timeline"), TIMELINE), rs.getString("rule_base_version"),
                Json.MAPPER.readValue(rs.getString("evidence"), EVIDENCE),
                Json.MAPPER.readValue(rs.getString("playbook_runs"), RUNS), actions, comments,
                rs.getString("created_by"), Times.fromDb(rs, "created_at"), Times.fromDb(rs, "updated_at"),
                rs.getString("submitted_by"), Times.fromDb(rs, "submitted_at"), rs.getString("published_by"),
                Times.fromDb(rs, "published_at"));
    }

    private static String code(String stored) {
        return stored.toLowerCase(Locale.ROOT);
    }
}
