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
 * that folder exists, else the copy in the jar; a compile error stops the start-up. A later
 * {@link #reload()} swaps in a new rule base only when it compiles whole.
 */
@Component
public class RuleBase {

    private static final Logger log = LoggerFactory.getLogger(RuleBase.class);

    private final RuleBaseCompiler compiler = new RuleBaseCompiler();
    private final String configuredDir;
    private final AtomicReference<CompiledRuleBase> current = new AtomicReference<>();

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

    private CompiledRuleBase compileFromSource() {
        if (configuredDir != null && !configuredDir.isBlank()) {
            Path dir = Path.of(configuredDir);
            return compiler.compile(dir.toAbsolutePath().normalize().toString(), RuleFiles.fromDirectory(dir));
        }
        Path local = Path.of("rules");
        if (Files.isDirectory(local)) {
            return compiler.compile(local.toAbsolutePath().normalize().toString(), RuleFiles.fromDirectory(local));
        }
        List<RuleSource> packed = RuleFiles.fromClasspath();
        return compiler.compile("classpath:rules", packed);
    }
}
