package com.saypro.triage.rules.lms;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static com.saypro.triage.rules.FactMother.trace;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.rules.RuleFileTestSupport;

class LoginTest extends RuleFileTestSupport {

    private static final String REPEATED_CALLS_RULE =
            "The same API call logged three or more times during slow login suggests redundant API calls";

    @Override
    protected List<String> ruleFiles() {
        return List.of("lms/Login.drl");
    }

    // --- recognising the problem -------------------------------------------------------

    @Test
    void shouldDeriveLoginSlowFromLoginLatencyAlerts() {
        insert(alert("LoginLatencyHigh", "lms"), alert("LoginSlow", "lms"));
        fire();
        assertFired("Login latency alert on LMS shows login slow");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("LOGIN_SLOW");
            assertThat(s.getSystem()).isEqualTo("lms");
            assertThat(s.getComponent()).isEqualTo("login");
        });
    }

    @Test
    void shouldDeriveLoginSlowFromALatencyAlertOnTheLoginWorkflow() {
        insert(alert("WorkflowP95LatencyHigh", "lms", "workflow", "login"));
        fire();
        assertFired("LMS latency alert on the login workflow shows login slow");
        assertThat(symptomCodes()).containsExactly("LOGIN_SLOW");
    }

    @Test
    void shouldDeriveLoginSlowFromLoginP95OverThreeSeconds() {
        insert(metric("lms", "response_time_p95_ms", 3400, "workflow", "login"));
        fire();
        assertThat(symptomCodes()).containsExactly("LOGIN_SLOW");
    }

    @Test
    void shouldDeriveLoginSlowFromSlowLoginTraces() {
        insert(trace("lms", "POST /auth/login", 4200, 300, 3400), trace("lms", "OAuth2CallbackController.signIn", 3900, 200, 3100));
        fire();
        assertThat(symptoms()).hasSize(1);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("REDUNDANT_API_CALLS")).hasSize(1);
    }

    @Test
    void shouldDeriveNothingFromHealthyOrUnrelatedSignals() {
        Alert resolved = new Alert(99, "LoginSlow", "lms", "", "warning", "resolved", Map.of(), Map.of(),
                Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:10:00Z"), "fp", 60);
        insert(resolved,
                alert("LoginSlow", "rms"),
                alert("WorkflowSuccessRateLow", "lms", "workflow", "login"),
                metric("lms", "response_time_p95_ms", 900, "workflow", "login"),
                metric("lms", "response_time_p95_ms", 9000, "workflow", "course_registration"),
                trace("lms", "POST /auth/login", 800, 100, 500),
                trace("lms", "AuthorProfileController.show", 6000, 500, 100),
                log("lms", "INFO", "GET /api/users/me 200"),
                log("lms", "INFO", "GET /api/users/me 200"),
                log("lms", "INFO", "GET /api/users/me 200"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(10);
    }

    @Test
    void shouldAskBothQuestionsAndWithdrawThemWhenAnswered() {
        insert(alert("LoginSlow", "lms"));
        fire();
        assertThat(questionCodes()).containsExactly("LOGIN_CALLS_DUPLICATED", "TOKEN_VALIDATED_REMOTELY");
        // alert + symptom + 2 priors + 2 questions
        assertThat(workingMemorySize()).isEqualTo(6);
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
        insert(alert("LoginLatencyHigh", "lms"),
                trace("lms", "POST /login", 5200, 150, 4300),
                trace("lms", "POST /login", 4800, 120, 4000),
                log("lms", "DEBUG", "Token introspection against https://idp.example/oauth2/introspect took 3890 ms"));
        fire();
        assertFired("Slow login traces waiting on external calls suggest slow token validation",
                "Token validation log lines during slow login suggest slow token validation");
        assertNotFired(REPEATED_CALLS_RULE, "Slow login traces with time spread over many parts suggest redundant API calls");
        assertThat(rankedCauses()).first().isEqualTo("TOKEN_VALIDATION_SLOW");
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isGreaterThanOrEqualTo(0.8);
        assertThat(confidence("REDUNDANT_API_CALLS")).isEqualTo(0.3);
        assertThat(recommendedPlaybooks("TOKEN_VALIDATION_SLOW")).containsExactly("TOKEN_VALIDATION_CACHING");
    }

    @Test
    void shouldLowerTokenValidationWhenTokensAreValidatedLocally() {
        insert(alert("LoginSlow", "lms"),
                trace("lms", "POST /login", 5200, 150, 4300));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("TOKEN_VALIDATION_SLOW");
        insert(answer("TOKEN_VALIDATED_REMOTELY", "no"));
        fire();
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isLessThan(0.2);
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
    }

    // --- redundant API calls ------------------------------------------------------------------

    @Test
    void shouldRankRedundantCallsFirstWhenTheSameCallRepeatsWithinOneLogin() {
        insert(alert("LoginSlow", "lms"),
                trace("lms", "POST /login", 4600, 1600, 1400),
                log("lms", "INFO", "[req=7f3a] GET /api/users/me -> 200 in 380 ms"),
                log("lms", "INFO", "[req=7f3a] GET /api/users/me -> 200 in 402 ms"),
                log("lms", "INFO", "[req=7f3a] GET /api/users/me?fields=all -> 200 in 395 ms"),
                log("lms", "INFO", "[req=7f3a] GET /api/users/me -> 200 in 371 ms"));
        fire();
        assertFired(REPEATED_CALLS_RULE, "Slow login traces with time spread over many parts suggest redundant API calls");
        // one vote for the repeated call, not one per line
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("REDUNDANT_API_CALLS")).hasSize(3);
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
        assertThat(confidence("REDUNDANT_API_CALLS")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("REDUNDANT_API_CALLS")).containsExactly("REDUNDANT_CALL_REDUCTION");
    }

    @Test
    void shouldNotCountOneCallEachFromDifferentLoginsAsRedundant() {
        insert(alert("LoginSlow", "lms"),
                log("lms", "INFO", "[req=a1] GET /api/users/me -> 200"),
                log("lms", "INFO", "[req=b2] GET /api/users/me -> 200"),
                log("lms", "INFO", "[req=c3] GET /api/users/me -> 200"),
                log("lms", "INFO", "[req=c3] calling user-service /permissions"),
                log("lms", "INFO", "[req=c3] calling user-service /permissions"));
        fire();
        assertNotFired(REPEATED_CALLS_RULE);
    }

    @Test
    void shouldCountRepeatedServiceCallsWithoutRequestIds() {
        insert(alert("LoginSlow", "lms"),
                log("lms", "DEBUG", "Login flow: calling user-service /permissions"),
                log("lms", "DEBUG", "Login flow: calling user-service /permissions"),
                log("lms", "DEBUG", "Login flow: calling user-service /permissions"));
        fire();
        assertFired(REPEATED_CALLS_RULE);
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
    }

    @Test
    void shouldRuleRedundantCallsDownWhenNoCallIsDuplicated() {
        insert(alert("LoginSlow", "lms"),
                log("lms", "INFO", "GET /api/profile 200"),
                log("lms", "INFO", "GET /api/profile 200"),
                log("lms", "INFO", "GET /api/profile 200"));
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
        insert(alert("LoginSlow", "lms"),
                trace("lms", "POST /login", 6200, 200, 4100),
                log("lms", "WARN", "validating token took 2950 ms (remote introspection)"),
                log("lms", "INFO", "session=91ab GET /api/profile"),
                log("lms", "INFO", "session=91ab GET /api/profile"),
                log("lms", "INFO", "session=91ab GET /api/profile"));
        fire();
        assertThat(confidence("TOKEN_VALIDATION_SLOW")).isGreaterThanOrEqualTo(0.75);
        assertThat(confidence("REDUNDANT_API_CALLS")).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void shouldMoveTheRankingWithAnswersAlone() {
        insert(alert("LoginSlow", "lms"), answer("LOGIN_CALLS_DUPLICATED", "yes"),
                answer("TOKEN_VALIDATED_REMOTELY", "no"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("REDUNDANT_API_CALLS");
        assertThat(questionCodes()).isEmpty();
    }
}
