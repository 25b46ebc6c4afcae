package com.saypro.triage.rules.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.LogFinding;
import com.saypro.triage.diagnosis.facts.SystemComponent;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

/**
 * Base for the tests of the workflow rules. Adds the facts Triage computes from its knowledge
 * (workflows, components, classified log lines, traces with their workflow) and scores votes
 * the way the assembler does: per cause, within one evidence group ({@code @group}) only the
 * strongest supporting and the strongest weakening vote count; supports combine across groups
 * as a noisy OR, and each weakening group multiplies by (1 - w). Every vote is checked against
 * the metadata of the rule that cast it.
 */
abstract class WorkflowRuleTestSupport extends RuleFileTestSupport {

    private static final Pattern RULE_BLOCK = Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\"(.*?)^end\\b");
    private static final Pattern CAUSE_VOTE = Pattern.compile("new\\s+CandidateCause\\(\\s*\"([A-Z0-9_]+)\"");
    private static final Pattern META = Pattern.compile("@(cause|group)\\(\"([^\"]*)\"\\)");

    private static long nextId = 100_000;

    private final Map<CandidateCause, Rule> voteRules = new IdentityHashMap<>();
    private final List<String> metadataProblems = new ArrayList<>();

    @BeforeEach
    void recordWhichRuleCastEachVote() {
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof CandidateCause vote && event.getRule() != null) {
                    Rule rule = event.getRule();
                    voteRules.put(vote, rule);
                    List<String> causes = Arrays.asList(String.valueOf(rule.getMetaData().get("cause")).split("\\s*,\\s*"));
                    if (!causes.contains(vote.getCauseCode()) || group(rule).isEmpty()) {
                        metadataProblems.add(rule.getName() + " voted for " + vote.getCauseCode() + " with @cause "
                                + rule.getMetaData().get("cause") + " and @group " + rule.getMetaData().get("group"));
                    }
                }
            }
        });
    }

    @AfterEach
    void everyVoteMatchesTheMetadataOfItsRule() {
        assertThat(metadataProblems).isEmpty();
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryVotingRuleAndNameNoSystemOrWorkflow() {
        for (String file : ruleFiles()) {
            String text = read(file).content();
            Matcher block = RULE_BLOCK.matcher(text);
            while (block.find()) {
                String name = block.group(1);
                String body = block.group(2);
                Map<String, String> meta = new HashMap<>();
                Matcher m = META.matcher(body);
                while (m.find()) {
                    meta.put(m.group(1), m.group(2));
                }
                Matcher vote = CAUSE_VOTE.matcher(body);
                while (vote.find()) {
                    assertThat(meta.get("cause")).as("@cause of " + name).isNotNull();
                    assertThat(Arrays.asList(meta.get("cause").split("\\s*,\\s*"))).as("@cause of " + name)
                            .contains(vote.group(1));
                    assertThat(meta.get("group")).as("@group of " + name).isNotBlank()
                            .matches("[a-z0-9]+(-[a-z0-9]+)*");
                }
            }
            // Which workflows and systems a rule serves comes from the knowledge, never a literal.
            assertThat(text).doesNotContainPattern("(system|workflow|component|transaction|name)\\s*==\\s*\"")
                    .doesNotContainPattern("label\\(\"workflow\"\\)\\s*==\\s*\"")
                    .doesNotContainPattern("(?i)\"(rms|lms)\"");
        }
    }

    /** The combined confidence of a cause as the assembler computes it from the evidence groups. */
    @Override
    protected double confidence(String causeCode) {
        Map<String, Double> support = new HashMap<>();
        Map<String, Double> against = new HashMap<>();
        for (CandidateCause vote : votes()) {
            if (!vote.getCauseCode().equals(causeCode)) {
                continue;
            }
            String group = group(voteRules.get(vote));
            if (vote.getConfidence() >= 0) {
                support.merge(group, vote.getConfidence(), Math::max);
            } else {
                against.merge(group, vote.getConfidence(), Math::min);
            }
        }
        double notCause = 1.0;
        for (double s : support.values()) {
            notCause *= 1.0 - s;
        }
        double combined = 1.0 - notCause;
        for (double w : against.values()) {
            combined *= 1.0 + w;
        }
        return Math.round(combined * 1000.0) / 1000.0;
    }

    /** The evidence groups of the votes for a cause, one entry per vote. */
    protected List<String> groupsVotingFor(String causeCode) {
        return votes().stream().filter(v -> v.getCauseCode().equals(causeCode)).map(v -> group(voteRules.get(v)))
                .sorted().toList();
    }

    private static String group(Rule rule) {
        Object group = rule == null ? null : rule.getMetaData().get("group");
        return group == null ? "" : group.toString();
    }

    // --- facts computed by Triage from its knowledge ------------------------------------

    protected static SystemWorkflow workflow(String system, String code, String kind) {
        return new SystemWorkflow(system, code, kind);
    }

    protected static SystemComponent component(String system, String name, String role) {
        return new SystemComponent(system, name, role);
    }

    protected static LogFinding finding(String system, String kind) {
        return finding(system, kind, "");
    }

    protected static LogFinding finding(String system, String kind, String detail) {
        return new LogFinding(nextId++, system, "", kind, detail, kind.toLowerCase() + " " + detail, 0);
    }

    protected static TransactionTrace trace(String system, String workflow, long durationMs, long dbMs, long externalMs) {
        return new TransactionTrace(nextId++, system, "POST /" + workflow, durationMs, dbMs, externalMs, false,
                FactMother.OPENED_AT.minusSeconds(10), 0, workflow);
    }

    protected static TransactionTrace failedTrace(String system, String workflow, long durationMs, long dbMs,
            long externalMs) {
        return new TransactionTrace(nextId++, system, "POST /" + workflow, durationMs, dbMs, externalMs, true,
                FactMother.OPENED_AT.minusSeconds(10), 0, workflow);
    }

    protected static Instant openedAt() {
        return FactMother.OPENED_AT;
    }
}
