package com.saypro.triage.workbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.audit.AuditLog;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.KnowledgeCodeCheck;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleBaseVersions;
import com.saypro.triage.rules.RuleCompilationException;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleProblem;
import com.saypro.triage.rules.RuleSource;

/**
 * Compile-test-swap: the one way a new rule base goes live, whether its files changed on
 * disk, were saved in the workbench, or are an earlier version rolled back to. A draft is
 * guarded and compiled off to the side, checked against the knowledge base's codes, replayed
 * on every confirmed incident (the {@link RegressionSuite}), and only then swapped in; a
 * diagnosis already running finishes on the rules it started with. A refused draft leaves the
 * rules in use untouched, and why it was refused is kept for the workbench, the log and health.
 * <p>
 * One draft at a time: publishing and watching the rule directory take the same lock, so a
 * workbench save that writes the files is never mistaken for a change on disk.
 */
@Service
public class RulePublisher {

    private static final Logger log = LoggerFactory.getLogger(RulePublisher.class);

    /** How a version came to be published; stored lower-case. */
    public enum Kind {
        START, FILES, WORKBENCH, ROLLBACK
    }

    /**
     * What became of a draft: {@code published}, or refused with {@code problems} (file,
     * line, column) or a failing {@code report}; {@code refusal} says which in words.
     */
    public record Outcome(boolean published, String version, String previousVersion, List<RuleProblem> problems,
            RegressionReport report, String refusal, Long publicationId) {

        static Outcome refused(String version, String previous, List<RuleProblem> problems,
                RegressionReport report, String refusal) {
            return new Outcome(false, version, previous, problems, report, refusal, null);
        }
    }

    private final RuleBase ruleBase;
    private final RuleBaseVersions versions;
    private final RegressionSuite suite;
    private final KnowledgeBase knowledge;
    private final AuditLog audit;
    private final RuleBaseCompiler compiler = new RuleBaseCompiler();
    private volatile Outcome lastRefusal;
    private volatile String refusedFilesVersion;

    public RulePublisher(RuleBase ruleBase, RuleBaseVersions versions, RegressionSuite suite,
            KnowledgeBase knowledge, AuditLog audit) {
        this.ruleBase = ruleBase;
        this.versions = versions;
        this.suite = suite;
        this.knowledge = knowledge;
        this.audit = audit;
    }

    /** The latest refused draft, while no later one was published. */
    public Optional<Outcome> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** Whether drafts published here are written to a rule directory (else they last until a restart). */
    public boolean writesFiles() {
        return ruleBase.directory() != null;
    }

    /**
     * The rule files of the rule base in use with these changes: a given file replaces the one
     * at its path (or is added), a path in {@code deleted} is taken out.
     */
    public List<RuleSource> draftOf(Map<String, String> changed, Set<String> deleted) {
        Map<String, RuleSource> files = new LinkedHashMap<>();
        ruleBase.current().sources().forEach(s -> files.put(s.path(), s));
        changed.forEach((path, text) -> files.put(path, new RuleSource(path, text)));
        deleted.forEach(files::remove);
        return List.copyOf(files.values());
    }

    /** Guard, compile, check codes and run the regression suite; nothing is put in use. */
    public synchronized Outcome test(List<RuleSource> draft) {
        CompiledRuleBase live = ruleBase.current();
        Checked checked = check(draft, live);
        if (checked.compiled() == null) {
            return Outcome.refused(null, live.version(), checked.problems(), null, checked.refusal());
        }
        RegressionReport report = checked.report();
        return new Outcome(false, checked.compiled().version(), live.version(), List.of(), report,
                report.passed() ? null : report.summary(), null);
    }

    /**
     * Publishes a draft: compile-test-swap. With a failing regression report the draft is
     * refused unless {@code overrideReason} says why it should go live anyway (kept in the
     * audit log). {@code writeFiles}: write the draft into the rule directory, when there is one.
     */
    public synchronized Outcome publish(List<RuleSource> draft, String author, Kind kind, String note,
            String overrideReason, boolean writeFiles) {
        CompiledRuleBase live = ruleBase.current();
        Checked checked = check(draft, live);
        if (checked.compiled() == null) {
            return refuse(Outcome.refused(null, live.version(), checked.problems(), null, checked.refusal()), author,
                    kind);
        }
        RegressionReport report = checked.report();
        String override = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        if (!report.passed() && override == null) {
            return refuse(Outcome.refused(checked.compiled().version(), live.version(), List.of(), report,
                    "refused: " + report.summary()), author, kind);
        }
        if (writeFiles && ruleBase.directory() != null) {
            writeDirectory(ruleBase.directory(), live.sources(), checked.compiled().sources());
        }
        CompiledRuleBase next = checked.compiled();
        ruleBase.swap(next);
        lastRefusal = null;
        refusedFilesVersion = null;
        versions.record(next, author);
        long id = versions.published(next.version(), live.version(), author, kind.name().toLowerCase(), note,
                override, report);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", next.version());
        detail.put("report", report.summary());
        if (override != null) {
            detail.put("overrideReason", override);
        }
        audit.recordAs(author, "rules.published", "rules", next.version(),
                kind.name().toLowerCase() + ": rule base " + next.version() + " in use (" + next.ruleCount()
                        + " rules in " + next.sources().size() + " files); " + report.summary()
                        + (override == null ? "" : "; published over the report: " + override),
                Map.of("version", live.version()), detail);
        log.info("Rule base {} published ({}, by {}): {} rules in {} files; {}{}", next.version(),
                kind.name().toLowerCase(), author, next.ruleCount(), next.sources().size(), report.summary(),
                override == null ? "" : "; override: " + override);
        return new Outcome(true, next.version(), live.version(), List.of(), report, null, id);
    }

    /**
     * For the rule directory watcher: when the files on disk differ from the rules in use (and
     * from the last refused set), they go through {@link #publish}. Returns the outcome, or
     * empty when nothing changed.
     */
    public synchronized Optional<Outcome> publishChangedFiles() {
        Path dir = ruleBase.directory();
        if (dir == null) {
            return Optional.empty();
        }
        List<RuleSource> files = RuleFiles.fromDirectory(dir);
        String version = RuleBaseCompiler.versionOf(files);
        if (version.equals(ruleBase.current().version()) || version.equals(refusedFilesVersion)) {
            return Optional.empty();
        }
        Outcome outcome = publish(files, Actor.SYSTEM, Kind.FILES, "rule files changed in " + ruleBase.origin(),
                null, false);
        if (!outcome.published()) {
            refusedFilesVersion = version;
        }
        return Optional.of(outcome);
    }

    /** Publishes the files of an earlier publication again, as a new publication. */
    public synchronized Outcome rollback(long publicationId, String author, String overrideReason) {
        RuleBaseVersions.Publication target = versions.publication(publicationId)
                .orElseThrow(() -> new IllegalArgumentException("There is no rule base publication " + publicationId));
        List<RuleSource> sources = versions.sources(target.version()).orElseThrow(
                () -> new IllegalStateException("The files of rule base version " + target.version() + " were not kept"));
        return publish(sources, author, Kind.ROLLBACK,
                "rollback to publication " + publicationId + " (version " + target.version() + ")", overrideReason,
                true);
    }

    /** At start-up: the rule base Triage started with is a publication when it differs from the last one. */
    public void recordStart() {
        CompiledRuleBase current = ruleBase.current();
        versions.record(current, Actor.SYSTEM);
        if (!versions.latestPublishedVersion().map(current.version()::equals).orElse(false)) {
            versions.published(current.version(), versions.latestPublishedVersion().orElse(null), Actor.SYSTEM,
                    "start", "rule base read at start-up from " + current.origin(), null, null);
        }
    }

    /** A draft compiled off to the side: the rules, or the problems (file, line, column) that stopped them. */
    public record Compiled(CompiledRuleBase rules, List<RuleProblem> problems, String refusal) {
    }

    private record Checked(CompiledRuleBase compiled, List<RuleProblem> problems, String refusal,
            RegressionReport report) {
    }

    /** Guards and compiles a draft and checks the codes it names; nothing is put in use or tested. */
    public Compiled compile(List<RuleSource> draft) {
        CompiledRuleBase compiled;
        try {
            compiled = compiler.compile("draft", draft);
        } catch (RuleCompilationException e) {
            return new Compiled(null, e.getProblems(), "refused: the rules do not compile or are not allowed");
        }
        List<RuleProblem> unknown = new KnowledgeCodeCheck(codes()).check(compiled.sources());
        if (!unknown.isEmpty()) {
            return new Compiled(null, unknown, "refused: the rules name codes the knowledge base does not have");
        }
        return new Compiled(new CompiledRuleBase(compiled.kieBase(), compiled.version(), ruleBase.origin(),
                compiled.sources()), List.of(), null);
    }

    private Checked check(List<RuleSource> draft, CompiledRuleBase live) {
        Compiled compiled = compile(draft);
        if (compiled.rules() == null) {
            return new Checked(null, compiled.problems(), compiled.refusal(), null);
        }
        return new Checked(compiled.rules(), List.of(), null, suite.run(live, compiled.rules()));
    }

    /** The knowledge base's codes, as the code check needs them. */
    public KnowledgeCodeCheck.Codes codes() {
        return new KnowledgeCodeCheck.Codes(knowledge.causes().keySet(), knowledge.questions().keySet(),
                knowledge.playbooks().keySet());
    }

    private Outcome refuse(Outcome outcome, String author, Kind kind) {
        lastRefusal = outcome;
        String why = outcome.problems().isEmpty() ? outcome.refusal()
                : outcome.refusal() + ": " + outcome.problems().stream().map(RuleProblem::toString)
                        .collect(Collectors.joining("; "));
        ruleBase.refused(why);
        log.error("A rule change ({}, by {}) was refused; rule base {} stays in use. {}", kind.name().toLowerCase(),
                author, outcome.previousVersion(), why);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("problem", why);
        if (outcome.version() != null) {
            detail.put("version", outcome.version());
        }
        audit.recordAs(author, "rules.refused", "rules", outcome.previousVersion(),
                kind.name().toLowerCase() + ": a rule change was refused; rule base " + outcome.previousVersion()
                        + " stays in use",
                null, detail);
        return outcome;
    }

    /**
     * Makes the rule directory hold the draft's files: changed and new files are written
     * through a temporary file and moved in place, files no longer in the draft deleted. The
     * threshold rules are left alone.
     */
    private static void writeDirectory(Path dir, List<RuleSource> before, List<RuleSource> after) {
        Map<String, String> old = before.stream().collect(Collectors.toMap(RuleSource::path, RuleSource::content));
        Path root = dir.toAbsolutePath().normalize();
        try {
            for (RuleSource source : after) {
                if (source.content().equals(old.get(source.path()))) {
                    continue;
                }
                Path file = inside(root, source.path());
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), ".triage-", ".tmp");
                Files.writeString(temp, source.content(), StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Set<String> kept = after.stream().map(RuleSource::path).collect(Collectors.toSet());
            for (String path : old.keySet()) {
                if (!kept.contains(path)) {
                    Files.deleteIfExists(inside(root, path));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the rule files into " + root + ": " + e.getMessage(), e);
        }
    }

    private static Path inside(Path root, String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || relative.startsWith(RuleFiles.STREAM_FOLDER) || !relative.endsWith(".drl")) {
            throw new IllegalArgumentException("Not a diagnosis rule file path: " + relative);
        }
        return file;
    }
}
