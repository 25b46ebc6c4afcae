package com.saypro.triage.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisAssembler;
import com.saypro.triage.diagnosis.DiagnosisEngine;
import com.saypro.triage.diagnosis.DiagnosisKnowledge;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.SystemProfile;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.knowledge.Cause;
import com.saypro.triage.knowledge.CauseCategory;
import com.saypro.triage.knowledge.KbQuestion;
import com.saypro.triage.knowledge.Playbook;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBaseCompiler;
import com.saypro.triage.rules.RuleFiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The whole diagnosis without a database or Spring: the project's rule directory compiled by
 * the production compiler, the seeded knowledge base read from {@code kb-seed/}, the signal
 * reading (alert catalog, word inference, log classifiers) and the production assembler and
 * question ranking. For tests that need the reasoning of the real rule base end to end.
 */
public final class DiagnosisHarness {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final CompiledRuleBase rules;
    private final DiagnosisKnowledge knowledge;
    private final Map<String, Cause> causes;
    private final Map<String, Playbook> playbooks;
    private final Map<String, KbQuestion> questions;
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private DiagnosisHarness(CompiledRuleBase rules, DiagnosisKnowledge knowledge) {
        this.rules = rules;
        this.knowledge = knowledge;
        this.causes = readCauses();
        this.playbooks = Map.of();
        this.questions = readQuestions();
    }

    public static DiagnosisHarness seeded() {
        return new DiagnosisHarness(compiledRules(), DiagnosisKnowledge.fromSeed(Path.of("kb-seed").toAbsolutePath()));
    }

    /** As {@link #seeded()}, but every alert is read from its words alone, as if the catalog were empty. */
    public static DiagnosisHarness wordsOnly() {
        return new DiagnosisHarness(compiledRules(),
                DiagnosisKnowledge.fromSeed(Path.of("kb-seed").toAbsolutePath(), false));
    }

    private static CompiledRuleBase compiledRules() {
        return new RuleBaseCompiler().compile("rules", RuleFiles.fromDirectory(Path.of("rules")));
    }

    /** The DRL package (the folder under rules/) a rule lives in. */
    public String packageOf(String ruleName) {
        return rules.kieBase().getKiePackages().stream()
                .filter(p -> p.getRules().stream().anyMatch(r -> r.getName().equals(ruleName)))
                .map(org.kie.api.definition.KiePackage::getName).findFirst().orElse("");
    }

    public Map<String, Cause> causes() {
        return causes;
    }

    public SystemProfile profile(String system) {
        return knowledge.profile(system);
    }

    /** Diagnoses the given signals of one system as one incident opened at {@code openedAt}. */
    public Diagnosis diagnose(Instant openedAt, List<Alert> alerts, List<Object> others) {
        String system = alerts.isEmpty() ? systemOf(others) : alerts.get(0).getSystem();
        List<MetricSample> metrics = new ArrayList<>();
        List<LogEvent> logs = new ArrayList<>();
        List<TransactionTrace> traces = new ArrayList<>();
        List<ChangeEvent> changes = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (Object o : others) {
            if (o instanceof MetricSample m) {
                metrics.add(m);
            } else if (o instanceof LogEvent l) {
                logs.add(l);
            } else if (o instanceof TransactionTrace t) {
                traces.add(t);
            } else if (o instanceof ChangeEvent c) {
                changes.add(c);
            } else if (o instanceof Answer a) {
                answers.add(a);
            } else {
                throw new IllegalArgumentException("not a signal: " + o);
            }
        }
        FactSet signals = new FactSet(new IncidentContext(1, system, "warning", openedAt), alerts, metrics, logs,
                traces, changes, answers);
        return diagnose(signals);
    }

    public Diagnosis diagnose(FactSet signals) {
        FactSet facts = read(signals);
        DiagnosisAssembler assembler = assembler(facts);
        Diagnosis diagnosis = DiagnosisService.compute(rules, facts, 1, assembler, engine);
        // The question ranking's "what ifs" run in the diagnosis's own session; each must come out
        // as it would in a session of its own.
        Diagnosis fresh = DiagnosisService.computeInFreshSessions(rules, facts, 1, assembler, engine);
        if (!Json.write(diagnosis).equals(Json.write(fresh))) {
            throw new AssertionError("The question ranking differs from the one with a session per answer:\n"
                    + Json.write(diagnosis.questions()) + "\n" + Json.write(fresh.questions()));
        }
        return diagnosis;
    }

    /** The compiled rule base of the project's rule directory. */
    public CompiledRuleBase rules() {
        return rules;
    }

    /**
     * The signals read as {@code IncidentFactsLoader} reads them for a diagnosis: the alert
     * readings, log findings, the system's workflows, components and priors added, the traces'
     * workflows filled in (no priors learned from past incidents: there are none here).
     */
    public FactSet read(FactSet signals) {
        SystemProfile profile = knowledge.profile(signals.context().getSystem());
        return knowledge.reader().read(signals, profile);
    }

    /** The assembler a diagnosis of these facts (read with {@link #read}) uses: the seeded causes and questions. */
    public DiagnosisAssembler assembler(FactSet facts) {
        return new DiagnosisAssembler(causes, playbooks, questions, facts.priors(),
                DiagnosisService.rulesByCauseOf(rules));
    }

    private static String systemOf(List<Object> others) {
        for (Object o : others) {
            if (o instanceof MetricSample m) {
                return m.getSystem();
            } else if (o instanceof LogEvent l) {
                return l.getSystem();
            } else if (o instanceof TransactionTrace t) {
                return t.getSystem();
            }
        }
        return "unknown";
    }

    private static Map<String, Cause> readCauses() {
        Map<String, Cause> causes = new LinkedHashMap<>();
        for (JsonNode c : read("causes.yaml").get("causes")) {
            List<String> pbs = new ArrayList<>();
            if (c.has("playbooks")) {
                c.get("playbooks").forEach(p -> pbs.add(p.asString()));
            }
            causes.put(c.get("code").asString(), new Cause(c.get("code").asString(), c.get("title").asString(),
                    CauseCategory.valueOf(c.get("category").asString()), c.get("description").asString(), pbs,
                    "SEED"));
        }
        return causes;
    }

    private static Map<String, KbQuestion> readQuestions() {
        Map<String, KbQuestion> questions = new LinkedHashMap<>();
        for (JsonNode q : read("questions.yaml").get("questions")) {
            List<String> options = new ArrayList<>();
            q.get("options").forEach(o -> options.add(o.asString()));
            questions.put(q.get("code").asString(), new KbQuestion(q.get("code").asString(), q.get("text").asString(),
                    q.has("help") ? q.get("help").asString() : "", options, "SEED"));
        }
        return questions;
    }

    private static JsonNode read(String file) {
        try (InputStream in = Files.newInputStream(Path.of("kb-seed", file))) {
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kb-seed/" + file, e);
        }
    }
}
