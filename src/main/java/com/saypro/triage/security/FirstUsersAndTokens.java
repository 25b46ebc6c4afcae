package com.saypro.triage.security;

import java.security.SecureRandom;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, before the web server takes requests: the first administrator and the first
 * ingestion token.
 * <ul>
 * <li>No user yet: user {@code admin} is made with {@code TRIAGE_ADMIN_PASSWORD}, or, without
 * it, with a one-time password printed once to the log. Later starts leave users alone (their
 * passwords are changed on /admin).</li>
 * <li>{@code TRIAGE_INGEST_TOKEN} set: a token with scope {@code ingest} and that text exists
 * (made when missing). A different text given later replaces the token seeded before, which is
 * revoked.</li>
 * </ul>
 */
@Component
class FirstUsersAndTokens implements SmartInitializingSingleton {

    static final String ADMIN = "admin";
    static final String SEEDED_TOKEN = "TRIAGE_INGEST_TOKEN";
    private static final Logger LOG = LoggerFactory.getLogger(FirstUsersAndTokens.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts users;
    private final ApiTokens tokens;
    private final TransactionTemplate transactions;
    private final String adminPassword;
    private final String ingestToken;

    FirstUsersAndTokens(UserAccounts users, ApiTokens tokens, TransactionTemplate transactions,
            @Value("${triage.security.admin-password:}") String adminPassword,
            @Value("${triage.security.ingest-token:}") String ingestToken) {
        this.users = users;
        this.tokens = tokens;
        this.transactions = transactions;
        this.adminPassword = adminPassword;
        this.ingestToken = ingestToken;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transactions.executeWithoutResult(status -> {
            seedAdmin();
            seedIngestToken();
        });
    }

    private void seedAdmin() {
        if (users.any()) {
            if (!adminPassword.isBlank() && users.find(ADMIN).isPresent()) {
                LOG.info("TRIAGE_ADMIN_PASSWORD is only used at the first start; user 'admin' exists, "
                        + "its password is changed on /admin.");
            }
            return;
        }
        if (!adminPassword.isBlank()) {
            try {
                UserAccounts.checkPassword(adminPassword);
            } catch (com.saypro.triage.web.InvalidBodyException e) {
                throw new IllegalStateException("TRIAGE_ADMIN_PASSWORD " + e.getErrors().get(0).message());
            }
            users.create(ADMIN, "Administrator", adminPassword, Set.of(Role.ADMIN));
            LOG.info("Created user 'admin' with the password in TRIAGE_ADMIN_PASSWORD.");
            return;
        }
        String password = oneTimePassword();
        users.create(ADMIN, "Administrator", password, Set.of(Role.ADMIN));
        LOG.warn("""

                ************************************************************************
                Created user 'admin' with the one-time password:  {}
                It is shown only this once. Sign in at /login and change it on /admin,
                or set TRIAGE_ADMIN_PASSWORD before the first start.
                ************************************************************************""", password);
    }

    private void seedIngestToken() {
        if (ingestToken.isBlank()) {
            return;
        }
        if (tokens.exists(ingestToken)) {
            if (tokens.findActive(ingestToken).isEmpty()) {
                LOG.warn("TRIAGE_INGEST_TOKEN names a token that was revoked; it stays revoked. Set a new one.");
            }
            return;
        }
        tokens.findByName(SEEDED_TOKEN).ifPresent(old -> {
            tokens.revoke(old.id());
            LOG.info("TRIAGE_INGEST_TOKEN changed: revoked the token seeded before.");
        });
        tokens.store(SEEDED_TOKEN, Set.of(Scope.INGEST), ingestToken);
        LOG.info("Created an ingestion token from TRIAGE_INGEST_TOKEN.");
    }

    private static String oneTimePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
