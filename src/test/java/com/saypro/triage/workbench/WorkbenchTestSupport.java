package com.saypro.triage.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TestDatabase;

/**
 * Base of the workbench tests that publish rules. They share one application context of their
 * own whose rule directory is a copy of {@code rules/} under {@code target/workbench-rules}
 * (made afresh when the context starts), so publishing never writes into the project's rule
 * files, and whose database is its own (an H2 of its own, or the MariaDB test database's name
 * with {@code _workbench}), so the versions it publishes stay out of the other tests' context.
 * Subclasses carry the usual {@code @TriageIntegrationTest} (or the browser tests' annotations).
 */
abstract class WorkbenchTestSupport extends IntegrationTestSupport {

    static final Path RULES = Path.of("target", "workbench-rules");

    @DynamicPropertySource
    static void ownRulesAndDatabase(DynamicPropertyRegistry registry) {
        copyRules();
        registry.add("triage.rules-dir", () -> RULES.toAbsolutePath().toString());
        if (TestDatabase.mariaDb()) {
            String url = TestDatabase.freshMariaDb("_workbench");
            registry.add("spring.datasource.url", () -> url);
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:triage-workbench-test;MODE=MariaDB;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW;DB_CLOSE_DELAY=-1");
        }
    }

    /** target/workbench-rules: the project's rule files as they are now. */
    static void copyRules() {
        Path source = Path.of("rules");
        try {
            if (Files.exists(RULES)) {
                try (Stream<Path> old = Files.walk(RULES)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path target = RULES.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (p.toString().endsWith(".drl")) {
                        Files.copy(p, target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the rules into " + RULES, e);
        }
    }

    /** A rule file as the workbench context's rule directory holds it now. */
    static String ruleFile(String path) {
        try {
            return Files.readString(RULES.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
