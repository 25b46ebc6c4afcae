package com.saypro.triage.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import com.saypro.triage.support.Json;

/**
 * RFC 9457 problem documents written straight to the response: by the security filters, which
 * run before any controller, and by handlers whose response is not JSON when all goes well.
 */
public final class Problems {

    private Problems() {
    }

    public static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:saypro:triage:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.write(problem));
    }
}
