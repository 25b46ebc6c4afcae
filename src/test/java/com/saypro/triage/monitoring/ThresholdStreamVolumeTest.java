package com.saypro.triage.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.monitoring.stream.Threshold;
import com.saypro.triage.monitoring.stream.ThresholdStream;
import com.saypro.triage.rules.RuleFiles;

/**
 * 100,000 samples through the stream session: working memory stays bounded (a count, asserted)
 * whatever the volume and the rate; the rate and the memory are printed, not asserted.
 */
class ThresholdStreamVolumeTest {

    private static final int SAMPLES = 100_000;
    private static final int BATCH = 500;
    private static final String[] SYSTEMS = { "rms", "lms", "crm", "hr", "web" };
    private static final String[] METRICS = { "response_time_p95_ms", "error_rate", "cpu_utilization",
            "memory_utilization", "disk_utilization", "availability", "workflow_success_rate" };
    /** One sample per series every 10 s of measured time; readings stay 30 minutes. */
    private static final long STEP_MILLIS = 10_000;

    @Test
    void shouldKeepWorkingMemoryBoundedOverAHundredThousandSamples() {
        var kieBase = ThresholdStream.compile("rules", RuleFiles.streamFromDirectory(Path.of("rules"))).kieBase();
        List<Threshold> thresholds = List.of(
                new Threshold("*", "response_time_p95_ms", "ResponseTimeHigh", "above", 5000, 4000, 300, 1, 1, "warning", "SEED"),
                new Threshold("*", "error_rate", "ErrorRateHigh", "above", 0.05, 0.02, 120, 3, 5, "warning", "SEED"),
                new Threshold("*", "cpu_utilization", "CpuUtilizationHigh", "above", 0.9, 0.8, 600, 1, 1, "warning", "SEED"),
                new Threshold("*", "availability", "ServiceUnavailable", "below", 0.5, 0.5, 0, 3, 3, "critical", "SEED"));
        int series = SYSTEMS.length * METRICS.length;
        long start = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
        long maxFacts = 0;
        int crossings = 0;
        try (ThresholdStream stream = new ThresholdStream(kieBase, () -> Long.MAX_VALUE)) {
            stream.useThresholds(thresholds);
            long began = System.nanoTime();
            List<MetricIn> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < SAMPLES; i++) {
                int s = i % series;
                long tick = i / series;
                String metric = METRICS[s % METRICS.length];
                double value = value(metric, tick);
                batch.add(new MetricIn(SYSTEMS[s / METRICS.length], "", metric, value, "",
                        Instant.ofEpochMilli(start + tick * STEP_MILLIS),
                        metric.equals("workflow_success_rate") ? Map.of("workflow", "login") : Map.of()));
                if (batch.size() == BATCH) {
                    crossings += stream.accept(batch).size();
                    batch.clear();
                    maxFacts = Math.max(maxFacts, stream.factCount());
                }
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            Runtime runtime = Runtime.getRuntime();
            System.gc();
            long usedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            System.out.printf("[stream] %,d samples in %.2f s: %,.0f samples/s; %d series, %d crossings; "
                    + "facts at most %,d, now %,d; heap used after GC %d MB%n", SAMPLES, seconds, SAMPLES / seconds,
                    series, crossings, maxFacts, stream.factCount(), usedMb);

            assertThat(stream.samplesSeen()).isEqualTo(SAMPLES);
            assertThat(crossings).as("the load does cross thresholds").isPositive();
            // Each series keeps the 5 readings of the longest "3 of 5", and a state.
            assertThat(maxFacts).as("the newest readings of each series, states and thresholds")
                    .isLessThanOrEqualTo(series * (5 + 1) + thresholds.size());
        }
    }

    /**
     * A series sampled ten times a second for an hour keeps only the readings its thresholds
     * look at, and still raises and clears; readings older than 30 minutes leave as before.
     */
    @Test
    void shouldKeepOnlyTheReadingsTheThresholdsLookAtWhateverTheRate() {
        var kieBase = ThresholdStream.compile("rules", RuleFiles.streamFromDirectory(Path.of("rules"))).kieBase();
        List<Threshold> thresholds = List.of(new Threshold("*", "error_rate", "ErrorRateHigh", "above", 0.05, 0.02,
                0, 3, 5, "warning", "SEED"));
        long start = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
        List<String> raisedAndCleared = new ArrayList<>();
        try (ThresholdStream stream = new ThresholdStream(kieBase, () -> Long.MAX_VALUE)) {
            stream.useThresholds(thresholds);
            long maxFacts = 0;
            for (int i = 0; i < 36_000; i += BATCH) {
                List<MetricIn> batch = new ArrayList<>(BATCH);
                for (int j = i; j < i + BATCH; j++) {
                    // Bad for ten seconds in every minute (3 of the last 5 samples reach past 0.05).
                    double value = (j / 100) % 6 == 2 ? 0.2 : 0.01;
                    batch.add(new MetricIn("lms", "", "error_rate", value, "",
                            Instant.ofEpochMilli(start + j * 100L), Map.of()));
                }
                stream.accept(batch).forEach(c -> raisedAndCleared.add(c.toString()));
                maxFacts = Math.max(maxFacts, stream.factCount());
            }
            assertThat(maxFacts).as("5 readings, a state and the threshold").isLessThanOrEqualTo(5 + 1 + 1);
            assertThat(raisedAndCleared).hasSize(2 * 60);

            // Late samples, older than all five kept, change nothing; an hour later the series is forgotten.
            stream.accept(List.of(new MetricIn("lms", "", "error_rate", 0.9, "", Instant.ofEpochMilli(start),
                    Map.of())));
            assertThat(stream.factCount()).isLessThanOrEqualTo(5 + 1 + 1);
            stream.accept(List.of(new MetricIn("lms", "", "error_rate", 0.01, "",
                    Instant.ofEpochMilli(start + 36_000 * 100L + 3_600_000), Map.of())));
            assertThat(stream.factCount()).isLessThanOrEqualTo(1 + 1 + 1);
        }
    }

    /** Values that cross their thresholds now and then: an hour-long wave. */
    private static double value(String metric, long tick) {
        boolean bad = (tick / 360) % 2 == 1;
        return switch (metric) {
        case "response_time_p95_ms" -> bad ? 7000 : 800;
        case "error_rate" -> bad ? 0.1 : 0.01;
        case "availability" -> bad && tick % 2 == 0 ? 0 : 1;
        case "workflow_success_rate" -> 0.99;
        default -> bad ? 0.95 : 0.4;
        };
    }
}
