package com.saypro.triage.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.saypro.triage.support.Times;

/**
 * The systems Triage knows, and the one place that turns the name a signal gives its system
 * into the system's code: by code, alias (both ignoring case) or alias pattern, in that
 * order. A name no system claims becomes a system of its own (origin AUTO, code = the name
 * trimmed and lower-cased) the first time it arrives.
 * <p>
 * Ingestion asks for every request, so the systems are held in memory and read again only
 * after the seed was applied or a system was created (once that change is committed).
 */
@Service
public class Systems {

    public static final String SEED = "SEED";
    public static final String LOCAL = "LOCAL";
    public static final String AUTO = "AUTO";
    private static final int MAX_REMEMBERED_NAMES = 10_000;

    private final JdbcClient jdbc;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot current;

    public Systems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The systems a seed folder describes (the jar's copy when {@code seedDir} is null), read
     * without a database: for tools and tests that diagnose without one.
     */
    public static List<KbSystem> fromSeed(java.nio.file.Path seedDir) {
        return SystemsSeed.read(seedDir, null).stream().map(s -> new KbSystem(s.code(), s.name(), SEED, s.aliases(),
                s.aliasPatterns(), s.components().stream().map(c -> new KbSystem.Component(c.name(), c.role())).toList(),
                s.workflows().stream().map(w -> new KbSystem.Workflow(w.code(), w.kind(), w.transactions())).toList(),
                s.priors(), s.windows())).toList();
    }

    private static java.time.Duration window(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : java.time.Duration.ofSeconds(seconds);
    }

    public Optional<KbSystem> system(String code) {
        return Optional.ofNullable(snapshot().byCode.get(code));
    }

    /** Every system, by code. */
    public List<KbSystem> all() {
        return List.copyOf(snapshot().byCode.values());
    }

    /** The code of the system this name stands for; an unknown name becomes a system. */
    public String resolve(String rawName) {
        return resolveAll(List.of(rawName)).get(rawName);
    }

    /**
     * The code for each name (keys are the names as given). Names nobody claims become
     * systems, inside the caller's transaction when there is one: two requests that bring the
     * same new name at once both succeed and create it once.
     */
    public Map<String, String> resolveAll(Collection<String> rawNames) {
        Snapshot snapshot = snapshot();
        Map<String, String> codes = new LinkedHashMap<>();
        Map<String, String> unknown = new TreeMap<>();
        for (String raw : rawNames) {
            if (codes.containsKey(raw)) {
                continue;
            }
            String key = key(raw);
            String code = snapshot.lookup(key);
            if (code == null) {
                code = newCode(key);
                unknown.putIfAbsent(code, raw.strip());
            }
            codes.put(raw, code);
        }
        if (!unknown.isEmpty()) {
            create(unknown);
        }
        return codes;
    }

    /**
     * The code this name stands for as the systems are now, creating nothing: a name no system
     * claims gives the code its system will get. Where a signal goes before it is stored (the
     * Kafka partition of its system) is chosen with this; storing it resolves the name again.
     */
    public String codeOf(String rawName) {
        String key = key(rawName);
        String code = snapshot().lookup(key);
        return code != null ? code : newCode(key);
    }

    /** A code fits its column even when lower-casing made the name longer. */
    private static String newCode(String key) {
        return key.length() > 100 ? key.substring(0, 100) : key;
    }

    /** Creates systems first seen now, in code order (so racing requests wait for each other, never crosswise). */
    private void create(Map<String, String> namesByCode) {
        var now = Times.toDb(Times.now());
        namesByCode.forEach((code, name) -> {
            try {
                jdbc.sql("INSERT INTO monitored_system (code, name, origin, updated_at) VALUES (?, ?, ?, ?)")
                        .params(code, name.length() > 200 ? name.substring(0, 200) : name, AUTO, now).update();
            } catch (DuplicateKeyException raced) {
                // Another request created it a moment ago.
            }
        });
        refreshAfterCommit();
    }

    /** The systems changed: read them again once the current transaction (if any) has committed. */
    public void refreshAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            invalidate();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        // Marks the transaction as one that changed systems: what it reads of them is not for others.
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Systems.this);
                if (status == STATUS_COMMITTED) {
                    invalidate();
                }
            }
        });
    }

    private void invalidate() {
        generation.incrementAndGet();
        current = null;
    }

    /**
     * The systems as last read, or read now. Reading goes through the caller's transaction (a
     * second connection per request could drain the pool under load); a transaction that
     * changed systems itself reads them for itself only, since it may still roll back.
     */
    private Snapshot snapshot() {
        long wanted = generation.get();
        if (TransactionSynchronizationManager.hasResource(this)) {
            return load(wanted);
        }
        Snapshot snapshot = current;
        if (snapshot != null && snapshot.generation == wanted) {
            return snapshot;
        }
        // A snapshot read while a change commits carries the older generation and is read again.
        snapshot = load(wanted);
        current = snapshot;
        return snapshot;
    }

    /** The key a system name or alias is known by (lower case, separators unified). */
    public static String key(String rawName) {
        if (rawName == null || rawName.isBlank()) {
            throw new IllegalArgumentException("A system name must not be blank");
        }
        return SystemsSeed.key(rawName);
    }

    private Snapshot load(long generation) {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        Map<String, String> exact = new LinkedHashMap<>();
        jdbc.sql("SELECT system_code, alias_key, alias FROM system_alias ORDER BY system_code, position").query(rs -> {
            aliases.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(3));
            exact.put(rs.getString(2), rs.getString(1));
        });
        Map<String, List<String>> patterns = new LinkedHashMap<>();
        jdbc.sql("SELECT system_code, pattern FROM system_alias_pattern ORDER BY system_code, position").query(rs -> {
            patterns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        Map<String, List<KbSystem.Component>> components = new LinkedHashMap<>();
        jdbc.sql("SELECT system_code, name, role FROM system_component ORDER BY system_code, position").query(rs -> {
            components.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new KbSystem.Component(rs.getString(2), rs.getString(3)));
        });
        Map<String, List<KbSystem.Workflow>> workflows = new LinkedHashMap<>();
        jdbc.sql("SELECT system_code, code, kind, transactions FROM system_workflow ORDER BY system_code, position")
                .query(rs -> {
                    workflows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new KbSystem.Workflow(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        Map<String, Map<String, Double>> priors = new LinkedHashMap<>();
        jdbc.sql("SELECT system_code, cause_code, probability FROM system_prior ORDER BY system_code, cause_code")
                .query(rs -> {
                    priors.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getDouble(3));
                });
        Map<String, KbSystem> byCode = new TreeMap<>();
        Map<String, String> autos = new LinkedHashMap<>();
        List<Map.Entry<Pattern, String>> compiled = new ArrayList<>();
        jdbc.sql("SELECT code, name, origin, verify_window_seconds, correlation_window_seconds FROM monitored_system"
                + " ORDER BY code").query(rs -> {
            String code = rs.getString(1);
            String origin = rs.getString(3);
            KbSystem.Windows windows = new KbSystem.Windows(window(rs, 4), window(rs, 5));
            byCode.put(code, new KbSystem(code, rs.getString(2), origin, aliases.getOrDefault(code, List.of()),
                    patterns.getOrDefault(code, List.of()), components.getOrDefault(code, List.of()),
                    workflows.getOrDefault(code, List.of()), priors.getOrDefault(code, Map.of()), windows));
            if (AUTO.equals(origin)) {
                autos.put(SystemsSeed.key(code), code);
            } else {
                exact.put(SystemsSeed.key(code), code);
                patterns.getOrDefault(code, List.of()).forEach(p -> compiled.add(Map.entry(KbSystem.pattern(p), code)));
            }
        });
        return new Snapshot(generation, byCode, exact, compiled, autos);
    }

    /**
     * The systems as last read: by code, and the lookups for names. A system described in the
     * knowledge base (SEED, LOCAL) wins over one created on first sight: once the knowledge
     * base claims a name, that name's signals go to the described system.
     */
    private static final class Snapshot {
        final long generation;
        final Map<String, KbSystem> byCode;
        final Map<String, String> exact;
        final List<Map.Entry<Pattern, String>> patterns;
        final Map<String, String> autos;
        final Map<String, Optional<String>> matched = new ConcurrentHashMap<>();

        Snapshot(long generation, Map<String, KbSystem> byCode, Map<String, String> exact,
                List<Map.Entry<Pattern, String>> patterns, Map<String, String> autos) {
            this.generation = generation;
            this.byCode = byCode;
            this.exact = exact;
            this.patterns = patterns;
            this.autos = autos;
        }

        String lookup(String key) {
            String code = exact.get(key);
            if (code != null) {
                return code;
            }
            Optional<String> byPattern = matched.get(key);
            if (byPattern == null) {
                byPattern = patterns.stream().filter(p -> p.getKey().matcher(key).matches()).map(Map.Entry::getValue)
                        .findFirst();
                if (matched.size() < MAX_REMEMBERED_NAMES) {
                    matched.put(key, byPattern);
                }
            }
            return byPattern.orElseGet(() -> autos.get(key));
        }
    }
}
