package com.saypro.triage.rulestats;

import java.time.Instant;

/**
 * One rule's figures, as {@code GET /api/v1/rules/stats} and {@code /rules/stats} show them:
 * the DRL file it is in, the cause(s) it declares ({@code @cause}, null when none), in how many
 * diagnosis runs of the window it fired and voted for the cause ranked first, when it last
 * fired (ever), its hits and misses against confirmed causes and their precision (null
 * without any), and whether it did not fire at all in the window.
 */
public record RuleStat(String rule, String file, String cause, long fired, long rankedFirst, Instant lastFired,
        int confirmedHits, int confirmedMisses, Double precision, boolean neverFiredInWindow) {
}
