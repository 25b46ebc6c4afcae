package com.saypro.triage.rulestats;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/rules/stats?days=30}: every rule of the rule base in use with its figures
 * over the last {@code days} days ({@link RuleStat}); anyone signed in, or a token with scope
 * {@code read}.
 */
@RestController
class RuleStatsApiController {

    private final RuleStatistics statistics;

    RuleStatsApiController(RuleStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(path = "/api/v1/rules/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    List<RuleStat> stats(@RequestParam(required = false) Integer days) {
        return statistics.all(RuleStatistics.days(days));
    }
}
