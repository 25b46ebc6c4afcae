package com.saypro.triage.rules.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

/**
 * The rule-file test base plus what the platform rules need: symptoms made in one line, the
 * confidence of a cause counted by evidence group as the assembler counts it (within a group
 * only the strongest support and the strongest counter-vote count), and a check that every
 * voting rule names its causes and group in its metadata.
 */
abstract class PlatformRulesTestSupport extends RuleFileTestSupport {

    private static final Pattern RULE = Pattern.compile("(?m)^rule \"([^\"]+)\"");
    private static final Pattern VOTE = Pattern.compile("new\\s+CandidateCause\\(\\s*\"([A-Z0-9_]+)\"");

    private final Map<CandidateCause, Rule> voters = new IdentityHashMap<>();

    @BeforeEach
    void recordWhichRuleCastEachVote() {
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof CandidateCause vote && event.getRule() != null) {
                    voters.put(vote, event.getRule());
                }
            }
        });
    }

    static Symptom symptom(String code, String system, String component) {
        return new Symptom(code, system, component, code.toLowerCase() + " on " + system);
    }

    static Symptom symptom(String code, String system) {
        return symptom(code, system, "");
    }

    static Symptom inferred(String code, String system, String component) {
        return new Symptom(code, system, component, code.toLowerCase() + " read from an alert's words", true);
    }

    /** The confidence of a cause with the votes counted once per evidence group (as {@link #confidence}). */
    protected double groupedConfidence(String causeCode) {
        return confidence(causeCode);
    }

    /** The causes with a positive grouped confidence, strongest first. */
    protected List<String> rankedByGroup() {
        return votes().stream().map(CandidateCause::getCauseCode).distinct().filter(c -> groupedConfidence(c) > 0)
                .sorted((a, b) -> Double.compare(groupedConfidence(b), groupedConfidence(a))).toList();
    }

    /** The evidence group of each vote for a cause, as "rule name -> group". */
    protected Set<String> groupsVotingFor(String causeCode) {
        return votes().stream().filter(v -> v.getCauseCode().equals(causeCode)).map(this::group)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private String group(CandidateCause vote) {
        Rule rule = voters.get(vote);
        assertThat(rule).as("the rule that cast " + vote).isNotNull();
        Object group = rule.getMetaData().get("group");
        assertThat(group).as("@group of rule " + rule.getName()).isNotNull();
        return group.toString();
    }

    /**
     * Every rule of the file under test that inserts a CandidateCause declares {@code @group} and
     * lists in {@code @cause} each cause it votes for.
     */
    protected void assertEveryVotingRuleDeclaresItsCausesAndGroup() {
        String text = ruleFiles().stream().map(RuleFileTestSupport::read).map(s -> s.content())
                .collect(Collectors.joining("\n"));
        Map<String, Set<String>> causesByRule = new HashMap<>();
        Matcher rules = RULE.matcher(text);
        List<int[]> bounds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (rules.find()) {
            bounds.add(new int[] { rules.start(), 0 });
            names.add(rules.group(1));
        }
        for (int i = 0; i < bounds.size(); i++) {
            int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : text.length();
            Matcher votes = VOTE.matcher(text.substring(bounds.get(i)[0], end));
            Set<String> causes = new LinkedHashSet<>();
            while (votes.find()) {
                causes.add(votes.group(1));
            }
            if (!causes.isEmpty()) {
                causesByRule.put(names.get(i), causes);
            }
        }
        assertThat(causesByRule).isNotEmpty();
        Map<String, Rule> compiled = session.getKieBase().getKiePackages().stream()
                .flatMap(p -> p.getRules().stream()).collect(Collectors.toMap(Rule::getName, r -> r));
        causesByRule.forEach((name, causes) -> {
            Rule rule = compiled.get(name);
            assertThat(rule).as("compiled rule " + name).isNotNull();
            Object cause = rule.getMetaData().get("cause");
            Object group = rule.getMetaData().get("group");
            assertThat(cause).as("@cause of " + name).isNotNull();
            assertThat(group).as("@group of " + name).isNotNull();
            assertThat(group.toString()).as("@group of " + name).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(Arrays.stream(cause.toString().split(",")).map(String::trim).toList())
                    .as("@cause of " + name).containsExactlyInAnyOrderElementsOf(causes);
        });
    }
}
