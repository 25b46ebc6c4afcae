package com.saypro.triage.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.TestDatabase;

/**
 * A benchmark's figures beside their targets: printed, and appended as one JSON line each to
 * {@code target/benchmark/figures.jsonl}, which {@code bench/run.sh} gathers into its summary.
 */
final class BenchmarkFigures {

    static final Path FILE = Path.of("target", "benchmark", "figures.jsonl");
    /** The database of a figure measured without one (the JMH benchmarks of the engine). */
    static final String NO_DATABASE = "none";

    private BenchmarkFigures() {
    }

    /**
     * A figure that should stay at or below {@code target} ({@code atMost}) or reach it;
     * {@code target} null: no target, shown for information.
     */
    static void record(String name, double value, String unit, Double target, boolean atMost) {
        record(name, TestDatabase.mariaDb() ? "mariadb" : "embedded", value, unit, target, atMost);
    }

    /** As {@link #record(String, double, String, Double, boolean)}, measured on {@code database}. */
    static void record(String name, String database, double value, String unit, Double target, boolean atMost) {
        Boolean met = target == null ? null : atMost ? value <= target : value >= target;
        System.out.printf(Locale.ROOT, "FIGURE %-60s %12.1f %-8s target %s%s  [%s]%n", name, value, unit,
                target == null ? "-" : (atMost ? "<= " : ">= ") + String.format(Locale.ROOT, "%.1f", target),
                met == null ? "" : met ? "  met" : "  MISSED", database);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("name", name);
        line.put("database", database);
        line.put("value", Math.round(value * 10) / 10.0);
        line.put("unit", unit);
        line.put("target", target);
        line.put("atMost", atMost);
        line.put("met", met);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, Json.write(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + FILE, e);
        }
    }
}
