package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.Diagnosis.QuestionView;

class QuestionRankerTests {

    private static Candidate candidate(String code, double confidence) {
        return new Candidate(0, code, code.toLowerCase(), "DATABASE", confidence, 0, "", List.of(), List.of(), null);
    }

    private static QuestionView question(String code) {
        return new QuestionView(code, code, "", List.of("yes", "no", "unknown"), "", "rule", 0, "");
    }

    private static Diagnosis diagnosis(List<Candidate> candidates, List<QuestionView> questions) {
        return new Diagnosis(1, "sys", "v", 1, candidates, List.of(), questions, List.of(), List.of(), false);
    }

    @Test
    void shouldAskFirstTheQuestionWhoseAnswerChangesTheRankingMost() {
        Diagnosis d = diagnosis(List.of(candidate("A", 0.5), candidate("B", 0.45)),
                List.of(question("SMALL"), question("SEPARATES")));
        Map<String, Map<String, List<Candidate>>> after = Map.of(
                "SEPARATES", Map.of("yes", List.of(candidate("A", 0.9), candidate("B", 0.1)),
                        "no", List.of(candidate("B", 0.9), candidate("A", 0.1))),
                "SMALL", Map.of("yes", List.of(candidate("A", 0.55), candidate("B", 0.45)),
                        "no", List.of(candidate("B", 0.46), candidate("A", 0.45))));
        Diagnosis ranked = QuestionRanker.rank(d, (q, o) -> after.get(q).get(o));
        assertThat(ranked.questions()).extracting(QuestionView::code).containsExactly("SEPARATES", "SMALL");
        assertThat(ranked.questions().get(0).gain()).isGreaterThan(ranked.questions().get(1).gain());
        assertThat(ranked.questions().get(0).why()).contains("separates a from b").contains("'yes' favours a")
                .contains("'no' favours b");
    }

    @Test
    void shouldNotAskAQuestionWhoseAnswersCannotChangeTheTopCause() {
        Diagnosis d = diagnosis(List.of(candidate("A", 0.9), candidate("B", 0.2)), List.of(question("IDLE")));
        Diagnosis ranked = QuestionRanker.rank(d, (q, o) -> List.of(candidate("A", o.equals("yes") ? 0.95 : 0.85),
                candidate("B", 0.2)));
        assertThat(ranked.questions()).isEmpty();
    }

    @Test
    void shouldScoreGainAsTheExpectedDistanceBetweenRankings() {
        Map<String, Double> now = QuestionRanker.distribution(List.of(candidate("A", 0.5)));
        assertThat(now.get("A")).isEqualTo(0.5);
        assertThat(QuestionRanker.distance(now, now)).isZero();
        Map<String, Double> sure = QuestionRanker.distribution(List.of(candidate("B", 1.0)));
        assertThat(QuestionRanker.distance(now, sure)).isEqualTo(1.0);
    }
}
