package com.saypro.triage.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.KbSystem;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.knowledge.Systems;

/**
 * {@code /kb}: the knowledge base for everyone: causes by category with their playbooks,
 * the playbooks step by step, the questions; and, with {@code ?q=}, the search over causes,
 * playbooks, resolved incidents and post-mortems with the words found marked.
 */
@Controller
class KnowledgeBasePageController {

    private final KnowledgeBase knowledge;
    private final KnowledgeSearch search;
    private final Systems systems;

    KnowledgeBasePageController(KnowledgeBase knowledge, KnowledgeSearch search, Systems systems) {
        this.knowledge = knowledge;
        this.search = search;
        this.systems = systems;
    }

    /** A piece of a snippet, marked when it is a word of the query. */
    record Piece(String text, boolean match) {
    }

    /** A hit with its snippet cut into pieces to mark. */
    record Shown(KnowledgeSearch.Hit hit, List<Piece> pieces) {
    }

    @GetMapping("/kb")
    String knowledgeBase(@RequestParam(required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        model.addAttribute("q", query);
        if (!query.isEmpty()) {
            model.addAttribute("hits", search.search(query.length() > 500 ? query.substring(0, 500) : query, null, 30)
                    .stream().map(h -> new Shown(h, pieces(h.snippet(), h.matches()))).toList());
        }
        Map<String, List<Cause>> byCategory = new TreeMap<>();
        knowledge.causes().values().stream().sorted(Comparator.comparing(Cause::title))
                .forEach(c -> byCategory.computeIfAbsent(c.category().name(), k -> new ArrayList<>()).add(c));
        model.addAttribute("causesByCategory", byCategory);
        model.addAttribute("playbooks", knowledge.playbooks());
        model.addAttribute("questions", knowledge.questions().values());
        model.addAttribute("systems", systems.all().stream().sorted(Comparator.comparing(KbSystem::code)).toList());
        return "kb/index";
    }

    static List<Piece> pieces(String text, List<String> words) {
        List<Piece> pieces = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < text.length()) {
            int next = -1;
            String found = null;
            for (String w : words) {
                int at = lower.indexOf(w, i);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                    found = w;
                }
            }
            if (next < 0) {
                pieces.add(new Piece(text.substring(i), false));
                break;
            }
            if (next > i) {
                pieces.add(new Piece(text.substring(i, next), false));
            }
            pieces.add(new Piece(text.substring(next, next + found.length()), true));
            i = next + found.length();
        }
        return pieces;
    }
}
