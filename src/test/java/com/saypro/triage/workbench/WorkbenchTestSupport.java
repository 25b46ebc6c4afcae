package com.saypro.triage.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.RuleFolders;
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
        RuleFolders.copy(Path.of("rules"), RULES);
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
