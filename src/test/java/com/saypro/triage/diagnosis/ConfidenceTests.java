package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfidenceTests {

    @Test
    void shouldCombineIndependentVotesAsANoisyOr() {
        assertThat(Confidence.combine(List.of(0.5, 0.5))).isEqualTo(0.75);
        assertThat(Confidence.combine(List.of(0.9, 0.9, 0.9))).isEqualTo(0.999);
        assertThat(Confidence.combine(List.of(0.6))).isEqualTo(0.6);
    }

    @Test
    void shouldScaleDownByEachVoteAgainst() {
        assertThat(Confidence.combine(List.of(0.8, -0.5))).isEqualTo(0.4);
        assertThat(Confidence.combine(List.of(0.8, -1.0))).isZero();
        assertThat(Confidence.combine(List.of(-0.5))).isZero();
    }
}
