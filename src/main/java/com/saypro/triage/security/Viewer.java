package com.saypro.triage.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Who is looking at a page, and what the page may offer them (its links and buttons). */
public record Viewer(String name, boolean signedIn, boolean analyst, boolean engineer, boolean reviewer,
        boolean admin) {

    public boolean canAudit() {
        return admin || reviewer;
    }

    /** Drafts and edits post-mortems and their action items, submits them for review. */
    public boolean canWritePostmortems() {
        return analyst || reviewer;
    }

    /** Publishes post-mortems, or sends them back to draft. */
    public boolean canPublishPostmortems() {
        return reviewer;
    }

    @ControllerAdvice(annotations = Controller.class)
    static class Advice {

        private final RoleHierarchy roles;

        Advice(RoleHierarchy roles) {
            this.roles = roles;
        }

        @ModelAttribute("viewer")
        Viewer viewer(Authentication authentication) {
            if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
                return new Viewer("", false, false, false, false, false);
            }
            Set<String> granted = roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                    .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
            return new Viewer(authentication.getName(), true, granted.contains(Role.ANALYST.authority()),
                    granted.contains(Role.ENGINEER.authority()), granted.contains(Role.REVIEWER.authority()),
                    granted.contains(Role.ADMIN.authority()));
        }
    }
}
