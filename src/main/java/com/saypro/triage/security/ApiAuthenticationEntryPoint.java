package com.saypro.triage.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import com.saypro.triage.support.DatabaseUnavailable;

/** 401 for the API: a problem document and the ways to authenticate, never a redirect to the form. */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (DatabaseUnavailable.isCause(e)) {
            // The user could not be looked up: not a wrong password, and worth trying again.
            response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            Problems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "database-unavailable",
                    "Database unavailable", "The database is unavailable, so the credentials could not be checked;"
                            + " nothing was stored. Try again.");
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"triage\", Basic realm=\"triage\"");
        String detail = e instanceof LockedException ? e.getMessage()
                : "Send a token (Authorization: Bearer <token>) or a user's name and password (HTTP Basic); "
                        + "nothing was done.";
        Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail);
    }
}
