package com.saypro.triage.search;

import java.util.List;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.saypro.triage.web.BadRequestException;

/**
 * {@code GET /api/v1/kb/search?q=}: causes, playbooks, resolved incidents and post-mortems
 * matching the words of {@code q}, the best first: {@code kind}, {@code code} or {@code id},
 * {@code title}, {@code snippet}, {@code score}; {@code kind=} narrows to one kind.
 */
@RestController
class KnowledgeSearchApiController {

    static final Set<String> KINDS = Set.of("cause", "playbook", "incident", "postmortem");

    private final KnowledgeSearch search;

    KnowledgeSearchApiController(KnowledgeSearch search) {
        this.search = search;
    }

    @GetMapping(path = "/api/v1/kb/search", produces = MediaType.APPLICATION_JSON_VALUE)
    List<KnowledgeSearch.Hit> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String kind, @RequestParam(defaultValue = "20") int limit) {
        if (q == null || q.isBlank()) {
            throw new BadRequestException("q", "is required: the words to look for");
        }
        if (q.length() > 500) {
            throw new BadRequestException("q", "must be at most 500 characters");
        }
        if (kind != null && !KINDS.contains(kind)) {
            throw new BadRequestException("kind", "must be one of cause, playbook, incident, postmortem");
        }
        if (limit < 1 || limit > 100) {
            throw new BadRequestException("limit", "must be between 1 and 100");
        }
        if (KnowledgeSearch.words(q).isEmpty()) {
            throw new BadRequestException("q", "must hold at least one word of two letters or digits");
        }
        return search.search(q, kind, limit);
    }
}
