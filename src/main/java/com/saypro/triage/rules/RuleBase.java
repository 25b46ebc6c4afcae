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
 * that folder exists, else the copy in the jar; a compile error stops the start-up. Later,
 * {@link #reload()} and {@link #reloadIfChanged()} swap in a new rule base only when it
 * compiles whole.
 */
@Component
public class RuleBase {

    private static final Logger log = LoggerFactory.getLogger(RuleBase.class);

    private final RuleBaseCompiler compiler = new RuleBaseCompiler();
    private final String configuredDir;
    private final AtomicReference<CompiledRuleBase> current = new AtomicReference<>();
    private volatile String failedVersion;
    private volatile String lastFailure;

    public RuleBase(@Value("${triage.rules-dir:}") String configuredDir) {
        this.configuredDir = configuredDir;
        CompiledRuleBase compiled = compileFromSource();
        current.set(compiled);
        log.info("Rule base {} loaded from {}: {} rules in {} files", compiled.version(), compiled.origin(),
                compiled.ruleCount(), compiled.sources().size());
    }

    public CompiledRuleBase current() {
        return current.get();
    }

    /** Compiles the rule files again and uses them if they compile; otherwise keeps the old ones. */
    public CompiledRuleBase reload() {
        CompiledRuleBase compiled = compileFromSource();
        current.set(compiled);
        return compiled;
    }

    /**
     * For a rule directory: when its files changed, compiles them and uses them if they
     * compile; if they do not, keeps the working rule base and remembers why (a broken
     * version is not compiled again until the files change once more). Returns true when a
     * new rule base is in use.
     */
    public boolean reloadIfChanged() {
        Path dir = directory();
        if (dir == null) {
            return false;
        }
        List<RuleSource> sources = RuleFiles.fromDirectory(dir);
        String version = RuleBaseCompiler.versionOf(sources);
        if (version.equals(current.get().version()) || version.equals(failedVersion)) {
            return false;
        }
        try {
            CompiledRuleBase compiled = compiler.compile(dir.toAbsolutePath().normalize().toString(), sources);
            current.set(compiled);
            failedVersion = null;
            lastFailure = null;
            log.info("Rule base {} loaded from {} after a change: {} rules in {} files", compiled.version(),
                    compiled.origin(), compiled.ruleCount(), compiled.sources().size());
            return true;
        } catch (RuntimeException e) {
            failedVersion = version;
            lastFailure = e.getMessage();
            log.error("Changed rule files were not loaded; rule base {} stays in use. {}", current.get().version(),
                    e.getMessage());
            return false;
        }
    }

    /** Why the latest change to the rule files was refused, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The rule directory in use, or null when the rules come from the jar. */
    Path directory() {
        if (configuredDir != null && !configuredDir.isBlank()) {
            return Path.of(configuredDir);
        }
        Path local = Path.of("rules");
        return Files.isDirectory(local) ? local : null;
    }

    private CompiledRuleBase compileFromSource() {
        Path dir = directory();
        if (dir != null) {
            return compiler.compile(dir.toAbsolutePath().normalize().toString(), RuleFiles.fromDirectory(dir));
        }
        List<RuleSource> packed = RuleFiles.fromClasspath();
        return compiler.compile("classpath:rules", packed);
    }
}
