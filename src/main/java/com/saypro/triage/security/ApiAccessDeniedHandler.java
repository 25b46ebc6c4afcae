package com.saypro.triage.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 for the API, as a problem document. */
final class ApiAccessDeniedHandler implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden",
                "Your role or token scope does not allow " + request.getMethod() + " " + request.getRequestURI()
                        + "; nothing was changed.");
    }
}
