package com.saypro.triage.rules.dependency;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

class DependenciesTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("dependency/Dependencies.drl");
    }

    private static Symptom slowExternalTime(String system, String transaction) {
        return new Symptom("SLOW_EXTERNAL_TIME", system, transaction, "7000 ms, 80% in external calls");
    }

    @Test
    void shouldSuggestDependencyOutageWhenThePaymentGatewayIsDown() {
        insert(criticalPaymentGatewayDown());
        fire();

        assertFired("External dependency down alert suggests a dependency outage");
        assertThat(rankedCauses()).containsExactly("DEPENDENCY_OUTAGE");
        assertThat(confidence("DEPENDENCY_OUTAGE")).isEqualTo(0.6);
        assertThat(questionCodes()).containsExactly("DEPENDENCY_STATUS");
        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DEPENDENCY_FAILING")).extracting(Symptom::getComponent)
                .containsExactly("paygate");
    }

    private static Alert criticalPaymentGatewayDown() {
        return FactMother.criticalAlert("BlackboxProbeFailed", "rms", "instance", "https://api.paygate.example.com/health",
                "dependency", "paygate");
    }

    @Test
    void shouldCountNamedOrLabelledDependencyAlertsOnly() {
        insert(alert("KafkaZookeeperSyncConnect", "a"), alert("KubeClientErrors", "b"),
                alert("BlackboxProbeFailed", "c", "dependency", "identity-provider", "instance", "https://idp.example.com"),
                alert("NginxUpstreamDown", "d", "dependency", "sms-gateway"),
                alert("BlackboxProbeFailed", "e", "instance", "https://lms.saypro.example/health"),
                alert("NginxUpstreamDown", "f"));
        fire();

        assertThat(votes()).hasSize(4);
        assertThat(questionCodes()).containsExactly("DEPENDENCY_STATUS");
    }

    @Test
    void shouldGiveSlowDependencyAlertsLessWeight() {
        insert(alert("BlackboxSlowProbe", "rms", "dependency", "paygate"));
        fire();

        assertFired("External dependency slow alert suggests a dependency outage");
        assertThat(confidence("DEPENDENCY_OUTAGE")).isEqualTo(0.45);
    }

    @Test
    void shouldVoteOnceForManyFailingCallsOfOneSystem() {
        insert(log("rms", "ERROR", "WebClientResponseException$ServiceUnavailable: 503 Service Unavailable from POST https://api.paygate.example.com/v2/charges"),
                log("rms", "ERROR", "io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'paygate' is OPEN and does not permit further calls"),
                log("rms", "WARN", "upstream service unavailable"));
        fire();

        assertFired("Application failing on calls to an external dependency suggests a dependency outage");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("DEPENDENCY_OUTAGE")).isEqualTo(0.5);
        assertThat(questionCodes()).containsExactly("DEPENDENCY_STATUS");
    }

    @Test
    void shouldTellRefusedExternalHostsFromTheDatabase() {
        insert(log("a", "ERROR", "I/O error on POST request for \"https://sso.partner.example.org/token\": Connection refused"),
                log("b", "ERROR", "java.net.ConnectException: Connection refused (db-1.internal.example.com:5432)"),
                log("c", "ERROR", "Connection refused"),
                log("d", "INFO", "circuit breaker 'paygate' changed state from OPEN to CLOSED"));
        fire();

        assertThat(votes()).hasSize(1);
    }

    @Test
    void shouldGiveSlowExternalTimeAloneOnlyAWeakVoteAndAskForTheDependencyStatus() {
        insert(slowExternalTime("lms", "Login"), slowExternalTime("lms", "TokenRefresh"));
        fire();

        assertFired("Slow transaction dominated by external calls hints at a dependency outage");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("DEPENDENCY_OUTAGE")).isEqualTo(0.35);
        assertThat(questionCodes()).containsExactly("DEPENDENCY_STATUS");
    }

    @Test
    void shouldBeConfidentWhenSlowExternalCallsMeetAFailingDependency() {
        insert(slowExternalTime("rms", "RoyaltyPayout"),
                log("rms", "ERROR", "503 Service Unavailable from POST https://api.paygate.example.com/v2/payouts"));
        fire();

        assertFired("Slow external calls while a dependency is failing confirm a dependency outage");
        assertThat(confidence("DEPENDENCY_OUTAGE")).isGreaterThan(0.8);
    }

    @Test
    void shouldStrengthenWhenTheStatusPageReportsAProblem() {
        insert(slowExternalTime("lms", "Login"), answer("DEPENDENCY_STATUS", "yes"));
        fire();

        assertThat(confidence("DEPENDENCY_OUTAGE")).isGreaterThan(0.7);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldCounterWhenTheStatusPageIsHealthy() {
        insert(slowExternalTime("lms", "Login"), answer("DEPENDENCY_STATUS", "no"));
        fire();

        assertFired("Dependency status page healthy counters a dependency outage");
        assertThat(confidence("DEPENDENCY_OUTAGE")).isLessThan(0.15);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldIgnoreAnswersAndResolvedAlertsWithoutEvidence() {
        insert(new Alert(9_000_000, "PaymentGatewayDown", "rms", "", "critical", "resolved", Map.of(), Map.of(),
                FactMother.OPENED_AT.minusSeconds(900), FactMother.OPENED_AT.minusSeconds(300), "fp", 15),
                answer("DEPENDENCY_STATUS", "yes"));
        fire();

        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).as("the alert, its reading and the answer").isEqualTo(3);
    }
}
