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
        if (recorded.contains(ruleBase.version())) {
            return;
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM rule_base_version WHERE version = ?")
                .param(ruleBase.version()).query(Integer.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("INSERT INTO rule_base_version (version, origin, rule_count, sources, loaded_at)"
                        + " VALUES (?, ?, ?, ?, ?)").params(ruleBase.version(), truncate(ruleBase.origin()),
                                ruleBase.ruleCount(), Json.write(ruleBase.sources()), Times.toDb(Times.now()))
                        .update();
            } catch (DuplicateKeyException alreadyThere) {
                // recorded by a concurrent diagnosis
            }
        }
        recorded.add(ruleBase.version());
    }

    public Optional<List<RuleSource>> sources(String version) {
        return jdbc.sql("SELECT sources FROM rule_base_version WHERE version = ?").param(version)
                .query(String.class).optional().map(json -> Json.MAPPER.readValue(json, SOURCES));
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(s.length() - 500) : s;
    }
}
