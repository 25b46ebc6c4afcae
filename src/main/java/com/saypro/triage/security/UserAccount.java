package com.saypro.triage.security;

import java.time.Instant;
import java.util.Set;

/** A person who signs in. The password hash never leaves the {@code security} package's storage. */
public record UserAccount(long id, String username, String displayName, Set<Role> roles, boolean enabled,
        Instant createdAt, Instant updatedAt, Instant lastLoginAt) {

    /** What the audit log keeps of an account (never the hash). */
    Object audited() {
        return java.util.Map.of("username", username, "displayName", displayName == null ? "" : displayName,
                "roles", Role.format(roles), "enabled", enabled);
    }
}
