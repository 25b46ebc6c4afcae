package com.saypro.triage.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles DRL files into a KieBase with the classic (non executable-model) build, after the
 * {@link DrlGuard} passed them. All files compile together or none is used: a rule base is
 * never half-loaded.
 */
public final class RuleBaseCompiler {

    private static final String RESOURCE_ROOT = "src/main/resources/";
    private static final Pattern EXPRESSION_COLUMN = Pattern.compile("Column:\\s*(\\d+)");
    private static final Pattern POSITION = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
    private static final Pattern PARSER_POSITION = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");

    /** The digest that names a set of rule files. */
    public static String versionOf(List<RuleSource> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleSource source : sorted(sources)) {
                digest.update(source.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(source.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public CompiledRuleBase compile(String origin, List<RuleSource> sources) {
        return compile(origin, sources, null);
    }

    /**
     * Compiles with these KieBase options (for instance {@code EventProcessingOption.STREAM}
     * for the threshold rules); null: the defaults.
     */
    public CompiledRuleBase compile(String origin, List<RuleSource> sources, KieBaseConfiguration configuration) {
        if (sources.isEmpty()) {
            throw new RuleCompilationException(origin, List.of(new RuleProblem(origin, 0, 0, "no .drl files found")));
        }
        List<RuleSource> ordered = sorted(sources);
        // Nothing reaches the compiler (which runs the Java it is given) before the guard passed it.
        List<RuleProblem> refused = DrlGuard.check(ordered);
        if (!refused.isEmpty()) {
            throw new RuleCompilationException(origin, refused);
        }
        String version = versionOf(ordered);
        KieServices services = KieServices.Factory.get();
        ReleaseId releaseId = services.newReleaseId("com.saypro.triage", "rules", "1.0.0-" + version);
        KieFileSystem files = services.newKieFileSystem();
        // No kmodule.xml: the default KieBase (identity equality, cloud mode) takes every package.
        files.generateAndWritePomXML(releaseId);
        for (RuleSource source : ordered) {
            files.write(RESOURCE_ROOT + source.path(), source.content());
        }
        KieBuilder builder = services.newKieBuilder(files).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            RuleProblem problem = toProblem(message);
            // A parse error is followed by this echo of it; the first message says it all.
            if (!problem.message().contains("Parser returned a null Package")) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            services.getRepository().removeKieModule(releaseId);
            throw new RuleCompilationException(origin, problems);
        }
        KieContainer container = services.newKieContainer(releaseId);
        KieBase kieBase = configuration == null ? container.getKieBase() : container.newKieBase(configuration);
        // The container was only a way to the KieBase; do not let the repository keep every
        // version ever compiled.
        services.getRepository().removeKieModule(releaseId);
        return new CompiledRuleBase(kieBase, version, origin, ordered);
    }

    private static RuleProblem toProblem(Message message) {
        String path = message.getPath() == null ? "" : message.getPath();
        if (path.startsWith(RESOURCE_ROOT)) {
            path = path.substring(RESOURCE_ROOT.length());
        }
        int line = message.getLine();
        int column = message.getColumn();
        String text = message.getText() == null ? "" : message.getText().strip();
        if (line <= 0) {
            // Some parser messages carry the position only in their text, as [line,column].
            Matcher m = POSITION.matcher(text);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                column = Integer.parseInt(m.group(2));
            }
        }
        if (column <= 0) {
            // Parser errors: "[ERR 102] Line 10:4 mismatched input", the column counted from 0.
            Matcher m = PARSER_POSITION.matcher(text);
            if (m.find() && (line <= 0 || line == Integer.parseInt(m.group(1)))) {
                line = Integer.parseInt(m.group(1));
                column = Integer.parseInt(m.group(2)) + 1;
            }
        }
        if (column <= 0) {
            // Expression errors name the column inside the text: "[Line: 8, Column: 4]".
            Matcher m = EXPRESSION_COLUMN.matcher(text);
            if (m.find()) {
                column = Integer.parseInt(m.group(1));
            }
        }
        return new RuleProblem(path, Math.max(line, 0), Math.max(column, 0), text.replaceAll("\\s+", " "));
    }

    private static List<RuleSource> sorted(List<RuleSource> sources) {
        return sources.stream().sorted(Comparator.comparing(RuleSource::path)).toList();
    }
}
