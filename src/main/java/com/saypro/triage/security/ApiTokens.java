package com.saypro.triage.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.InvalidBodyException;
import com.saypro.triage.web.NotFoundException;

/**
 * Machine tokens: the one owner of the {@code api_token} table. A token is shown once, when it
 * is made; Triage keeps its SHA-256 (tokens are 256 random bits, so a fast hash is enough and
 * a lookup costs one indexed read). Valid tokens are remembered for a few seconds so ingestion
 * does not read the table on every request; revoking one forgets it at once on this node.
 */
@Repository
public class ApiTokens {

    /** How long a looked-up token is trusted without reading the table again. */
    static final Duration REMEMBER = Duration.ofSeconds(5);
    /** {@code last_used_at} is written at most this often per token. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final String PREFIX = "trg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    ApiTokens(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A token that authenticated a request. */
    record Holder(long id, String name, Set<Scope> scopes) {
    }

    private record Remembered(Holder holder, long until, long touched) {
    }

    /** A new token and its one-time plain text. */
    public record Issued(ApiToken token, String secret) {
    }

    @Transactional
    public Issued issue(String name, Set<Scope> scopes) {
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        return new Issued(store(name, scopes, secret), secret);
    }

    /** Stores a token whose text the caller chose (the seed from {@code TRIAGE_INGEST_TOKEN}). */
    @Transactional
    ApiToken store(String name, Set<Scope> scopes, String secret) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidBodyException("name", "is required, at most 100 characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidBodyException("scopes", "choose at least one of ingest, read");
        }
        jdbc.sql("""
                INSERT INTO api_token (name, token_hash, scopes, created_by, created_at)
                VALUES (:n, :h, :s, :by, :now)""")
                .param("n", name.trim()).param("h", hash(secret)).param("s", Scope.format(scopes))
                .param("by", com.saypro.triage.audit.Actor.current()).param("now", Times.toDb(Times.now()))
                .update();
        ApiToken token = jdbc.sql("SELECT * FROM api_token WHERE token_hash = :h").param("h", hash(secret))
                .query((rs, n) -> token(rs)).single();
        audit.record("token.created", "token", String.valueOf(token.id()),
                "created token '" + token.name() + "' (" + token.scopeList() + ")", null, token.audited());
        return token;
    }

    @Transactional
    public ApiToken revoke(long id) {
        ApiToken before = find(id).orElseThrow(() -> new NotFoundException("There is no token " + id));
        if (before.active()) {
            jdbc.sql("UPDATE api_token SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                    .param("now", Times.toDb(Times.now())).param("by", com.saypro.triage.audit.Actor.current())
                    .param("id", id).update();
            remembered.values().removeIf(r -> r.holder().id() == id);
            ApiToken after = find(id).orElseThrow();
            audit.record("token.revoked", "token", String.valueOf(id), "revoked token '" + before.name() + "'",
                    before.audited(), after.audited());
            return after;
        }
        return before;
    }

    public List<ApiToken> list() {
        return jdbc.sql("SELECT * FROM api_token ORDER BY revoked_at IS NOT NULL, created_at DESC")
                .query((rs, n) -> token(rs)).list();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql("SELECT * FROM api_token WHERE id = :id").param("id", id).query((rs, n) -> token(rs))
                .optional();
    }

    Optional<ApiToken> findByName(String name) {
        return jdbc.sql("SELECT * FROM api_token WHERE name = :n AND revoked_at IS NULL ORDER BY id DESC")
                .param("n", name).query((rs, n) -> token(rs)).list().stream().findFirst();
    }

    boolean exists(String secret) {
        return jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :h").param("h", hash(secret))
                .query(Long.class).single() > 0;
    }

    Optional<ApiToken> findActive(String secret) {
        return jdbc.sql("SELECT * FROM api_token WHERE token_hash = :h AND revoked_at IS NULL")
                .param("h", hash(secret)).query((rs, n) -> token(rs)).optional();
    }

    /** The holder of an active token with this text, if there is one. */
    Optional<Holder> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 500) {
            return Optional.empty();
        }
        String hash = hash(secret);
        long now = System.currentTimeMillis();
        Remembered known = remembered.get(hash);
        if (known != null && known.until() > now) {
            return Optional.of(known.holder());
        }
        Optional<ApiToken> token = findActive(secret);
        if (token.isEmpty()) {
            remembered.remove(hash);
            return Optional.empty();
        }
        Holder holder = new Holder(token.get().id(), token.get().name(), token.get().scopes());
        long touched = known == null ? 0 : known.touched();
        if (now - touched >= TOUCH_EVERY.toMillis()) {
            jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                    .param("now", Times.toDb(Instant.ofEpochMilli(now))).param("id", holder.id()).update();
            touched = now;
        }
        if (remembered.size() > 10_000) {
            remembered.clear();
        }
        remembered.put(hash, new Remembered(holder, now + REMEMBER.toMillis(), touched));
        return Optional.of(holder);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), Scope.parse(rs.getString("scopes")),
                rs.getString("created_by"), Times.fromDb(rs, "created_at"), Times.fromDb(rs, "last_used_at"),
                Times.fromDb(rs, "revoked_at"), rs.getString("revoked_by"));
    }
}
