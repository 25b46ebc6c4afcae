package com.saypro.triage.diagnosis.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.Diagnosis.Candidate;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.support.DiagnosisHarness;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Real alert names from the published rule sets of widely used exporters
 * ({@code src/test/resources/alert-corpus/<family>.yaml}), each with the label shape its rule
 * produces and the cause categories a competent SRE would accept, diagnosed by the seeded
 * knowledge base and the whole rule base. Prints top-1 and top-3 accuracy per family.
 */
class AlertCorpusTests {

    private static final Path CORPUS = Path.of("src/test/resources/alert-corpus");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Instant OPENED = Instant.parse("2026-11-20T10:00:00Z");

    private static DiagnosisHarness harness;
    private static DiagnosisHarness wordsOnly;
    private static final Map<String, int[]> tally = new TreeMap<>();
    /** The same alerts read from their words alone: how Triage does on names the catalog does not know. */
    private static final Map<String, int[]> wordsTally = new TreeMap<>();
    private static final List<String> misses = new ArrayList<>();

    record Case(String family, String name, Map<String, String> labels, String summary, String expr,
            List<String> accept) {
        @Override
        public String toString() {
            return family + ": " + name;
        }
    }

    @BeforeAll
    static void buildRuleBase() {
        harness = DiagnosisHarness.seeded();
        wordsOnly = DiagnosisHarness.wordsOnly();
    }

    static Stream<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    JsonNode root = YAML.readTree(in);
                    String family = root.get("family").asString();
                    for (JsonNode a : root.get("alerts")) {
                        Map<String, String> labels = new LinkedHashMap<>();
                        if (a.has("labels")) {
                            a.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
                        }
                        List<String> accept = new ArrayList<>();
                        a.get("accept").forEach(c -> accept.add(c.asString()));
                        cases.add(new Case(family, a.get("name").asString(), labels,
                                a.has("summary") ? a.get("summary").asString() : "",
                                a.has("expr") ? a.get("expr").asString() : "", accept));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldRankAnAcceptedCategoryFirst(Case c) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (!c.summary().isEmpty()) {
            annotations.put("summary", c.summary());
        }
        if (!c.expr().isEmpty()) {
            annotations.put("generatorURL", "http://prometheus:9090/graph?g0.expr="
                    + URLEncoder.encode(c.expr(), StandardCharsets.UTF_8) + "&g0.tab=1");
        }
        String system = c.labels().getOrDefault("service", c.labels().getOrDefault("job", "corpus"));
        String severity = c.labels().getOrDefault("severity", "warning");
        Alert alert = new Alert(1, c.name(), system, c.labels().getOrDefault("component", ""), severity, "firing",
                c.labels(), annotations, OPENED, null, "fp-" + c.name(), 0);
        Diagnosis d = harness.diagnose(OPENED, List.of(alert), List.of());
        score(c, wordsOnly.diagnose(OPENED, List.of(alert), List.of()), wordsTally, null);
        score(c, d, tally, misses);
    }

    private static void score(Case c, Diagnosis d, Map<String, int[]> counts, List<String> missed) {
        boolean none = c.accept().contains("NONE");
        List<Candidate> top3 = d.candidates().stream().limit(3).toList();
        boolean top1 = none ? d.candidates().stream().noneMatch(x -> x.confidence() >= 0.5)
                : !top3.isEmpty() && c.accept().contains(top3.get(0).category());
        boolean inTop3 = top1 || (!none && top3.stream().anyMatch(x -> c.accept().contains(x.category())));
        synchronized (counts) {
            int[] t = counts.computeIfAbsent(c.family(), k -> new int[3]);
            t[0]++;
            t[1] += top1 ? 1 : 0;
            t[2] += inTop3 ? 1 : 0;
            if (!top1 && missed != null) {
                missed.add(c + " accept " + c.accept() + " got " + top3.stream()
                        .map(x -> x.causeCode() + "/" + x.category() + " " + x.confidence()).toList()
                        + (inTop3 ? " (in top 3)" : ""));
            }
        }
    }

    @AfterAll
    static void printAccuracy() {
        StringBuilder out = new StringBuilder("Alert corpus accuracy (top-1 / top-3 category)\n");
        int[] words = new int[3];
        wordsTally.values().forEach(t -> {
            for (int i = 0; i < 3; i++) {
                words[i] += t[i];
            }
        });
        int[] all = new int[3];
        tally.forEach((family, t) -> {
            int[] w = wordsTally.get(family);
            out.append(String.format("  %-14s %4d alerts  top-1 %5.1f%%  top-3 %5.1f%%   words alone: top-1 %5.1f%%"
                    + "  top-3 %5.1f%%%n", family, t[0], 100.0 * t[1] / t[0], 100.0 * t[2] / t[0],
                    100.0 * w[1] / w[0], 100.0 * w[2] / w[0]));
            for (int i = 0; i < 3; i++) {
                all[i] += t[i];
            }
        });
        double top1 = all[0] == 0 ? 0 : 100.0 * all[1] / all[0];
        double top3 = all[0] == 0 ? 0 : 100.0 * all[2] / all[0];
        out.append(String.format("  %-14s %4d alerts  top-1 %5.1f%%  top-3 %5.1f%%   words alone: top-1 %5.1f%%"
                + "  top-3 %5.1f%%   (targets 90%% / 98%%)%n", "ALL", all[0], top1, top3, 100.0 * words[1] / words[0],
                100.0 * words[2] / words[0]));
        misses.stream().sorted().forEach(m -> out.append("  miss: ").append(m).append('\n'));
        System.out.println(out);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/alert-corpus-report.txt"), out.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(all[0]).as("corpus size").isGreaterThanOrEqualTo(250);
        assertThat(top1).as("top-1 accuracy, see target/alert-corpus-report.txt").isGreaterThanOrEqualTo(90.0);
        assertThat(top3).as("top-3 accuracy, see target/alert-corpus-report.txt").isGreaterThanOrEqualTo(98.0);
    }
}
