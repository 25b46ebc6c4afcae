package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import com.saypro.triage.diagnosis.Confidence;
import com.saypro.triage.diagnosis.DiagnosisKnowledge;
import com.saypro.triage.diagnosis.RuleMetadata;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.recognition.SignalReader;
import java.util.IdentityHashMap;
import java.util.Map;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.PlaybookRecommendation;
import com.saypro.triage.diagnosis.facts.Question;
import com.saypro.triage.diagnosis.facts.Symptom;

/**
 * Base for the one-test-class-per-DRL-file tests: builds a KieBase from the named file(s)
 * under {@code rules/} with the production compiler, records which rules fired, and gives
 * access to what the rules derived.
 *
 * <p>Alerts reach the rules as Triage reads them: the session always holds
 * {@code alerts/Recognition.drl}; inserting an {@link Alert} also inserts the reading Triage
 * makes of it (the alert catalog in {@code kb-seed/alerts/}, else its words), and inserting a
 * {@link LogEvent} its log findings, as in production. {@link #confidence} scores votes by
 * evidence group as the assembler does (without a prior).
 */
public abstract class RuleFileTestSupport {

    /** The project's rule directory, as the tests run from the project root. */
    public static final Path RULES_DIR = Path.of("rules");

    /** The rules that turn alert readings into symptoms, part of every test's rule base. */
    public static final String RECOGNITION_RULES = "alerts/Recognition.drl";

    /** Reads alerts (the catalog, else their words) and classifies log lines as production does. */
    protected static final SignalReader READER = DiagnosisKnowledge.fromSeed(Path.of("kb-seed").toAbsolutePath())
            .reader();

    /** The evidence group of each vote: the {@code @group} of the rule that cast it. */
    private final Map<Object, String> groupOfVote = new IdentityHashMap<>();
    private org.kie.api.definition.rule.Rule firing;

    protected KieSession session;
    protected final List<String> firedRules = new ArrayList<>();

    /** The DRL file(s) under test, relative to {@code rules/}, e.g. {@code "infra/Disk.drl"}. */
    protected abstract List<String> ruleFiles();

    @BeforeEach
    void buildSessionFromRuleFiles() {
        List<String> files = new ArrayList<>(ruleFiles());
        if (!files.contains(RECOGNITION_RULES)) {
            files.add(RECOGNITION_RULES);
        }
        List<RuleSource> sources = files.stream().map(RuleFileTestSupport::read).toList();
        CompiledRuleBase ruleBase = new RuleBaseCompiler().compile("test", sources);
        session = ruleBase.kieBase().newKieSession();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
                firing = event.getMatch().getRule();
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firedRules.add(event.getMatch().getRule().getName());
                firing = null;
            }
        });
        session.addEventListener(new org.kie.api.event.rule.DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(org.kie.api.event.rule.ObjectInsertedEvent event) {
                if (firing != null && event.getObject() instanceof CandidateCause) {
                    groupOfVote.put(event.getObject(), RuleMetadata.group(firing));
                }
            }
        });
    }

    @AfterEach
    void disposeSession() {
        if (session != null) {
            session.dispose();
        }
    }

    public static RuleSource read(String relativePath) {
        try {
            return new RuleSource(relativePath, Files.readString(RULES_DIR.resolve(relativePath), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read rule file " + relativePath, e);
        }
    }

    /** Inserts the facts; an alert comes with the catalog's reading of it. */
    protected void insert(Object... facts) {
        for (Object fact : facts) {
            session.insert(fact);
            if (fact instanceof Alert alert) {
                READER.read(alert).ifPresent(session::insert);
            } else if (fact instanceof LogEvent log) {
                READER.classify(log).forEach(session::insert);
            }
        }
    }

    protected int fire() {
        return session.fireAllRules(10_000);
    }

    protected <T> List<T> derived(Class<T> type) {
        return session.getObjects(type::isInstance).stream().map(type::cast).collect(Collectors.toList());
    }

    protected List<Symptom> symptoms() {
        return derived(Symptom.class);
    }

    protected List<String> symptomCodes() {
        return symptoms().stream().map(Symptom::getCode).sorted().distinct().toList();
    }

    protected List<CandidateCause> votes() {
        return derived(CandidateCause.class);
    }

    /** The cause codes voted for, strongest combined confidence first. */
    protected List<String> rankedCauses() {
        return votes().stream().map(CandidateCause::getCauseCode).distinct()
                .sorted((a, b) -> Double.compare(confidence(b), confidence(a))).toList();
    }

    /** The combined confidence of one cause (0 when no rule voted for it). */
    protected double confidence(String causeCode) {
        List<Confidence.Vote> weighed = votes().stream().filter(v -> v.getCauseCode().equals(causeCode))
                .map(v -> new Confidence.Vote(v.getConfidence(), groupOfVote.getOrDefault(v, "vote@" + System.identityHashCode(v)),
                        false))
                .toList();
        return Confidence.score(weighed, 0).confidence();
    }

    protected List<String> questionCodes() {
        return derived(Question.class).stream().map(Question::getCode).sorted().toList();
    }

    protected List<String> recommendedPlaybooks(String causeCode) {
        return derived(PlaybookRecommendation.class).stream().filter(p -> p.getCauseCode().equals(causeCode))
                .map(PlaybookRecommendation::getPlaybookCode).sorted().toList();
    }

    protected long workingMemorySize() {
        return session.getFactCount();
    }

    protected void assertFired(String... ruleNames) {
        assertThat(firedRules).contains(ruleNames);
    }

    protected void assertNotFired(String... ruleNames) {
        assertThat(firedRules).doesNotContain(ruleNames);
    }
}
