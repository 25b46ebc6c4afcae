package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.IncidentContext;

class FactSnapshotTests {

    private static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");

    private static FactSet facts(Answer... answers) {
        Alert alert = new Alert(7, "HostOutOfDiskSpace", "lms", "db-1", "warning", "firing",
                Map.of("instance", "db-1:9100"), Map.of("summary", "Filesystem almost full"), OPENED, null, "f1", 0);
        return new FactSet(new IncidentContext(1, "lms", "warning", OPENED), List.of(alert), List.of(), List.of(),
                List.of(), List.of(), List.of(answers));
    }

    @Test
    void aSnapshotReadsBackAsTheFactsItWasWrittenFrom() {
        FactSet facts = facts(new Answer("recent_change", "yes"));
        FactSet read = FactSnapshot.read(FactSnapshot.write(facts));
        assertThat(read.answers()).extracting(Answer::getQuestion, Answer::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("recent_change", "yes"));
        assertThat(read.alerts()).extracting(Alert::getName, Alert::getFingerprint)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("HostOutOfDiskSpace", "f1"));
    }

    @Test
    void theAnswersOfASnapshotAreComparedWhereverTheyStand() {
        String snapshot = FactSnapshot.write(facts(new Answer("recent_change", "yes")));
        assertThat(FactSnapshot.sameAnswers(snapshot, facts(new Answer("recent_change", "yes")))).isTrue();
        assertThat(FactSnapshot.sameAnswers(snapshot, facts(new Answer("recent_change", "no")))).isFalse();
        assertThat(FactSnapshot.sameAnswers(snapshot, facts())).isFalse();
        assertThat(FactSnapshot.sameAnswers(snapshot, facts(new Answer("recent_change", "yes"),
                new Answer("traffic_spike", "no")))).isFalse();

        // Snapshots written before the answers moved to the front hold them after the signals.
        String older = "{\"incident\":{\"id\":1,\"system\":\"lms\",\"severity\":\"warning\",\"openedAt\":\""
                + OPENED + "\"},\"alerts\":[{\"id\":7,\"labels\":{\"answers\":[1]}}],\"metrics\":[],"
                + "\"answers\":[{\"question\":\"recent_change\",\"value\":\"yes\"}],\"readings\":[],\"priors\":{}}";
        assertThat(FactSnapshot.sameAnswers(older, facts(new Answer("recent_change", "yes")))).isTrue();
        assertThat(FactSnapshot.sameAnswers(older, facts())).isFalse();
    }

    @Test
    void aSnapshotWithoutAnswersHasTheSameAnswersOnlyAsFactsWithNone() {
        String none = "{\"incident\":{\"id\":1},\"alerts\":[]}";
        assertThat(FactSnapshot.sameAnswers(none, facts())).isTrue();
        assertThat(FactSnapshot.sameAnswers(none, facts(new Answer("recent_change", "yes")))).isFalse();
    }
}
