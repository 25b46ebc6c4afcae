package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.Confidence.Vote;

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

    @Test
    void shouldCountOnlyTheStrongestVoteOfAnEvidenceGroup() {
        Confidence.Score once = Confidence.score(List.of(new Vote(0.6, "network-path-healthy-answer", false),
                new Vote(0.5, "network-path-healthy-answer", false)), 0);
        assertThat(once.confidence()).isEqualTo(0.6);
        Confidence.Score twoGroups = Confidence.score(List.of(new Vote(0.6, "network-path-healthy-answer", false),
                new Vote(0.5, "network-timeout-logs", false)), 0);
        assertThat(twoGroups.confidence()).isEqualTo(0.8);
    }

    @Test
    void shouldCountTheStrongestCounterVoteOfAGroupOnce() {
        Confidence.Score score = Confidence.score(List.of(new Vote(0.8, "a", false), new Vote(-0.5, "answer", false),
                new Vote(-0.3, "answer", false)), 0);
        assertThat(score.confidence()).isEqualTo(0.4);
        assertThat(score.counter()).isEqualTo(0.5);
    }

    @Test
    void shouldAddThePriorAsTheLeakOfTheNoisyOrNotAsAVote() {
        assertThat(Confidence.score(List.of(new Vote(0.5, "a", false)), 0.2).confidence()).isEqualTo(0.6);
        Confidence.Score unraised = Confidence.score(List.of(), 0.2);
        assertThat(unraised.raised()).isFalse();
        assertThat(unraised.confidence()).isZero();
    }

    @Test
    void shouldCountVotesOnInferredSymptomsAtSixtyPercent() {
        assertThat(Confidence.score(List.of(new Vote(0.5, "a", true)), 0).confidence()).isEqualTo(0.3);
        assertThat(Confidence.score(List.of(new Vote(0.5, "a", true), new Vote(0.4, "a", false)), 0).confidence())
                .isEqualTo(0.4);
    }

    @Test
    void shouldMatchTheWorkedExampleOfTheRuleAuthorsGuide() {
        List<Vote> votes = List.of(new Vote(0.35, "symptom-prior", false), new Vote(0.7, "db-time-dominant-traces", false),
                new Vote(0.6, "slow-query-log-answer", false), new Vote(0.5, "slow-query-log-answer", false));
        assertThat(Confidence.score(votes, 0.1).confidence()).isEqualTo(0.93);
    }
}
