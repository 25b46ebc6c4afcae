package com.saypro.triage.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rule base in use. It is compiled at start-up from TRIAGE_RULES_DIR, else ./rules when
 * that folder exists, else the copy in the jar; a compile error stops the start-up. Later
 * versions are put in use only by the publisher (package {@code workbench}), which guards,
 * compiles and tests a change off to the side and then {@link #swap swaps} it in: a
 * diagnosis takes {@link #current()} once and finishes on it.
 */
@Component
public class RuleBase {

    private static final Logger log = LoggerFactory.getLogger(RuleBase.class);

    private final RuleBaseCompiler compiler = new RuleBaseCompiler();
    private final String configuredDir;
    private final AtomicReference<CompiledRuleBase> current = new AtomicReference<>();
    private volatile String lastFailure;

    public RuleBase(@Value("${triage.rules-dir:}") String configuredDir) {
        this.configuredDir = configuredDir;
        Path dir = directory();
        String origin = dir == null ? "classpath:rules" : dir.toAbsolutePath().normalize().toString();
        CompiledRuleBase compiled = compiler.compile(origin, readSources());
        current.set(compiled);
        log.info("Rule base {} loaded from {}: {} rules in {} files", compiled.version(), compiled.origin(),
                compiled.ruleCount(), compiled.sources().size());
    }

    public CompiledRuleBase current() {
        return current.get();
    }

    /** Puts a compiled (and tested) rule base in use; returns the one it replaces. */
    public CompiledRuleBase swap(CompiledRuleBase next) {
        CompiledRuleBase before = current.getAndSet(next);
        lastFailure = null;
        return before;
    }

    /** Remembers why the latest change was refused (shown by health), or clears it with null. */
    public void refused(String why) {
        lastFailure = why;
    }

    /** Why the latest change to the rule files was refused, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The rule directory in use, or null when the rules come from the jar. */
    public Path directory() {
        if (configuredDir != null && !configuredDir.isBlank()) {
            return Path.of(configuredDir);
        }
        Path local = Path.of("rules");
        return Files.isDirectory(local) ? local : null;
    }

    /** Where the rules are read from, as versions name it. */
    public String origin() {
        Path dir = directory();
        return dir == null ? "classpath:rules" : dir.toAbsolutePath().normalize().toString();
    }

    /** The diagnosis rule files as they are now in the rule directory, or in the jar. */
    public List<RuleSource> readSources() {
        Path dir = directory();
        return dir != null ? RuleFiles.fromDirectory(dir) : RuleFiles.fromClasspath();
    }
}
