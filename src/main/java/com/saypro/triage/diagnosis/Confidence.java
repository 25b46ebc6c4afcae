package com.saypro.triage.diagnosis;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the votes for one cause combine into its confidence (rules/README.md has the same
 * formula for knowledge engineers):
 * <ol>
 * <li>A vote that rests only on symptoms inferred from an alert's words counts at
 * {@link #INFERRED_WEIGHT} of its value.</li>
 * <li>Within an evidence group (the rule's {@code @group}) only the strongest supporting vote
 * counts, and only the strongest counter-vote: one piece of evidence counts once, however
 * many rules read it.</li>
 * <li>Support combines across groups as a noisy OR whose leak is the system's prior for the
 * cause: {@code S = 1 - (1 - prior) * (1 - s1) * (1 - s2) ...}.</li>
 * <li>Each counter-evidence group {@code -w} discounts the result:
 * {@code confidence = S * (1 - w1) * (1 - w2) ...}.</li>
 * </ol>
 * A cause with no supporting vote is not a candidate, whatever its prior. Results are rounded
 * to three decimals so the same votes always print the same number.
 */
public final class Confidence {

    /** What a vote resting only on inferred symptoms is worth, relative to its value. */
    public static final double INFERRED_WEIGHT = 0.6;

    private Confidence() {
    }

    /** One vote: its value (-1..1), its evidence group, and whether it rests only on inferred symptoms. */
    public record Vote(double value, String group, boolean inferredOnly) {

        double effective() {
            return inferredOnly && value > 0 ? value * INFERRED_WEIGHT : value;
        }
    }

    /**
     * {@code support}: the combined support with the prior; {@code counter}: the factor the
     * counter-evidence leaves (1 = none); {@code confidence = support * counter}.
     */
    public record Score(double confidence, double support, double counter, boolean raised) {
    }

    public static Score score(List<Vote> votes, double prior) {
        Map<String, Double> strongestFor = new HashMap<>();
        Map<String, Double> strongestAgainst = new HashMap<>();
        for (Vote vote : votes) {
            double v = vote.effective();
            if (v > 0) {
                strongestFor.merge(vote.group(), v, Math::max);
            } else if (v < 0) {
                strongestAgainst.merge(vote.group(), -v, Math::max);
            }
        }
        double notCause = 1.0 - clamp(prior);
        for (double s : strongestFor.values()) {
            notCause *= 1.0 - s;
        }
        double counter = 1.0;
        for (double w : strongestAgainst.values()) {
            counter *= 1.0 - w;
        }
        boolean raised = !strongestFor.isEmpty();
        double support = raised ? 1.0 - notCause : 0.0;
        return new Score(round(support * counter), round(support), round(counter), raised);
    }

    /** Votes that are each their own evidence, without a prior (the rule file tests use this). */
    public static double combine(Collection<Double> votes) {
        List<Vote> separate = new java.util.ArrayList<>();
        int i = 0;
        for (double v : votes) {
            separate.add(new Vote(v, "vote-" + i++, false));
        }
        return score(separate, 0).confidence();
    }

    private static double clamp(double prior) {
        return Double.isNaN(prior) ? 0 : Math.max(0, Math.min(0.99, prior));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
