package com.saypro.triage.rulestats;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /rules/stats}: the rule statistics as a table, by file (the default) or sorted by a
 * figure, optionally only the rules that did not fire in the window ({@code never=true}).
 */
@Controller
class RuleStatsPageController {

    static final String STATS = "rules/stats";

    /** The orders offered: numbers largest first, what is missing last. */
    static final Map<String, Comparator<RuleStat>> SORTS = Map.of(
            "fired", Comparator.comparingLong(RuleStat::fired).reversed(),
            "rankedFirst", Comparator.comparingLong(RuleStat::rankedFirst).reversed(),
            "precision", Comparator.comparing(RuleStat::precision, Comparator.nullsLast(Comparator.reverseOrder())),
            "confirmed", Comparator.comparingInt((RuleStat s) -> s.confirmedHits() + s.confirmedMisses()).reversed(),
            "lastFired", Comparator.comparing(RuleStat::lastFired, Comparator.nullsLast(Comparator.reverseOrder())),
            "rule", Comparator.comparing(RuleStat::rule));

    private final RuleStatistics statistics;

    RuleStatsPageController(RuleStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/rules/stats")
    String stats(@RequestParam(required = false) Integer days, @RequestParam(defaultValue = "false") boolean never,
            @RequestParam(defaultValue = "file") String sort, Model model) {
        int window = RuleStatistics.days(days);
        List<RuleStat> all = statistics.all(window);
        List<RuleStat> shown = all.stream().filter(s -> !never || s.neverFiredInWindow()).toList();
        String order = SORTS.containsKey(sort) ? sort : "file";
        if (SORTS.containsKey(order)) {
            shown = shown.stream().sorted(SORTS.get(order)).toList();
        }
        model.addAttribute("stats", shown);
        model.addAttribute("days", window);
        model.addAttribute("never", never);
        model.addAttribute("sort", order);
        model.addAttribute("ruleCount", all.size());
        model.addAttribute("neverCount", all.stream().filter(RuleStat::neverFiredInWindow).count());
        return STATS;
    }
}
