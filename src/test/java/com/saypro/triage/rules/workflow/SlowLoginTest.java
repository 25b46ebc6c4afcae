package com.saypro.triage.rules.workflow;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.componentMetric;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;

/** The login rules, with the slow-workflow rules that derive the symptom they read. */
class SlowLoginTest extends WorkflowRuleTestSupport {

    private static final String REPEATED_CALLS_RULE =
            "The same API call logged three or more times during a slow login suggests redundant API calls";

    /** A learning portal whose users sign in through a single sign-on service. */
    private static final String PORTAL = "campus-hub";
    private static final String SIGN_IN = "sign_in";
    private static final SystemWorkflow SIGN_IN_LOGIN = workflow(PORTAL, SIGN_IN, "login");

    @Override
    protected List<String> ruleFiles() {
        return List.of("workflow/SlowLogin.drl", "workflow/SlowWorkflow.drl");
    }

    private Alert signInSlowAlert() {
        return alert("SignInLatencyHigh", PORTAL);
    }

    // --- recognising the problem -------------------------------------------------------

    @Test
    void shouldReadSlowLoginFromTheWorkflowSlowSymptomOfALoginWorkflow() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(), alert("SignInSlow", PORTAL));
        fire();
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("WORKFLOW_SLOW");
            assertThat(s.getComponent()).isEqualTo(SIGN_IN);
        });
        assertThat(rankedCauses()).containsExactlyInAnyOrder("TOKEN_VALIDATION_SLOW", "REDUNDANT_API_CALLS");
    }

    @Test
    void shouldReadALoginAlertLabelledWithTheLoginWorkflowWithoutAskingWhatItReports() {
        insert(workflow(PORTAL, "login", "login"), alert("LoginSlow", PORTAL, "workflow", "login"),
                alert("LoginLatencyHigh", PORTAL, "workflow", "login"));
        fire();
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("WORKFLOW_SLOW");
            assertThat(s.getComponent()).isEqualTo("login");
        });
        assertThat(rankedCauses()).containsExactlyInAnyOrder("TOKEN_VALIDATION_SLOW", "REDUNDANT_API_CALLS");
        assertThat(questionCodes()).containsExactly("LOGIN_CALLS_DUPLICATED", "TOKEN_VALIDATED_REMOTELY");
    }

    @Test
    void shouldGiveNoLoginCausesForASlowWorkflowOfAnotherKind() {
        insert(workflow(PORTAL, "grade_export", "batch"), alert("GradeExportSlow", PORTAL),
                finding(PORTAL, "TOKEN_VALIDATION"), answer("TOKEN_VALIDATED_REMOTELY", "yes"));
        fire();
        // the alert's words also read it as slow requests of the system
        assertThat(symptomCodes()).containsExactly("SLOW_RESPONSE", "WORKFLOW_SLOW");
        assertThat(rankedCauses()).doesNotContain("TOKEN_VALIDATION_SLOW", "REDUNDANT_API_CALLS");
        assertThat(questionCodes()).doesNotContain("TOKEN_VALIDATED_REMOTELY", "LOGIN_CALLS_DUPLICATED");
    }

    @Test
    void shouldDeriveNothingFromHealthyLoginsOrFindingsAlone() {
        insert(SIGN_IN_LOGIN,
                metric(PORTAL, "response_time_p95_ms", 900, "workflow", SIGN_IN),
                trace(PORTAL, SIGN_IN, 2800, 100, 2500),
                finding(PORTAL, "API_CALL", "get /api/users/me"),
                finding(PORTAL, "API_CALL", "get /api/users/me"),
                finding(PORTAL, "API_CALL", "get /api/users/me"),
                finding(PORTAL, "TOKEN_VALIDATION"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(7);
    }

    @Test
    void shouldAskBothQuestionsAndWithdrawThemWhenAnswered() {
        insert(SIGN_IN_LOGIN, signInSlowAlert());
        fire();
        assertThat(questionCodes()).containsExactly("LOGIN_CALLS_DUPLICATED", "TOKEN_VALIDATED_REMOTELY");
        // workflow + alert + symptom + 2 priors + 2 questions
        assertThat(workingMemorySize()).isEqualTo(7);
        insert(answer("TOKEN_VALIDATED_REMOTELY", "unknown"));
        fire();
        assertThat(questionCodes()).containsExactly("LOGIN_CALLS_DUPLICATED");
        insert(answer("LOGIN_CALLS_DUPLICATED", "unknown"));
        fire();
        assertThat(questionCodes()).isEmpty();
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isEqualTo(0.3);
    }

    // --- token validation ----------------------------------------------------------------

    @Test
    void shouldRankTokenValidationFirstWhenLoginWaitsOnTheIdentityProvider() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(),
                trace(PORTAL, SIGN_IN, 5200, 150, 4300),
                trace(PORTAL, SIGN_IN, 4800, 120, 4000),
                finding(PORTAL, "TOKEN_VALIDATION"));
        fire();
        assertFired("Slow login traces waiting on external calls suggest slow token validation",
                "Token validation findings during a slow login suggest slow token validation");
        assertNotFired(REPEATED_CALLS_RULE, "Slow login traces with time spread over many parts suggest redundant API calls");
        assertThat(rankedCauses()).first().isEqualTo("TOKEN_VALIDATION_SLOW");
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isGreaterThanOrEqualTo(0.8);
        assertThat(confidence("REDUNDANT_API_CALLS")).isEqualTo(0.3);
        assertThat(recommendedPlaybooks("TOKEN_VALIDATION_SLOW")).containsExactly("TOKEN_VALIDATION_CACHING");
        // the external time of a login is its token validation, not a network problem
        assertThat(rankedCauses()).doesNotContain("NETWORK_LATENCY");
    }

    @Test
    void shouldCountASlowIdentityProviderComponentForTokenValidation() {
        insert(SIGN_IN_LOGIN, component(PORTAL, "campus-sso", "identity_provider"), signInSlowAlert(),
                componentMetric(PORTAL, "campus-sso", "response_time_p95_ms", 2600),
                componentMetric(PORTAL, "campus-sso", "response_time_p95_ms", 2900),
                alert("KeycloakResponseTimeHigh", PORTAL, "component", "campus-sso"));
        fire();
        assertFired("Identity provider responding slowly during a slow login suggests slow token validation",
                "Latency alert on the identity provider during a slow login suggests slow token validation");
        assertThat(groupsVotingFor("TOKEN_VALIDATION_SLOW"))
                .containsExactly("identity-provider-latency", "identity-provider-latency", "symptom-prior");
        assertThat(rankedCauses()).first().isEqualTo("TOKEN_VALIDATION_SLOW");
        // evidence from one group counts once
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isEqualTo(0.615);
    }

    @Test
    void shouldNotCountAFastComponentOrOneWithAnotherRole() {
        insert(SIGN_IN_LOGIN, component(PORTAL, "campus-sso", "identity_provider"), component(PORTAL, "campus-db", "database"),
                signInSlowAlert(),
                componentMetric(PORTAL, "campus-sso", "response_time_p95_ms", 300),
                componentMetric(PORTAL, "campus-db", "response_time_p95_ms", 4000));
        fire();
        assertNotFired("Identity provider responding slowly during a slow login suggests slow token validation");
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isEqualTo(0.3);
    }

    @Test
    void shouldPushTokenValidationDownWhenTokensAreValidatedLocally() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(), trace(PORTAL, SIGN_IN, 5200, 150, 4300));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("TOKEN_VALIDATION_SLOW");
        insert(answer("TOKEN_VALIDATED_REMOTELY", "no"));
        fire();
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isLessThan(0.2);
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
    }

    // --- redundant API calls ------------------------------------------------------------------

    @Test
    void shouldRankRedundantCallsFirstWhenTheSameCallRepeatsWithinOneRequest() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(),
                trace(PORTAL, SIGN_IN, 4600, 1600, 1400),
                finding(PORTAL, "API_CALL", "get /api/users/me|7f3a"),
                finding(PORTAL, "API_CALL", "get /api/users/me|7f3a"),
                finding(PORTAL, "API_CALL", "get /api/users/me|7f3a"),
                finding(PORTAL, "API_CALL", "get /api/users/me|7f3a"));
        fire();
        assertFired(REPEATED_CALLS_RULE, "Slow login traces with time spread over many parts suggest redundant API calls");
        // one vote for the repeated call, not one per line
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("REDUNDANT_API_CALLS")).hasSize(3);
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
        assertThat(confidence("REDUNDANT_API_CALLS")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("REDUNDANT_API_CALLS")).containsExactly("REDUNDANT_CALL_REDUCTION");
    }

    @Test
    void shouldNotCountOneCallEachFromDifferentRequestsAsRedundant() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(),
                finding(PORTAL, "API_CALL", "get /api/users/me|a1"),
                finding(PORTAL, "API_CALL", "get /api/users/me|b2"),
                finding(PORTAL, "API_CALL", "get /api/users/me|c3"),
                finding(PORTAL, "API_CALL", "calling user-service /permissions|c3"),
                finding(PORTAL, "API_CALL", "calling user-service /permissions|c3"));
        fire();
        assertNotFired(REPEATED_CALLS_RULE);
    }

    @Test
    void shouldCountRepeatedCallsWithoutRequestIds() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(),
                finding(PORTAL, "API_CALL", "calling user-service /permissions"),
                finding(PORTAL, "API_CALL", "calling user-service /permissions"),
                finding(PORTAL, "API_CALL", "calling user-service /permissions"));
        fire();
        assertFired(REPEATED_CALLS_RULE);
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
    }

    @Test
    void shouldPushRedundantCallsDownWhenNoCallIsDuplicated() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(),
                finding(PORTAL, "API_CALL", "get /api/profile"),
                finding(PORTAL, "API_CALL", "get /api/profile"),
                finding(PORTAL, "API_CALL", "get /api/profile"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
        insert(answer("LOGIN_CALLS_DUPLICATED", "no"));
        fire();
        assertThat(confidence("REDUNDANT_API_CALLS")).isLessThan(0.2);
        assertThat(questionCodes()).containsExactly("TOKEN_VALIDATED_REMOTELY");
    }

    // --- both at once ------------------------------------------------------------------------

    @Test
    void shouldScoreBothCausesHighWhenBothKindsOfEvidenceArePresent() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(),
                trace(PORTAL, SIGN_IN, 6200, 200, 4100),
                finding(PORTAL, "TOKEN_VALIDATION"),
                finding(PORTAL, "API_CALL", "get /api/profile|91ab"),
                finding(PORTAL, "API_CALL", "get /api/profile|91ab"),
                finding(PORTAL, "API_CALL", "get /api/profile|91ab"));
        fire();
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isGreaterThanOrEqualTo(0.75);
        assertThat(confidence("REDUNDANT_API_CALLS")).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void shouldMoveTheRankingWithAnswersAlone() {
        insert(SIGN_IN_LOGIN, signInSlowAlert(), answer("LOGIN_CALLS_DUPLICATED", "yes"),
                answer("TOKEN_VALIDATED_REMOTELY", "no"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldServeALoginWorkflowOfAnySystem() {
        insert(workflow("acme-billing", "customer_login", "login"),
                metric("acme-billing", "response_time_p95_ms", 3600, "workflow", "customer_login"),
                finding("acme-billing", "TOKEN_VALIDATION"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("TOKEN_VALIDATION_SLOW");
    }
}
