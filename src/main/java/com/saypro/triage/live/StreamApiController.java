package com.saypro.triage.live;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.saypro.triage.security.Problems;

/**
 * {@code GET /api/v1/stream}: {@code text/event-stream} of incident changes, an event
 * {@code incident} with data {@code {"id", "kind", "status", "system", "severity"}} per
 * changed incident ({@code kind}: what changed, comma-separated when several things did:
 * {@code signals}, {@code diagnosis}, {@code status}, {@code assignment}, {@code answer},
 * {@code top-cause}, ...); {@code ?incident=<id>} for one incident's changes only. When too
 * many streams are open: 503 with {@code Retry-After}.
 */
@RestController
class StreamApiController {

    private final IncidentStream stream;

    StreamApiController(IncidentStream stream) {
        this.stream = stream;
    }

    @GetMapping("/api/v1/stream")
    SseEmitter stream(@RequestParam(required = false) Long incident, HttpServletResponse response)
            throws IOException {
        SseEmitter emitter = stream.open(incident);
        if (emitter == null) {
            response.setHeader("Retry-After", "30");
            Problems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "too-many-streams",
                    "Too many streams", "Too many open streams, or Triage is stopping; try again later.");
            return null;
        }
        // Neither a proxy (nginx) nor a cache may hold the events back.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        return emitter;
    }
}
