package com.saypro.triage.diagnosis;

import java.util.Collection;

/** How the votes for one cause combine into its confidence. */
public final class Confidence {

    private Confidence() {
    }

    /**
     * Positive votes combine as a noisy OR, {@code 1 - (1-c1)(1-c2)...}: each independent
     * piece of evidence raises the confidence, never past 1. Each negative vote {@code -n}
     * then multiplies the result by {@code 1-n}. The result is rounded to three decimals so
     * the same votes always print the same number.
     */
    public static double combine(Collection<Double> votes) {
        double against = 1.0;
        double notCause = 1.0;
        for (double vote : votes) {
            if (vote >= 0) {
                notCause *= 1.0 - vote;
            } else {
                against *= 1.0 + vote;
            }
        }
        double combined = (1.0 - notCause) * against;
        return Math.round(combined * 1000.0) / 1000.0;
    }
}
