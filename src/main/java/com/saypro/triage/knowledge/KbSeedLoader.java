package com.saypro.triage.knowledge;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.knowledge.KbSeed.SeedCause;
import com.saypro.triage.knowledge.KbSeed.SeedPlaybook;
import com.saypro.triage.knowledge.KbSeed.SeedQuestion;
import com.saypro.triage.knowledge.SystemsSeed.SeedSystem;
import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

/**
 * Applies kb-seed/ (causes, playbooks, questions, systems) to the database, idempotently: a
 * new entry is inserted, an entry whose seed text changed is updated, an unchanged one is
 * left alone, and an entry made or edited in Triage itself (origin LOCAL) is never
 * overwritten. All in one transaction.
 */
@Component
public class KbSeedLoader {

    private static final Logger log = LoggerFactory.getLogger(KbSeedLoader.class);
    static final String SEED = "SEED";

    private final JdbcClient jdbc;
    private final String configuredDir;
    private final Systems systems;
    private final AuditLog audit;

    @Autowired
    public KbSeedLoader(JdbcClient jdbc, @Value("${triage.kb-seed-dir:}") String configuredDir, Systems systems,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.configuredDir = configuredDir;
        this.systems = systems;
        this.audit = audit;
    }

    /** A loader that records nothing in the audit log (tests of the seed itself). */
    public KbSeedLoader(JdbcClient jdbc, String configuredDir, Systems systems) {
        this(jdbc, configuredDir, systems, null);
    }

    /** A loader whose changes to systems no {@link Systems} cache needs to hear of. */
    public KbSeedLoader(JdbcClient jdbc, String configuredDir) {
        this(jdbc, configuredDir, null);
    }

    /** What one application of the seed did. */
    public record Outcome(int inserted, int updated, int unchanged, int keptLocal) {
    }

    @Transactional
    public Outcome load() {
        Path dir = seedDirectory();
        KbSeed seed = KbSeedReader.read(dir);
        List<SeedSystem> seedSystems = SystemsSeed.read(dir,
                seed.causes().stream().map(SeedCause::code).collect(Collectors.toSet()));
        // One node at a time: the others wait here, then find the seed applied.
        jdbc.sql("SELECT name FROM app_lock WHERE name = 'kb-seed' FOR UPDATE").query(String.class).list();
        Counter counter = new Counter();
        Instant now = Times.now();
        for (SeedPlaybook playbook : seed.playbooks()) {
            applyPlaybook(playbook, now, counter);
        }
        for (SeedCause cause : seed.causes()) {
            applyCause(cause, now, counter);
        }
        for (SeedQuestion question : seed.questions()) {
            applyQuestion(question, now, counter);
        }
        new SystemsSeedWriter(jdbc).apply(seedSystems, now).forEach(counter::count);
        if (systems != null) {
            systems.refreshAfterCommit();
        }
        KnowledgeBase.changed(jdbc);
        Outcome outcome = new Outcome(counter.inserted, counter.updated, counter.unchanged, counter.keptLocal);
        if (audit != null && outcome.inserted() + outcome.updated() > 0) {
            audit.recordAs(Actor.SYSTEM, "knowledge.seeded", "knowledge", dir == null ? "classpath:kb-seed"
                    : dir.toString(), "applied the knowledge-base seed: " + outcome.inserted() + " entries added, "
                            + outcome.updated() + " updated, " + outcome.keptLocal() + " kept as edited in Triage",
                    null, outcome);
        }
        log.info("Knowledge-base seed from {}: {} causes, {} playbooks, {} questions, {} systems ({} inserted, "
                + "{} updated, {} unchanged, {} kept as edited locally)", dir == null ? "classpath:kb-seed" : dir,
                seed.causes().size(), seed.playbooks().size(), seed.questions().size(), seedSystems.size(),
                outcome.inserted(), outcome.updated(), outcome.unchanged(), outcome.keptLocal());
        return outcome;
    }

    private Path seedDirectory() {
        if (configuredDir != null && !configuredDir.isBlank()) {
            return Path.of(configuredDir);
        }
        Path local = Path.of("kb-seed");
        return Files.isRegularFile(local.resolve("causes.yaml")) ? local : null;
    }

    private void applyCause(SeedCause cause, Instant now, Counter counter) {
        String hash = hash(cause);
        String state = state("cause", cause.code(), hash);
        String category = cause.category().toUpperCase(Locale.ROOT);
        switch (state) {
            case "new" -> jdbc.sql("INSERT INTO cause (code, title, category, description, origin, seed_hash, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)").params(cause.code(), cause.title().strip(), category,
                            cause.description().strip(), SEED, hash, Times.toDb(now)).update();
            case "changed" -> jdbc.sql("UPDATE cause SET title = ?, category = ?, description = ?, seed_hash = ?,"
                    + " updated_at = ? WHERE code = ?").params(cause.title().strip(), category,
                            cause.description().strip(), hash, Times.toDb(now), cause.code()).update();
            default -> {
                counter.count(state);
                return;
            }
        }
        jdbc.sql("DELETE FROM cause_playbook WHERE cause_code = ?").param(cause.code()).update();
        int position = 1;
        for (String playbook : cause.playbooks()) {
            jdbc.sql("INSERT INTO cause_playbook (cause_code, playbook_code, position) VALUES (?, ?, ?)")
                    .params(cause.code(), playbook, position++).update();
        }
        counter.count(state);
    }

    private void applyPlaybook(SeedPlaybook playbook, Instant now, Counter counter) {
        String hash = hash(playbook);
        String state = state("playbook", playbook.code(), hash);
        String risk = playbook.risk().toLowerCase(Locale.ROOT);
        String rollback = playbook.rollback() == null ? "" : playbook.rollback().strip();
        switch (state) {
            case "new" -> jdbc.sql("INSERT INTO playbook (code, title, risk, rollback, origin, seed_hash, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)").params(playbook.code(), playbook.title().strip(), risk,
                            rollback, SEED, hash, Times.toDb(now)).update();
            case "changed" -> jdbc.sql("UPDATE playbook SET title = ?, risk = ?, rollback = ?, seed_hash = ?,"
                    + " updated_at = ? WHERE code = ?").params(playbook.title().strip(), risk, rollback, hash,
                            Times.toDb(now), playbook.code()).update();
            default -> {
                counter.count(state);
                return;
            }
        }
        jdbc.sql("DELETE FROM playbook_step WHERE playbook_code = ?").param(playbook.code()).update();
        int position = 1;
        for (KbSeed.SeedStep step : playbook.steps()) {
            jdbc.sql("INSERT INTO playbook_step (playbook_code, position, kind, text, answers_question)"
                    + " VALUES (?, ?, ?, ?, ?)").params(playbook.code(), position++,
                            step.kind().toUpperCase(Locale.ROOT), step.text().strip(), step.answers()).update();
        }
        counter.count(state);
    }

    private void applyQuestion(SeedQuestion question, Instant now, Counter counter) {
        String hash = hash(question);
        String state = state("question", question.code(), hash);
        String help = question.help() == null ? "" : question.help().strip();
        String options = Json.write(question.options());
        switch (state) {
            case "new" -> jdbc.sql("INSERT INTO question (code, text, help, options, origin, seed_hash, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)").params(question.code(), question.text().strip(), help,
                            options, SEED, hash, Times.toDb(now)).update();
            case "changed" -> jdbc.sql("UPDATE question SET text = ?, help = ?, options = ?, seed_hash = ?,"
                    + " updated_at = ? WHERE code = ?").params(question.text().strip(), help, options, hash,
                            Times.toDb(now), question.code()).update();
            default -> {
            }
        }
        counter.count(state);
    }

    /** new, changed, unchanged or local (the database copy belongs to Triage users, not the seed). */
    private String state(String table, String code, String hash) {
        var row = jdbc.sql("SELECT origin, seed_hash FROM " + table + " WHERE code = ?").param(code)
                .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
        if (row.isEmpty()) {
            return "new";
        }
        if (!SEED.equals(row.get()[0])) {
            return "local";
        }
        return hash.equals(row.get()[1]) ? "unchanged" : "changed";
    }

    static String hash(Object entry) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(entry).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counter {
        int inserted;
        int updated;
        int unchanged;
        int keptLocal;

        void count(String state) {
            switch (state) {
                case "new" -> inserted++;
                case "changed" -> updated++;
                case "local" -> keptLocal++;
                default -> unchanged++;
            }
        }
    }
}
