package com.saypro.triage.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Machines authenticate with {@code Authorization: Bearer <token>} (and Splunk's collectors
 * with {@code Authorization: Splunk <token>}). A request that names a token Triage does not
 * know, or a revoked one, is refused here with 401; it never reaches a controller. A request
 * without such a header passes on to the other ways of signing in.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    TokenAuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** An authenticated token: its name is the actor, its scopes the authorities. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final ApiTokens.Holder holder;

        TokenAuthentication(ApiTokens.Holder holder) {
            super(holder.scopes().stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
            this.holder = holder;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return holder;
        }

        @Override
        public String getName() {
            return "token:" + holder.name();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = secret(request.getHeader("Authorization"));
        if (secret == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokens.Holder holder;
        try {
            holder = tokens.authenticate(secret).orElse(null);
        } catch (DataAccessException e) {
            response.setHeader("Retry-After", String.valueOf(com.saypro.triage.support.DatabaseUnavailable.RETRY_AFTER_SECONDS));
            Problems.write(response, 503, "database-unavailable", "Database unavailable",
                    "The token could not be checked because the database is unavailable; nothing was stored. Try again.");
            return;
        }
        if (holder == null) {
            contexts.clearContext();
            response.setHeader("WWW-Authenticate", "Bearer realm=\"triage\", error=\"invalid_token\"");
            Problems.write(response, 401, "unauthenticated", "Unauthenticated",
                    "The token is not known or was revoked; nothing was stored.");
            return;
        }
        var context = contexts.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(holder));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private static final List<String> SCHEMES = List.of("bearer ", "splunk ");

    static String secret(String header) {
        if (header == null) {
            return null;
        }
        for (String scheme : SCHEMES) {
            if (header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                String secret = header.substring(scheme.length()).trim();
                return secret.isEmpty() ? "" : secret;
            }
        }
        return null;
    }
}
