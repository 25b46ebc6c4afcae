package com.saypro.triage.rules.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

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
 * (workflows, components, classified log lines, traces with their workflow), checks every vote
 * against the metadata of the rule that cast it, and checks that the workflow rules name no
 * system or workflow. Scoring by evidence group comes from {@link RuleFileTestSupport}; the
 * metadata of the rule text is checked for the whole rule base by {@code RuleMetadataTests}.
 */
abstract class WorkflowRuleTestSupport extends RuleFileTestSupport {

    private static long nextId = 100_000;

    private final IdentityHashMap<CandidateCause, Rule> voteRules = new IdentityHashMap<>();
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

    /** Which workflows and systems a rule serves comes from the knowledge, never a literal. */
    @Test
    void shouldNameNoSystemOrWorkflowInTheRules() {
        for (String file : ruleFiles()) {
            assertThat(read(file).content()).as(file)
                    .doesNotContainPattern("(system|workflow|component|transaction|name)\\s*==\\s*\"")
                    .doesNotContainPattern("label\\(\"workflow\"\\)\\s*==\\s*\"")
                    .doesNotContainPattern("(?i)\"(rms|lms)\"");
        }
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
