package com.saypro.triage.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests that change something through the API must carry a JSON body
 * ({@code application/json} or {@code application/*+json}); anything else gets 415 before a
 * controller reads a byte. Besides keeping the contract, this is what makes the API safe
 * without CSRF tokens: a page on another site can make a browser post a form or
 * {@code text/plain}, never JSON, without Triage's consent.
 */
final class JsonOnlyFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "DELETE");

    private final RequestMatcher api;

    JsonOnlyFilter(RequestMatcher api) {
        this.api = api;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // DELETE carries no body; PUT and PATCH are checked when they carry one, POST always.
        boolean bodiless = !"POST".equals(request.getMethod()) && request.getContentLengthLong() <= 0
                && request.getHeader("Transfer-Encoding") == null;
        return SAFE.contains(request.getMethod()) || bodiless || !api.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (json(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
        Problems.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "Send the body as application/json (Content-Type was "
                        + (request.getContentType() == null ? "missing" : "'" + request.getContentType() + "'")
                        + "); nothing was stored.");
    }

    static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
