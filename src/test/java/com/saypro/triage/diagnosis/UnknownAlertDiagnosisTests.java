package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.Diagnosis.Evidence;
import com.saypro.triage.diagnosis.Diagnosis.FactView;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.support.DiagnosisHarness;

/**
 * Alerts nobody wrote a catalog entry or a rule for, diagnosed by the whole rule base: what
 * their words say is enough for a cautious answer by category, and an alert that says
 * nothing useful gets no cause and a question instead.
 */
class UnknownAlertDiagnosisTests {

    private static final DiagnosisHarness HARNESS = DiagnosisHarness.seeded();
    private static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");

    private static Alert alert(String name, Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        return new Alert(1, name, "acme-shop", "", "warning", "firing", all, annotations, OPENED, null, "fp", 0);
    }

    private static String query(String promql) {
        return "http://prometheus:9090/graph?g0.expr=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&g0.tab=1";
    }

    private static Diagnosis diagnose(Alert alert, Object... others) {
        return HARNESS.diagnose(OPENED, List.of(alert), List.of(others));
    }

    @Test
    void shouldReadAnInventedDiskAlertAsAStorageProblemFromItsWords() {
        Diagnosis d = diagnose(alert("AcmeQueueDiskAlmostFull", Map.of("instance", "q1:9100"),
                Map.of("summary", "The queue host has less than 5% disk space left on /data")));

        Candidate top = d.top();
        assertThat(top.category()).isEqualTo("STORAGE");
        assertThat(top.confidence()).as("a cautious answer").isLessThan(0.5);
        assertThat(allFactSummaries(top.evidence())).anyMatch(s -> s.contains("recognised from its words"));
        assertThat(top.evidence()).allMatch(Evidence::inferred);
    }

    @Test
    void shouldRankAnInventedAlertLowerThanTheSameFailureFromTheCatalog() {
        Diagnosis invented = diagnose(alert("AcmeQueueDiskAlmostFull", Map.of(),
                Map.of("summary", "less than 5% disk space left")));
        Diagnosis known = diagnose(alert("NodeFilesystemAlmostOutOfSpace", Map.of("mountpoint", "/data"),
                Map.of("summary", "less than 5% disk space left")));

        assertThat(known.top().causeCode()).isEqualTo(invented.top().causeCode());
        assertThat(known.top().confidence()).isGreaterThan(invented.top().confidence());
    }

    @Test
    void shouldReadALatencyQueryAsSlowResponses() {
        Diagnosis d = diagnose(alert("WidgetLatencyHigh", Map.of(), Map.of("generatorURL", query(
                "histogram_quantile(0.99, sum by (le) (rate(widget_request_duration_seconds_bucket[5m]))) > 2"))));

        assertThat(d.symptoms()).anyMatch(s -> s.startsWith("Symptom SLOW_RESPONSE"));
        assertThat(d.top()).isNotNull();
        assertThat(d.top().category()).isIn("CAPACITY", "DATABASE", "NETWORK", "APPLICATION");
        assertThat(d.top().confidence()).isLessThan(0.5);
    }

    @Test
    void shouldGiveNoCauseButAskWhatKindOfFailureWhenAnAlertSaysNothingUseful() {
        Diagnosis d = diagnose(alert("FooBarAlert", Map.of("team", "platform"), Map.of("summary", "Something happened")));

        assertThat(d.candidates()).isEmpty();
        assertThat(d.questions()).extracting(Diagnosis.QuestionView::code).first().isEqualTo("FAILURE_KIND");
    }

    @Test
    void shouldTurnTheAnalystsAnswerAboutAnUnrecognisedAlertIntoASymptom() {
        Diagnosis d = diagnose(alert("FooBarAlert", Map.of(), Map.of("summary", "Something happened")),
                new Answer("FAILURE_KIND", "disk"));

        assertThat(d.top().causeCode()).isEqualTo("DISK_FULL");
        assertThat(d.questions()).extracting(Diagnosis.QuestionView::code).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldNotMakeUpACauseForAWatchdog() {
        Diagnosis d = diagnose(alert("Watchdog", Map.of("severity", "none"),
                Map.of("summary", "This alert is always firing to show the alerting pipeline works")));

        assertThat(d.candidates()).noneMatch(c -> c.confidence() >= 0.5);
    }

    private static List<String> allFactSummaries(List<Evidence> evidence) {
        List<String> out = new java.util.ArrayList<>();
        evidence.forEach(e -> collect(e.facts(), out));
        return out;
    }

    private static void collect(List<FactView> facts, List<String> out) {
        for (FactView f : facts) {
            out.add(f.summary());
            if (f.derivedBy() != null) {
                collect(f.derivedBy().facts(), out);
            }
        }
    }
}
