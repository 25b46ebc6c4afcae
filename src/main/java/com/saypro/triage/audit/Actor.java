package com.saypro.triage.audit;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting: the signed-in user, the token's name, or the system itself. */
public final class Actor {

    /** Changes Triage makes by itself (seed, rule directory, schedules). */
    public static final String SYSTEM = "system";

    private Actor() {
    }

    /** The name of whoever the current request is authenticated as, or {@link #SYSTEM}. */
    public static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return SYSTEM;
        }
        return authentication.getName();
    }
}
