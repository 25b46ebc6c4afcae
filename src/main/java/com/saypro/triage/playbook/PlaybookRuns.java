package com.saypro.triage.playbook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.knowledge.PlaybookVersions;
import com.saypro.triage.support.Times;

/** The one owner of {@code playbook_run} and {@code playbook_run_step}. */
@Repository
class PlaybookRuns {

    private static final String RUN_COLUMNS = "id, incident_id, playbook_code, playbook_version, title, started_by,"
            + " started_at";

    private final JdbcClient jdbc;
    private final PlaybookVersions versions;

    PlaybookRuns(JdbcClient jdbc, PlaybookVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    /** A new run with a copy of the playbook's steps as they read now; returns its id. */
    long start(long incidentId, Playbook playbook, String by, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO playbook_run (incident_id, playbook_code, playbook_version, title, started_by,"
                + " started_at) VALUES (?, ?, ?, ?, ?, ?)").params(incidentId, playbook.code(), versions.latest(playbook.code()),
                        playbook.title(), by, Times.toDb(at))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        for (Playbook.Step step : playbook.steps()) {
            jdbc.sql("INSERT INTO playbook_run_step (run_id, position, kind, text, answers_question)"
                    + " VALUES (?, ?, ?, ?, ?)").params(id, step.position(), step.kind().name().toLowerCase(),
                            step.text(), step.answers()).update();
        }
        return id;
    }

    /** Replaces the step's outcome, note and finding with the latest recording. */
    void recordStep(long runId, int position, String outcome, String note, PlaybookRun.Finding finding, String by,
            Instant at) {
        jdbc.sql("""
                UPDATE playbook_run_step SET outcome = ?, note = ?, recorded_by = ?, recorded_at = ?,
                    finding_question = ?, finding_answer = ?
                WHERE run_id = ? AND position = ?""").params(outcome, note, by, Times.toDb(at),
                finding == null ? null : finding.question(), finding == null ? null : finding.answer(), runId,
                position).update();
    }

    Optional<PlaybookRun> find(long runId) {
        return runs("id", runId).stream().findFirst();
    }

    /** The incident's runs, oldest first. */
    List<PlaybookRun> of(long incidentId) {
        return runs("incident_id", incidentId);
    }

    /** Per incident, the recorded and total steps of its latest run; incidents without a run are absent. */
    Map<Long, long[]> latestProgress(Collection<Long> incidentIds) {
        Map<Long, long[]> progress = new LinkedHashMap<>();
        if (incidentIds.isEmpty()) {
            return progress;
        }
        jdbc.sql("""
                SELECT r.incident_id, r.id, COUNT(s.outcome), COUNT(*) FROM playbook_run r
                JOIN playbook_run_step s ON s.run_id = r.id
                WHERE r.incident_id IN (:ids) GROUP BY r.incident_id, r.id ORDER BY r.id""")
                .param("ids", List.copyOf(incidentIds))
                .query(rs -> {
                    progress.put(rs.getLong(1), new long[] { rs.getLong(3), rs.getLong(4) });
                });
        return progress;
    }

    /** The runs whose {@code column} (id or incident_id) has the value, oldest first. */
    private List<PlaybookRun> runs(String column, long value) {
        Map<Long, List<PlaybookRun.Step>> steps = new LinkedHashMap<>();
        jdbc.sql("SELECT s.* FROM playbook_run_step s JOIN playbook_run r ON r.id = s.run_id WHERE r." + column
                + " = ? ORDER BY s.run_id, s.position").param(value).query(rs -> {
                    steps.computeIfAbsent(rs.getLong("run_id"), k -> new ArrayList<>()).add(step(rs));
                });
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM playbook_run WHERE " + column + " = ? ORDER BY id")
                .param(value)
                .query((rs, n) -> new PlaybookRun(rs.getLong("id"), rs.getLong("incident_id"),
                        rs.getString("playbook_code"), rs.getObject("playbook_version", Integer.class),
                        rs.getString("title"), rs.getString("started_by"),
                        Times.fromDb(rs, "started_at"), List.copyOf(steps.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    private static PlaybookRun.Step step(ResultSet rs) throws SQLException {
        String question = rs.getString("finding_question");
        return new PlaybookRun.Step(rs.getInt("position"), rs.getString("kind"), rs.getString("text"),
                rs.getString("answers_question"), rs.getString("outcome"), rs.getString("note"),
                rs.getString("recorded_by"), Times.fromDb(rs, "recorded_at"),
                question == null ? null : new PlaybookRun.Finding(question, rs.getString("finding_answer")));
    }
}
