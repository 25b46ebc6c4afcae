package com.saypro.triage.security;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a machine token may do: send signals ({@code ingest}) or read the API ({@code read}). */
public enum Scope {
    INGEST, READ;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority of the scope. */
    public String authority() {
        return "SCOPE_" + code();
    }

    static Set<Scope> parse(String text) {
        Set<Scope> scopes = new TreeSet<>();
        if (text == null) {
            return scopes;
        }
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                scopes.add(Scope.valueOf(part.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return scopes;
    }

    static String format(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::code).collect(Collectors.joining(","));
    }
}
