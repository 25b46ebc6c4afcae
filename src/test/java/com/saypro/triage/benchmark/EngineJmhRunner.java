package com.saypro.triage.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the JMH benchmarks of the engine paths ({@link EngineJmh}) in one fork each (10 warm-up and
 * 10 measured iterations of a second each, about two minutes in all), writes JMH's results to
 * {@code target/benchmark/jmh.json}, and prints the figures beside their targets, appending
 * them to {@code target/benchmark/figures.jsonl} for {@code bench/run.sh}. From the project
 * directory, after {@code ./mvnw test-compile}:
 *
 * <pre>
 * ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/benchmark/cp.txt) com.saypro.triage.benchmark.EngineJmhRunner
 * </pre>
 *
 * JMH's own options given after the class name replace the iteration counts, times and fork
 * count ({@code -f 1 -wi 1 -i 2 -w 1s -r 1s} for a quick look).
 */
public final class EngineJmhRunner {

    static final Path RESULT = Path.of("target", "benchmark", "jmh.json");

    private EngineJmhRunner() {
    }

    public static void main(String[] args) throws Exception {
        EngineJmh.quietLogging();
        CommandLineOptions given = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given)
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MILLISECONDS)
                .resultFormat(ResultFormatType.JSON)
                .result(RESULT.toString())
                .shouldFailOnError(true);
        if (given.getIncludes().isEmpty()) {
            options.include(Pattern.quote(EngineJmh.class.getName()) + "\\.");
        }
        if (!given.getForkCount().hasValue()) {
            options.forks(1);
        }
        // Ten seconds of warm-up: on two cores the JIT takes several seconds over the engine's and Drools' code.
        if (!given.getWarmupIterations().hasValue()) {
            options.warmupIterations(10);
        }
        if (!given.getWarmupTime().hasValue()) {
            options.warmupTime(TimeValue.seconds(1));
        }
        if (!given.getMeasurementIterations().hasValue()) {
            options.measurementIterations(10);
        }
        if (!given.getMeasurementTime().hasValue()) {
            options.measurementTime(TimeValue.seconds(1));
        }
        if (!given.getJvmArgs().hasValue() && !given.getJvmArgsAppend().hasValue()) {
            // The fork's heap fixed, so that the figures do not depend on how much memory the machine has.
            options.jvmArgsAppend("-Xms1g", "-Xmx1g");
        }
        Files.createDirectories(RESULT.getParent());
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Collection<RunResult> results = new Runner(options.build()).run();
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        Statistics engine = statistics(results, "engineRun");
        Statistics plain = statistics(results, "plainDrools");
        Statistics ranked = statistics(results, "diagnosisWithQuestionsRanked");
        // The benchmarks run one after the other: on a busy machine the ratio compares different moments.
        System.out.printf(Locale.ROOT, "%nThe machine's load average: %.1f before, %.1f after, on %d cores%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        if (engine != null) {
            System.out.printf(Locale.ROOT, "JMH engine run: median %.2f ms, p99 %.2f ms, mean %.2f ms (%d samples)%n",
                    engine.getPercentile(50), engine.getPercentile(99), engine.getMean(), engine.getN());
            BenchmarkFigures.record("JMH: diagnosis of a 200-fact incident, engine run, p99", BenchmarkFigures.NO_DATABASE,
                    engine.getPercentile(99), "ms", 10.0, true);
        }
        if (plain != null) {
            System.out.printf(Locale.ROOT, "JMH plain Drools: median %.2f ms, p99 %.2f ms, mean %.2f ms (%d samples)%n",
                    plain.getPercentile(50), plain.getPercentile(99), plain.getMean(), plain.getN());
            BenchmarkFigures.record("JMH: plain Drools, same rules and facts, p99", BenchmarkFigures.NO_DATABASE,
                    plain.getPercentile(99), "ms", null, true);
        }
        if (engine != null && plain != null) {
            BenchmarkFigures.record("JMH: engine run against plain Drools (median ratio)", BenchmarkFigures.NO_DATABASE,
                    engine.getPercentile(50) / plain.getPercentile(50), "x", 2.0, true);
        }
        if (ranked != null) {
            System.out.printf(Locale.ROOT, "JMH diagnosis with questions ranked: median %.2f ms, p99 %.2f ms,"
                    + " mean %.2f ms (%d samples)%n", ranked.getPercentile(50), ranked.getPercentile(99),
                    ranked.getMean(), ranked.getN());
            BenchmarkFigures.record("JMH: diagnosis with questions ranked, p99", BenchmarkFigures.NO_DATABASE,
                    ranked.getPercentile(99), "ms", null, true);
        }
        System.out.println("JMH results: " + RESULT);
    }

    /** The sampled times (ms) of one benchmark method, or null when it was not run. */
    private static Statistics statistics(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .map(r -> r.getPrimaryResult().getStatistics()).orElse(null);
    }
}
