package com.saypro.triage.rules.thresholds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.monitoring.stream.Crossings.Crossing;
import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.monitoring.stream.ThresholdStream;
import com.saypro.triage.rules.RuleFiles;

/**
 * rules/thresholds/Thresholds.drl in its stream session, on the pseudo clock the samples'
 * own timestamps drive: no sleeps.
 */
class ThresholdsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static KieBase kieBase;

    private final ThresholdStream stream = new ThresholdStream(kieBase, () -> Long.MAX_VALUE);

    @BeforeAll
    static void compile() {
        kieBase = ThresholdStream.compile("rules", RuleFiles.streamFromDirectory(Path.of("rules"))).kieBase();
    }

    @AfterEach
    void close() {
        stream.close();
    }

    private static Threshold slowResponses(String system) {
        return new Threshold(system, "response_time_p95_ms", "ResponseTimeHigh", "above", 5000, 4000, 300, 1, 1,
                "warning", "SEED");
    }

    private static MetricIn sample(String system, String metric, double value, Duration after) {
        return sample(system, metric, value, after, Map.of());
    }

    private static MetricIn sample(String system, String metric, double value, Duration after,
            Map<String, String> labels) {
        return new MetricIn(system, "", metric, value, "", T0.plus(after), labels);
    }

    /** One sample a minute from {@code fromMinute}, each in its own batch; the crossings of all. */
    private List<Crossing> everyMinute(String system, String metric, int fromMinute, double... values) {
        List<Crossing> crossings = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            crossings.addAll(stream.accept(List.of(sample(system, metric, values[i],
                    Duration.ofMinutes(fromMinute + i)))));
        }
        return crossings;
    }

    @Test
    void shouldRaiseSlowResponsesOnlyAfterFiveMinutesAboveFiveSeconds() {
        stream.useThresholds(List.of(slowResponses("*")));

        List<Crossing> firstFive = everyMinute("rms", "response_time_p95_ms", 0, 7000, 7100, 7200, 7300, 7400);
        assertThat(firstFive).as("4 minutes above: not yet").isEmpty();

        List<Crossing> fifth = everyMinute("rms", "response_time_p95_ms", 5, 7500);
        assertThat(fifth).singleElement().satisfies(c -> {
            assertThat(c.raised()).isTrue();
            assertThat(c.system()).isEqualTo("rms");
            assertThat(c.value()).isEqualTo(7500);
            assertThat(c.at()).isEqualTo(T0.plus(Duration.ofMinutes(5)).toEpochMilli());
        });
        assertThat(everyMinute("rms", "response_time_p95_ms", 6, 7600, 8000)).as("raised once").isEmpty();
    }

    @Test
    void shouldStartTheForDurationAgainWhenASampleDipsBelow() {
        stream.useThresholds(List.of(slowResponses("*")));

        assertThat(everyMinute("rms", "response_time_p95_ms", 0, 7000, 7000, 7000, 3000, 7000, 7000, 7000, 7000, 7000))
                .isEmpty();
        assertThat(everyMinute("rms", "response_time_p95_ms", 9, 7000)).singleElement()
                .satisfies(c -> assertThat(c.raised()).isTrue());
    }

    @Test
    void shouldNeedNOfTheLastMSamples() {
        stream.useThresholds(List.of(new Threshold("*", "error_rate", "ErrorRateHigh", "above", 0.05, 0.05, 0, 3, 5,
                "warning", "SEED")));

        assertThat(everyMinute("lms", "error_rate", 0, 0.2, 0.01, 0.3, 0.01)).as("2 of 4").isEmpty();
        List<Crossing> third = everyMinute("lms", "error_rate", 4, 0.4);
        assertThat(third).as("3 of the last 5").singleElement().satisfies(c -> assertThat(c.raised()).isTrue());
    }

    @Test
    void shouldClearOnlyPastTheClearLevelAndThenResolve() {
        stream.useThresholds(List.of(new Threshold("*", "cpu_utilization", "CpuUtilizationHigh", "above", 0.9, 0.8, 0,
                1, 1, "warning", "SEED")));

        assertThat(everyMinute("rms", "cpu_utilization", 0, 0.95)).singleElement()
                .satisfies(c -> assertThat(c.raised()).isTrue());
        assertThat(everyMinute("rms", "cpu_utilization", 1, 0.85, 0.88, 0.81)).as("between clear and threshold")
                .isEmpty();
        List<Crossing> recovered = everyMinute("rms", "cpu_utilization", 4, 0.5);
        assertThat(recovered).singleElement().satisfies(c -> {
            assertThat(c.raised()).isFalse();
            assertThat(c.startedAt()).as("the alert's own start").isEqualTo(T0.toEpochMilli());
            assertThat(c.at()).isEqualTo(T0.plus(Duration.ofMinutes(4)).toEpochMilli());
        });
    }

    @Test
    void shouldCountConsecutiveFailedProbesForDowntime() {
        stream.useThresholds(List.of(new Threshold("*", "availability", "ServiceUnavailable", "below", 0.5, 0.5, 0, 3,
                3, "critical", "SEED")));
        Map<String, String> probe = Map.of("probe", "rms-health");

        List<Crossing> crossings = new ArrayList<>();
        double[] results = { 0, 0, 1, 0, 0 };
        for (int i = 0; i < results.length; i++) {
            crossings.addAll(stream.accept(List.of(sample("rms", "availability", results[i], Duration.ofSeconds(30 * i),
                    probe))));
        }
        assertThat(crossings).as("never three failures in a row").isEmpty();
        assertThat(stream.accept(List.of(sample("rms", "availability", 0, Duration.ofSeconds(150), probe))))
                .singleElement().satisfies(c -> assertThat(c.probe()).isEqualTo("rms-health"));
        assertThat(stream.accept(List.of(sample("rms", "availability", 1, Duration.ofSeconds(180), probe))))
                .singleElement().satisfies(c -> assertThat(c.raised()).isFalse());
    }

    @Test
    void shouldCountALateBatchAtItsMeasuredTime() {
        stream.useThresholds(List.of(slowResponses("*")));
        // Another system has moved the clock ten minutes on.
        stream.accept(List.of(sample("lms", "response_time_p95_ms", 300, Duration.ofMinutes(10))));

        List<MetricIn> late = new ArrayList<>();
        for (int minute = 9; minute >= 3; minute--) {
            late.add(sample("rms", "response_time_p95_ms", 9000, Duration.ofMinutes(minute)));
        }
        List<Crossing> crossings = stream.accept(late);

        assertThat(crossings).as("six measured minutes above, sent at once").singleElement().satisfies(c -> {
            assertThat(c.raised()).isTrue();
            assertThat(c.at()).as("crossed when measured").isEqualTo(T0.plus(Duration.ofMinutes(8)).toEpochMilli());
        });
    }

    @Test
    void shouldPreferASystemsOwnThresholdOverTheDefault() {
        stream.useThresholds(List.of(slowResponses("*"), new Threshold("lms", "response_time_p95_ms",
                "ResponseTimeHigh", "above", 2000, 2000, 0, 1, 1, "warning", "LOCAL")));

        assertThat(everyMinute("lms", "response_time_p95_ms", 0, 3000)).as("lms: above 2 s at once").hasSize(1);
        assertThat(everyMinute("rms", "response_time_p95_ms", 0, 3000)).as("rms: the default").isEmpty();
    }

    @Test
    void shouldKeepSeriesOfWorkflowsApart() {
        stream.useThresholds(List.of(new Threshold("*", "workflow_success_rate", "WorkflowSuccessRateLow", "below", 0.9,
                0.95, 0, 1, 1, "warning", "SEED")));

        List<Crossing> crossings = stream.accept(List.of(
                sample("lms", "workflow_success_rate", 0.5, Duration.ZERO, Map.of("workflow", "course_registration")),
                sample("lms", "workflow_success_rate", 0.99, Duration.ZERO, Map.of("workflow", "login"))));

        assertThat(crossings).singleElement().satisfies(c -> assertThat(c.workflow()).isEqualTo("course_registration"));
    }
}
