package com.saypro.triage.security;

import java.time.Instant;
import java.util.Set;

/** A machine credential as Triage keeps it: never the token itself, only its hash. */
public record ApiToken(long id, String name, Set<Scope> scopes, String createdBy, Instant createdAt,
        Instant lastUsedAt, Instant revokedAt, String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }

    public String scopeList() {
        return Scope.format(scopes);
    }

    Object audited() {
        return java.util.Map.of("name", name, "scopes", Scope.format(scopes), "revoked", revokedAt != null);
    }
}
