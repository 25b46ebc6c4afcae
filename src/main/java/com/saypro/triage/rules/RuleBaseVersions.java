package com.saypro.triage.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

import tools.jackson.core.type.TypeReference;

/** Keeps the files of every rule base that produced a diagnosis, by version. */
@Repository
public class RuleBaseVersions {

    private static final TypeReference<List<RuleSource>> SOURCES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    public RuleBaseVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(CompiledRuleBase ruleBase) {
        record(ruleBase, null);
    }

    /** Keeps the version's files, with who put it in use when known. */
    public void record(CompiledRuleBase ruleBase, String author) {
        if (recorded.contains(ruleBase.version())) {
            return;
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM rule_base_version WHERE version = ?")
                .param(ruleBase.version()).query(Integer.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("INSERT INTO rule_base_version (version, origin, rule_count, sources, loaded_at, author)"
                        + " VALUES (?, ?, ?, ?, ?, ?)").params(ruleBase.version(), truncate(ruleBase.origin()),
                                ruleBase.ruleCount(), Json.write(ruleBase.sources()), Times.toDb(Times.now()), author)
                        .update();
            } catch (DuplicateKeyException alreadyThere) {
                // recorded by a concurrent diagnosis
            }
        }
        recorded.add(ruleBase.version());
    }

    /**
     * One publication as {@code GET /api/v1/rules/versions} lists it: {@code id} numbers the
     * publication, {@code hash} is the rule base version (a rollback publishes an earlier hash
     * again); {@code active} marks the latest publication of the version in use.
     */
    public record Version(String id, String hash, Instant publishedAt, String author, String kind, String note,
            String previousHash, String overrideReason, boolean active) {
    }

    /** A publication with the regression report it passed (JSON, or null). */
    public record Publication(long id, String version, Instant publishedAt, String author, String kind, String note,
            String previousVersion, String overrideReason, String report) {
    }

    /**
     * Records that a version was put in use; {@code report} is kept as JSON (the regression
     * report's unchanged cases are counted, not listed). Returns the publication's id.
     */
    public long published(String version, String previousVersion, String author, String kind, String note,
            String overrideReason, Object report) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO rule_publication (version, previous_version, published_at, author, kind, note,"
                + " override_reason, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(version, previousVersion, Times.toDb(Times.now()), author == null ? "system" : author, kind,
                        clip(note), clip(overrideReason), report == null ? null : Json.write(report))
                .update(keys);
        return keys.getKey().longValue();
    }

    public Optional<String> latestPublishedVersion() {
        return jdbc.sql("SELECT version FROM rule_publication ORDER BY id DESC LIMIT 1").query(String.class)
                .optional();
    }

    public Optional<Publication> publication(long id) {
        return jdbc.sql("SELECT * FROM rule_publication WHERE id = ?").param(id).query(RuleBaseVersions::publication)
                .optional();
    }

    /** Every publication with its report, newest first: for the workbench's history. */
    public List<Publication> publications() {
        return jdbc.sql("SELECT * FROM rule_publication ORDER BY id DESC").query(RuleBaseVersions::publication).list();
    }

    private static Publication publication(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Publication(rs.getLong("id"), rs.getString("version"), Times.fromDb(rs, "published_at"),
                rs.getString("author"), rs.getString("kind"), rs.getString("note"), rs.getString("previous_version"),
                rs.getString("override_reason"), rs.getString("report"));
    }

    /** Every publication, newest first; {@code active} marks the latest one of the version in use. */
    public List<Version> list(String activeVersion) {
        List<Version> all = jdbc.sql("SELECT id, version, published_at, author, kind, note, previous_version,"
                + " override_reason FROM rule_publication ORDER BY id DESC").query((rs, n) -> new Version(
                        Long.toString(rs.getLong("id")), rs.getString("version"), Times.fromDb(rs, "published_at"),
                        rs.getString("author"), rs.getString("kind"), rs.getString("note"),
                        rs.getString("previous_version"), rs.getString("override_reason"), false))
                .list();
        List<Version> marked = new ArrayList<>(all.size());
        boolean found = false;
        for (Version v : all) {
            boolean active = !found && v.hash().equals(activeVersion);
            found |= active;
            marked.add(active ? new Version(v.id(), v.hash(), v.publishedAt(), v.author(), v.kind(), v.note(),
                    v.previousHash(), v.overrideReason(), true) : v);
        }
        return marked;
    }

    public Optional<List<RuleSource>> sources(String version) {
        return jdbc.sql("SELECT sources FROM rule_base_version WHERE version = ?").param(version)
                .query(String.class).optional().map(json -> Json.MAPPER.readValue(json, SOURCES));
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(s.length() - 500) : s;
    }
}
