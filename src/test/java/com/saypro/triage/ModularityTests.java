package com.saypro.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The feature packages depend on each other in one direction only: no cycles. */
class ModularityTests {

    private static final Path ROOT = Path.of("src/main/java/com/saypro/triage");
    private static final Pattern IMPORT = Pattern.compile("import com\\.saypro\\.triage\\.([a-z]+)\\.");

    @Test
    void shouldHaveNoDependencyCyclesBetweenFeaturePackages() throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = ROOT.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String module = relative.getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(module)) {
                        uses.computeIfAbsent(module, k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String module : uses.keySet()) {
            if (reaches(uses, module, module, new TreeSet<>())) {
                cycles.add(module + " depends on itself through " + uses.get(module));
            }
        }
        assertThat(cycles).as("package dependencies %s", uses).isEmpty();
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(uses, next, target, seen))) {
                return true;
            }
        }
        return false;
    }
}
