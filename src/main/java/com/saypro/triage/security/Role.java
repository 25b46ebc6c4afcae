package com.saypro.triage.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a person may do. Analysts work incidents; knowledge engineers edit rules, the knowledge
 * base and thresholds; reviewers read everything and write post-mortems; administrators manage
 * users, tokens, systems and notification targets, and may do everything the others may.
 * Everyone signed in reads incidents and diagnoses.
 */
public enum Role {
    ANALYST, ENGINEER, REVIEWER, ADMIN;

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Parses a comma-separated list; unknown names are an error. */
    static Set<Role> parse(String text) {
        Set<Role> roles = new TreeSet<>();
        if (text == null) {
            return roles;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        return roles;
    }

    static String format(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    static boolean known(String name) {
        return Arrays.stream(values()).anyMatch(r -> r.name().equalsIgnoreCase(name == null ? "" : name.trim()));
    }
}
