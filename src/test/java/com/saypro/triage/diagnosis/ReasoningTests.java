package com.saypro.triage.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.Diagnosis.Evidence;
import com.saypro.triage.diagnosis.Diagnosis.RuledOut;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.support.DiagnosisHarness;

/**
 * How the whole rule base reasons over an incident: evidence counted once however many files
 * read it, causes pushed out by answers explained, the next question chosen to separate the
 * leading causes, and log lines from one subsystem not mistaken for another's.
 */
class ReasoningTests {

    private static final DiagnosisHarness HARNESS = DiagnosisHarness.seeded();
    private static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");
    private long ids = 100;

    private MetricSample p95(String system, String workflow, double ms) {
        return new MetricSample(ids++, system, "app", "response_time_p95_ms", ms, "ms", OPENED.minusSeconds(120),
                Map.of("workflow", workflow), 2);
    }

    private MetricSample successRate(String system, String workflow, double rate) {
        return new MetricSample(ids++, system, "app", "workflow_success_rate", rate, "", OPENED.minusSeconds(120),
                Map.of("workflow", workflow), 2);
    }

    private LogEvent log(String system, String level, String message) {
        return new LogEvent(ids++, system, "app", level, message, "app.Logger", OPENED.minusSeconds(60), 1);
    }

    private TransactionTrace trace(String system, String transaction, long ms, long db, long ext, boolean error) {
        return new TransactionTrace(ids++, system, transaction, ms, db, ext, error, OPENED.minusSeconds(90), 1);
    }

    private Diagnosis diagnose(Object... signals) {
        return HARNESS.diagnose(OPENED, List.of(), List.of(signals));
    }

    private static Candidate candidate(Diagnosis d, String cause) {
        return d.candidates().stream().filter(c -> c.causeCode().equals(cause)).findFirst().orElseThrow(
                () -> new AssertionError(cause + " is not a candidate: " + d.candidates()));
    }

    @Test
    void shouldCountOneAnswerReadByRulesInTwoFilesOnceForACause() {
        Diagnosis d = diagnose(p95("rms", "royalty_payment", 9000),
                log("rms", "WARN", "Read timed out after 30000 ms calling payments-gateway"),
                new Answer("NETWORK_PATH_HEALTHY", "no"));

        Candidate network = candidate(d, "NETWORK_LATENCY");
        List<Evidence> answerVotes = network.evidence().stream()
                .filter(e -> e.group().equals("network-path-healthy-answer")).toList();
        assertThat(answerVotes.stream().map(e -> HARNESS.packageOf(e.rule())).distinct())
                .as("the same answer read in two rule files").hasSizeGreaterThanOrEqualTo(2);
        assertThat(answerVotes.stream().filter(Evidence::counted)).hasSize(1);

        List<Confidence.Vote> counted = new ArrayList<>();
        network.evidence().stream().filter(Evidence::counted)
                .forEach(e -> counted.add(new Confidence.Vote(e.vote(), e.group(), e.inferred())));
        assertThat(network.confidence())
                .isEqualTo(Confidence.score(counted, HARNESS.profile("rms").priors().getOrDefault("NETWORK_LATENCY", 0.0))
                        .confidence());
    }

    @Test
    void shouldExplainACausePushedOutByAnAnswer() {
        Diagnosis before = diagnose(p95("rms", "royalty_payment", 9000),
                log("rms", "WARN", "Read timed out after 30000 ms calling payments-gateway"));
        assertThat(before.candidates()).extracting(Candidate::causeCode).contains("NETWORK_LATENCY");

        Diagnosis after = diagnose(p95("rms", "royalty_payment", 9000),
                log("rms", "WARN", "Read timed out after 30000 ms calling payments-gateway"),
                new Answer("NETWORK_PATH_HEALTHY", "yes"));

        assertThat(after.candidates()).extracting(Candidate::causeCode).doesNotContain("NETWORK_LATENCY");
        RuledOut out = after.ruledOut().stream().filter(r -> r.causeCode().equals("NETWORK_LATENCY")).findFirst()
                .orElseThrow();
        assertThat(out.reason()).contains("pushed down");
        assertThat(out.evidence()).isNotEmpty().first().matches(e -> e.effect().equals(Diagnosis.WEAKENS));
        assertThat(out.evidence()).as("what was set aside is still shown")
                .anyMatch(e -> e.effect().equals(Diagnosis.SUPPORTS));
        assertThat(out.evidence()).anyMatch(e -> e.facts().stream().anyMatch(f -> f.summary().contains("NETWORK_PATH_HEALTHY")));
    }

    @Test
    void shouldAskFirstTheQuestionThatSeparatesTheTwoLeadingCausesOfFailingCourseRegistration() {
        Diagnosis d = diagnose(successRate("lms", "course_registration", 0.4),
                trace("lms", "POST /api/enrolments", 31000, 0, 0, true),
                new ChangeEvent(ids++, "lms", "config", "Reworked the permission grants of the student roles", "r-88",
                        "ops", OPENED.minusSeconds(1800), 30));

        List<Candidate> top2 = d.candidates().subList(0, 2);
        assertThat(top2).extracting(Candidate::causeCode)
                .containsExactlyInAnyOrder("USER_ROLE_MISCONFIGURATION", "DB_CONNECTION_FAILURE");
        Diagnosis.QuestionView first = d.questions().get(0);
        assertThat(first.code()).isIn("AFFECTED_ROLE", "DB_REACHABLE");
        assertThat(first.gain()).isPositive();
        assertThat(first.why()).contains(top2.get(0).title()).contains(top2.get(1).title());
        assertThat(d.questions()).extracting(Diagnosis.QuestionView::gain).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void shouldNotReadAnAuthorisationFailureAsADatabaseLoginFailure() {
        Diagnosis d = diagnose(successRate("lms", "course_registration", 0.5),
                log("lms", "WARN", "Access denied for user 48211 on POST /api/enrolments: missing authority ENROL_COURSE"),
                log("lms", "WARN", "Access denied for user 50342 on POST /api/enrolments: missing authority ENROL_COURSE"));

        assertThat(d.top().causeCode()).isEqualTo("USER_ROLE_MISCONFIGURATION");
        Candidate db = candidate(d, "DB_CONNECTION_FAILURE");
        assertThat(db.evidence()).allMatch(e -> e.group().equals("symptom-prior"));
    }

    @Test
    void shouldReadADatabaseLoginFailureAsADatabaseConnectionProblem() {
        Diagnosis d = diagnose(successRate("lms", "course_registration", 0.5),
                log("lms", "ERROR", "java.sql.SQLException: Access denied for user 'lms'@'10.0.4.12' (using password: YES)"));

        assertThat(d.top().causeCode()).isEqualTo("DB_CONNECTION_FAILURE");
    }

    @Test
    void shouldNotReadALockTimeoutAsANetworkTimeout() {
        Diagnosis d = diagnose(p95("rms", "royalty_payment", 9000),
                log("rms", "ERROR", "Lock wait timeout exceeded; try restarting transaction"),
                log("rms", "ERROR", "Lock wait timeout exceeded; try restarting transaction"));

        Candidate network = candidate(d, "NETWORK_LATENCY");
        assertThat(network.evidence()).noneMatch(e -> e.group().equals("network-timeout-logs"));
        assertThat(d.top().causeCode()).isNotEqualTo("NETWORK_LATENCY");
    }

    @Test
    void shouldEndWithNoConfidentCauseWhenNothingPointsAtAFault() {
        Alert notice = new Alert(1, "ContentSyncNotice", "lms", "content", "info", "firing", Map.of(),
                Map.of("summary", "The nightly content sync finished with notes"), OPENED, null, "fp-n", 0);
        Diagnosis d = HARNESS.diagnose(OPENED, List.of(notice), List.of(
                p95("lms", "login", 450), successRate("lms", "course_registration", 0.995),
                log("lms", "INFO", "GET /health 200 (3 ms)"), log("lms", "INFO", "Content sync done: 0 errors"),
                trace("lms", "POST /api/enrolments", 180, 40, 0, false)));

        assertThat(d.candidates()).noneMatch(c -> c.confidence() > 0.5);
    }
}
