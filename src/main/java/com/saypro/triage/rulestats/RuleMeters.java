package com.saypro.triage.rulestats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The rule statistics as Micrometer meters, tagged {@code rule}: counters
 * {@code triage.rule.fired} and {@code triage.rule.ranked.first} (counted as runs are
 * recorded, since this start), and the gauge {@code triage.rule.precision} for each rule that
 * took part in a confirmed incident, refreshed every minute
 * ({@code triage.rules.stats.precision-refresh}).
 */
@Component
class RuleMeters {

    static final String FIRED = "triage.rule.fired";
    static final String RANKED_FIRST = "triage.rule.ranked.first";
    static final String PRECISION = "triage.rule.precision";

    private static final Logger log = LoggerFactory.getLogger(RuleMeters.class);

    private final MeterRegistry registry;
    private final RulePrecision precision;
    private final Map<String, Counter> fired = new ConcurrentHashMap<>();
    private final Map<String, Counter> rankedFirst = new ConcurrentHashMap<>();
    private final MultiGauge precisionGauges;

    RuleMeters(MeterRegistry registry, RulePrecision precision) {
        this.registry = registry;
        this.precision = precision;
        this.precisionGauges = MultiGauge.builder(PRECISION)
                .description("Share of a rule's votes in confirmed incidents that were for the confirmed cause")
                .register(registry);
    }

    void fired(String rule) {
        fired.computeIfAbsent(rule, r -> Counter.builder(FIRED).tag("rule", r)
                .description("Diagnosis runs in which the rule fired").register(registry)).increment();
    }

    void rankedFirst(String rule) {
        rankedFirst.computeIfAbsent(rule, r -> Counter.builder(RANKED_FIRST).tag("rule", r)
                .description("Diagnosis runs in which the rule voted for the cause ranked first").register(registry))
                .increment();
    }

    @Scheduled(fixedDelayString = "${triage.rules.stats.precision-refresh:1m}", initialDelay = 0)
    void refreshPrecision() {
        try {
            Map<String, RulePrecision.Tally> byRule = precision.byRule();
            precisionGauges.register(byRule.entrySet().stream()
                    .filter(e -> e.getValue().precision() != null)
                    .map(e -> MultiGauge.Row.of(Tags.of("rule", e.getKey()), e.getValue().precision()))
                    .toList(), true);
        } catch (RuntimeException e) {
            log.debug("Rule precision gauges not refreshed: {}", e.getMessage());
        }
    }
}
