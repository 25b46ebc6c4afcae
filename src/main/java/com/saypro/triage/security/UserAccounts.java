package com.saypro.triage.security;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.InvalidBodyException;

/** The people who sign in: the one owner of the {@code app_user} table. Every change is audited. */
@Repository
public class UserAccounts {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,99}");
    static final int MIN_PASSWORD = 8;
    /** bcrypt reads at most 72 bytes of a password. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
    }

    /** An account and its password hash, for signing in. */
    record Credentials(UserAccount account, String passwordHash) {
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE username = :u").param("u", username)
                .query((rs, n) -> new Credentials(account(rs), rs.getString("password_hash"))).optional();
    }

    public Optional<UserAccount> find(String username) {
        return credentials(username).map(Credentials::account);
    }

    public Optional<UserAccount> find(long id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = :id").param("id", id).query((rs, n) -> account(rs))
                .optional();
    }

    public List<UserAccount> list() {
        return jdbc.sql("SELECT * FROM app_user ORDER BY username").query((rs, n) -> account(rs)).list();
    }

    public boolean any() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single() > 0;
    }

    /** Creates an account; the username must be new. */
    @Transactional
    public UserAccount create(String username, String displayName, String password, Set<Role> roles) {
        checkUsername(username);
        checkPassword(password);
        checkRoles(roles);
        var now = Times.toDb(Times.now());
        try {
            jdbc.sql("""
                    INSERT INTO app_user (username, display_name, password_hash, roles, enabled, created_at, updated_at)
                    VALUES (:u, :d, :h, :r, TRUE, :now, :now)""")
                    .param("u", username).param("d", blankToNull(displayName))
                    .param("h", passwords.encode(password)).param("r", Role.format(roles)).param("now", now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidBodyException("username", "there is already a user '" + username + "'");
        }
        UserAccount created = find(username).orElseThrow();
        audit.record("user.created", "user", username, "created user " + username + " (" + Role.format(roles) + ")",
                null, created.audited());
        return created;
    }

    /** Changes roles, display name and whether the account may sign in. */
    @Transactional
    public UserAccount update(String username, String displayName, Set<Role> roles, boolean enabled) {
        UserAccount before = lockAndFind(username);
        checkRoles(roles);
        if (username.equals(Actor.current()) && (!enabled || !roles.contains(Role.ADMIN)) && before.roles().contains(Role.ADMIN)) {
            throw new InvalidBodyException("roles", "you cannot take away your own administrator access");
        }
        jdbc.sql("UPDATE app_user SET display_name = :d, roles = :r, enabled = :e, updated_at = :now WHERE username = :u")
                .param("d", blankToNull(displayName)).param("r", Role.format(roles)).param("e", enabled)
                .param("now", Times.toDb(Times.now())).param("u", username).update();
        UserAccount after = find(username).orElseThrow();
        audit.record("user.updated", "user", username, "changed user " + username, before.audited(),
                after.audited());
        return after;
    }

    /** Sets a new password (the audit log records that it changed, never the password). */
    @Transactional
    public void setPassword(String username, String password) {
        lockAndFind(username);
        checkPassword(password);
        jdbc.sql("UPDATE app_user SET password_hash = :h, updated_at = :now WHERE username = :u")
                .param("h", passwords.encode(password)).param("now", Times.toDb(Times.now())).param("u", username)
                .update();
        audit.record("user.password-changed", "user", username, "changed the password of " + username, null, null);
    }

    @org.springframework.context.event.EventListener
    void onSignIn(org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent event) {
        recordLogin(event.getAuthentication().getName());
    }

    void recordLogin(String username) {
        jdbc.sql("UPDATE app_user SET last_login_at = :now WHERE username = :u")
                .param("now", Times.toDb(Times.now())).param("u", username).update();
    }

    private UserAccount lockAndFind(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE username = :u FOR UPDATE").param("u", username)
                .query((rs, n) -> account(rs)).optional()
                .orElseThrow(() -> new com.saypro.triage.web.NotFoundException("There is no user " + username));
    }

    static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidBodyException("username",
                    "must be 2 to 100 letters, digits or . _ @ -, starting with a letter or digit");
        }
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidBodyException("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidBodyException("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    private static void checkRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidBodyException("roles", "choose at least one of ANALYST, ENGINEER, REVIEWER, ADMIN");
        }
    }

    private static String blankToNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String trimmed = s.trim();
        if (trimmed.length() > 200) {
            throw new InvalidBodyException("displayName", "must be at most 200 characters");
        }
        return trimmed;
    }

    private static UserAccount account(ResultSet rs) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.parse(rs.getString("roles")), rs.getBoolean("enabled"), Times.fromDb(rs, "created_at"),
                Times.fromDb(rs, "updated_at"), Times.fromDb(rs, "last_login_at"));
    }
}
