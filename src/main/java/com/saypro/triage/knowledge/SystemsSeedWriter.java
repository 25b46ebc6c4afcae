package com.saypro.triage.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saypro.triage.knowledge.SystemsSeed.SeedComponent;
import com.saypro.triage.knowledge.SystemsSeed.SeedSystem;
import com.saypro.triage.knowledge.SystemsSeed.SeedWorkflow;
import com.saypro.triage.support.Times;

/**
 * Writes the systems of the seed, inside the seed's transaction, with the rules of the other
 * knowledge-base entries: new ones are inserted, changed ones rewritten, LOCAL ones left
 * alone. A system Triage created on first sight (AUTO) that the seed now describes becomes
 * the seed's, and one whose name the seed now gives to another system as an alias is dropped
 * (its signals stay as they were stored).
 */
final class SystemsSeedWriter {

    private static final Logger log = LoggerFactory.getLogger(SystemsSeedWriter.class);

    private final JdbcClient jdbc;

    SystemsSeedWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Applies each system; returns its state: new, changed, unchanged or local. The rows of
     * every system to rewrite are cleared before any is written again, so a name the seed
     * moves from one system to another never meets its old owner.
     */
    List<String> apply(List<SeedSystem> systems, Instant now) {
        List<String> states = new ArrayList<>();
        List<SeedSystem> rewrite = new ArrayList<>();
        for (SeedSystem system : systems) {
            String state = writeSystem(system, now);
            states.add(state);
            if (state.equals("new") || state.equals("changed")) {
                rewrite.add(system);
            }
        }
        for (SeedSystem system : rewrite) {
            writeDescription(system);
        }
        retireClaimedAutoSystems();
        return states;
    }

    private String writeSystem(SeedSystem system, Instant now) {
        String hash = KbSeedLoader.hash(system);
        String state = state(system.code(), hash);
        switch (state) {
            case "new" -> jdbc.sql("INSERT INTO monitored_system (code, name, origin, seed_hash, updated_at,"
                    + " verify_window_seconds, correlation_window_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(system.code(), system.name().strip(), Systems.SEED, hash, Times.toDb(now),
                            seconds(system.windows().verify()), seconds(system.windows().correlation())).update();
            case "changed" -> {
                jdbc.sql("UPDATE monitored_system SET name = ?, origin = ?, seed_hash = ?, updated_at = ?,"
                        + " verify_window_seconds = ?, correlation_window_seconds = ? WHERE code = ?")
                        .params(system.name().strip(), Systems.SEED, hash, Times.toDb(now),
                                seconds(system.windows().verify()), seconds(system.windows().correlation()),
                                system.code()).update();
                for (String table : List.of("system_alias", "system_alias_pattern", "system_component",
                        "system_workflow", "system_prior")) {
                    jdbc.sql("DELETE FROM " + table + " WHERE system_code = ?").param(system.code()).update();
                }
            }
            default -> {
            }
        }
        return state;
    }

    private static Long seconds(java.time.Duration window) {
        return window == null ? null : window.toSeconds();
    }

    private void writeDescription(SeedSystem system) {
        insertAliases(system);
        int position = 1;
        for (String pattern : system.aliasPatterns()) {
            jdbc.sql("INSERT INTO system_alias_pattern (system_code, position, pattern) VALUES (?, ?, ?)")
                    .params(system.code(), position++, pattern).update();
        }
        position = 1;
        for (SeedComponent component : system.components()) {
            jdbc.sql("INSERT INTO system_component (system_code, name, role, position) VALUES (?, ?, ?, ?)")
                    .params(system.code(), component.name(), component.role(), position++).update();
        }
        position = 1;
        for (SeedWorkflow workflow : system.workflows()) {
            jdbc.sql("INSERT INTO system_workflow (system_code, code, kind, transactions, position)"
                    + " VALUES (?, ?, ?, ?, ?)").params(system.code(), workflow.code(), workflow.kind(),
                            workflow.transactions() == null ? "" : workflow.transactions(), position++).update();
        }
        system.priors().forEach((cause, prior) -> jdbc.sql("INSERT INTO system_prior (system_code, cause_code,"
                + " probability) VALUES (?, ?, ?)").params(system.code(), cause, prior).update());
    }

    /**
     * Aliases by their lower-cased key (a spelling that differs only in case, or the code
     * itself, adds nothing). A name another system already holds (one edited in Triage, or
     * one no longer in the seed) stops the seed, naming both.
     */
    private void insertAliases(SeedSystem system) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String alias : system.aliases()) {
            String key = SystemsSeed.key(alias);
            if (!key.equals(system.code())) {
                aliases.putIfAbsent(key, alias.strip());
            }
        }
        List<String> problems = new ArrayList<>();
        jdbc.sql("SELECT a.alias_key, a.system_code, s.origin FROM system_alias a"
                + " JOIN monitored_system s ON s.code = a.system_code WHERE a.system_code <> ?")
                .param(system.code()).query((rs, n) -> new String[] { rs.getString(1), rs.getString(2),
                        rs.getString(3) }).list()
                .stream().filter(row -> aliases.containsKey(row[0]) || row[0].equals(system.code()))
                .forEach(row -> problems.add("system " + system.code() + ": the name '" + row[0]
                        + "' already belongs to system " + row[1] + " (origin " + row[2] + ")"));
        jdbc.sql("SELECT code, origin FROM monitored_system WHERE origin <> ? AND code <> ?")
                .params(Systems.AUTO, system.code()).query((rs, n) -> new String[] { rs.getString(1),
                        rs.getString(2) }).list().stream()
                .filter(row -> aliases.containsKey(row[0]))
                .forEach(row -> problems.add("system " + system.code() + ": alias '" + row[0]
                        + "' is the code of system " + row[0] + " (origin " + row[1] + ")"));
        if (!problems.isEmpty()) {
            throw new KbSeedException("The knowledge-base seed is inconsistent:\n  " + String.join("\n  ", problems));
        }
        int position = 1;
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            jdbc.sql("INSERT INTO system_alias (alias_key, alias, system_code, position) VALUES (?, ?, ?, ?)")
                    .params(alias.getKey(), alias.getValue(), system.code(), position++).update();
        }
    }

    /** new, changed, unchanged or local; a system created on first sight (AUTO) is the seed's to describe. */
    private String state(String code, String hash) {
        var row = jdbc.sql("SELECT origin, seed_hash FROM monitored_system WHERE code = ?").param(code)
                .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
        if (row.isEmpty()) {
            return "new";
        }
        String origin = row.get()[0];
        if (Systems.AUTO.equals(origin)) {
            return "changed";
        }
        if (!Systems.SEED.equals(origin)) {
            return "local";
        }
        return hash.equals(row.get()[1]) ? "unchanged" : "changed";
    }

    /** AUTO systems whose code is now an alias of, or matches a pattern of, a described system. */
    private void retireClaimedAutoSystems() {
        List<String> autos = jdbc.sql("SELECT code FROM monitored_system WHERE origin = ?").param(Systems.AUTO)
                .query(String.class).list();
        if (autos.isEmpty()) {
            return;
        }
        List<String> aliases = jdbc.sql("SELECT alias_key FROM system_alias").query(String.class).list();
        List<Pattern> patterns = jdbc.sql("SELECT pattern FROM system_alias_pattern").query(String.class).list()
                .stream().map(KbSystem::pattern).toList();
        for (String code : autos) {
            if (aliases.contains(code) || patterns.stream().anyMatch(p -> p.matcher(code).matches())) {
                jdbc.sql("DELETE FROM monitored_system WHERE code = ? AND origin = ?").params(code, Systems.AUTO)
                        .update();
                log.info("System {}, created when a signal first named it, is now a name of a system the knowledge"
                        + " base describes", code);
            }
        }
    }
}
