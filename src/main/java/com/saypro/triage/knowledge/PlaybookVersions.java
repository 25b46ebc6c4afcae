package com.saypro.triage.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

import tools.jackson.core.type.TypeReference;

/** The one owner of {@code playbook_version}: what a playbook read after each edit in Triage. */
@Repository
public class PlaybookVersions {

    private static final TypeReference<List<Playbook.Step>> STEPS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public PlaybookVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One version: the playbook as it read, who made it so and when. */
    public record Version(String playbook, int version, String title, String risk, String rollback,
            List<Playbook.Step> steps, String editedBy, Instant editedAt) {
    }

    /** The playbook's versions, newest first; none when it was never edited in Triage. */
    public List<Version> of(String code) {
        return jdbc.sql("SELECT * FROM playbook_version WHERE playbook_code = ? ORDER BY version DESC").param(code)
                .query((rs, n) -> new Version(rs.getString("playbook_code"), rs.getInt("version"),
                        rs.getString("title"), rs.getString("risk"), rs.getString("rollback"),
                        Json.MAPPER.readValue(rs.getString("steps"), STEPS), rs.getString("edited_by"),
                        Times.fromDb(rs, "edited_at")))
                .list();
    }

    public Optional<Version> find(String code, int version) {
        return of(code).stream().filter(v -> v.version() == version).findFirst();
    }

    /** The newest version's number, or null when the playbook has none. */
    public Integer latest(String code) {
        return jdbc.sql("SELECT MAX(version) FROM playbook_version WHERE playbook_code = ?").param(code)
                .query(Integer.class).optional().orElse(null);
    }

    /** Stores the playbook as it reads as the next version; returns its number. */
    public int add(Playbook playbook, String by, Instant at) {
        Integer latest = latest(playbook.code());
        int version = latest == null ? 1 : latest + 1;
        jdbc.sql("INSERT INTO playbook_version (playbook_code, version, title, risk, rollback, steps, edited_by,"
                + " edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").params(playbook.code(), version, playbook.title(),
                        playbook.risk(), playbook.rollback() == null ? "" : playbook.rollback(),
                        Json.write(playbook.steps()), by, Times.toDb(at)).update();
        return version;
    }

    /** When the playbook was last written (by the seed or an edit). */
    public Instant updatedAt(String code) {
        return jdbc.sql("SELECT updated_at FROM playbook WHERE code = ?").param(code)
                .query((rs, n) -> Times.fromDb(rs, "updated_at")).optional().orElse(null);
    }
}
