package com.saypro.triage.rules.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.CandidateCause;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class RequestsTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("monitoring/Requests.drl");
    }

    @Test
    void shouldSuggestAResourceBottleneckFirstForSlowResponsesAlone() {
        insert(new Symptom("SLOW_RESPONSE", "shop", "checkout", "p95 7 s"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("SERVER_RESOURCE_BOTTLENECK");
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isLessThan(0.5);
    }

    @Test
    void shouldVoteOncePerSystemWhateverTheNumberOfSlowParts() {
        insert(new Symptom("SLOW_RESPONSE", "shop", "checkout", "p95 7 s"),
                new Symptom("SLOW_RESPONSE", "shop", "search", "p95 6 s"));
        fire();
        assertThat(votes().stream().filter(v -> v.getCauseCode().equals("SERVER_RESOURCE_BOTTLENECK"))).hasSize(1);
    }

    @Test
    void shouldSuggestAnApplicationFailureFirstForServerErrorsAlone() {
        insert(new Symptom("HIGH_ERROR_RATE", "shop", "api", "5xx ratio 12%"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("APPLICATION_ERROR_SPIKE");
        assertThat(votes()).extracting(CandidateCause::getCauseCode).doesNotContain("SERVER_RESOURCE_BOTTLENECK");
    }

    @Test
    void shouldVoteForNothingWithoutSlowOrFailingRequests() {
        insert(new Symptom("DISK_FULL", "shop", "/var", "95% used"));
        fire();
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldLeaveSlowOrFailingBusinessWorkflowsToTheWorkflowRules() {
        insert(new Symptom("SLOW_RESPONSE", "shop", "POST /api/orders", "trace took 30 s"),
                new Symptom("HIGH_ERROR_RATE", "shop", "api", "5xx ratio 12%"),
                new Symptom("WORKFLOW_FAILING", "shop", "checkout", "success rate 12%"));
        fire();
        assertThat(votes()).isEmpty();
    }
}
