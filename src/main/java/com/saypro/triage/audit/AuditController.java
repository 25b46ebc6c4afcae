package com.saypro.triage.audit;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The audit log, read-only, for administrators and reviewers: the page {@code /audit} and
 * {@code GET /api/v1/audit}. There is no way to change or delete an entry.
 */
@Controller
class AuditController {

    static final String AUDIT = "audit/index";
    static final int MAX = 1000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "200") int limit,
            Model model) {
        model.addAttribute("events", audit.latest(kind, clamp(limit)));
        model.addAttribute("kind", kind == null ? "" : kind);
        model.addAttribute("kinds", audit.kinds());
        return AUDIT;
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<AuditEvent> api(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "200") int limit) {
        return audit.latest(kind, clamp(limit));
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(MAX, limit));
    }
}
