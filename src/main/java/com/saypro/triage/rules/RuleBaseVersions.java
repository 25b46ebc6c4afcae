package com.saypro.triage.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** A rule base version as {@code GET /api/v1/rules/versions} lists it. */
    public record Version(String id, String hash, java.time.Instant publishedAt, String author, String origin,
            int rules, boolean active) {
    }

    /** Every version kept, newest first; {@code active} marks the one in use. */
    public List<Version> list(String activeVersion) {
        return jdbc.sql("SELECT version, origin, rule_count, loaded_at, author FROM rule_base_version"
                + " ORDER BY loaded_at DESC, version").query((rs, n) -> new Version(rs.getString("version"),
                        rs.getString("version"), Times.fromDb(rs, "loaded_at"),
                        rs.getString("author") == null ? "system" : rs.getString("author"), rs.getString("origin"),
                        rs.getInt("rule_count"), rs.getString("version").equals(activeVersion)))
                .list();
    }

    public Optional<List<RuleSource>> sources(String version) {
        return jdbc.sql("SELECT sources FROM rule_base_version WHERE version = ?").param(version)
                .query(String.class).optional().map(json -> Json.MAPPER.readValue(json, SOURCES));
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(s.length() - 500) : s;
    }
}
