package com.saypro.triage.rules.workflow;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.change;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;

class FailingWorkflowTest extends WorkflowRuleTestSupport {

    /** A clinic's booking system: users book appointments (a transaction workflow). */
    private static final String CLINIC = "riverside-clinic";
    private static final String BOOKING = "appointment_booking";
    private static final SystemWorkflow BOOKING_TRANSACTION = workflow(CLINIC, BOOKING, "transaction");

    @Override
    protected List<String> ruleFiles() {
        return List.of("workflow/FailingWorkflow.drl");
    }

    private Alert bookingFailingAlert() {
        return alert("AppointmentBookingFailing", CLINIC);
    }

    // --- recognising the problem -------------------------------------------------------

    @Test
    void shouldDeriveWorkflowFailingFromAnAlertWhoseNameContainsTheWorkflowCode() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert());
        fire();
        assertFired("Alert about a workflow named for failures shows the workflow failing");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("WORKFLOW_FAILING");
            assertThat(s.getSystem()).isEqualTo(CLINIC);
            assertThat(s.getComponent()).isEqualTo(BOOKING);
        });
        // nothing else reads the alert, the workflow rules do: no question what it reports
        assertThat(derived(AlertReading.class)).isEmpty();
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldDeriveWorkflowFailingFromAnAlertLabelledWithTheWorkflow() {
        insert(BOOKING_TRANSACTION, alert("WorkflowSuccessRateLow", CLINIC, "workflow", BOOKING));
        fire();
        assertThat(symptomCodes()).containsExactly("WORKFLOW_FAILING");
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldFollowTheAlertReadingOfAWorkflowAlert() {
        insert(BOOKING_TRANSACTION, alert("BookingRequestErrors", CLINIC, "workflow", BOOKING));
        fire();
        assertThat(derived(AlertReading.class)).singleElement()
                .satisfies(r -> assertThat(r.getKind()).isEqualTo("errors"));
        assertFired("Error alert about a workflow shows the workflow failing");
        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("WORKFLOW_FAILING")).singleElement()
                .satisfies(s -> assertThat(s.isInferred()).isTrue());
        // the reading's own symptom stays beside it
        assertThat(symptomCodes()).containsExactly("HIGH_ERROR_RATE", "WORKFLOW_FAILING");
    }

    @Test
    void shouldDeriveWorkflowFailingFromALowSuccessRate() {
        insert(BOOKING_TRANSACTION, metric(CLINIC, "workflow_success_rate", 0.42, "workflow", BOOKING));
        fire();
        assertThat(symptomCodes()).containsExactly("WORKFLOW_FAILING");
    }

    @Test
    void shouldDeriveOneSymptomFromSeveralFailedTraces() {
        insert(BOOKING_TRANSACTION, failedTrace(CLINIC, BOOKING, 120, 0, 0), failedTrace(CLINIC, BOOKING, 140, 0, 0));
        fire();
        assertThat(symptoms()).hasSize(1);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("DB_CONNECTION_FAILURE")).hasSize(1);
    }

    @Test
    void shouldDeriveNothingFromHealthyUnrelatedOrUnconfiguredSignals() {
        Alert resolved = new Alert(99, "AppointmentBookingFailing", CLINIC, "", "warning", "resolved", Map.of(),
                Map.of(), Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:20:00Z"), "fp", 60);
        insert(BOOKING_TRANSACTION, resolved,
                alert("AppointmentBookingFailing", "other-system"),
                alert("AppointmentBookingSlow", CLINIC, "workflow", BOOKING),
                metric(CLINIC, "workflow_success_rate", 0.97, "workflow", BOOKING),
                metric(CLINIC, "workflow_success_rate", 0.5, "workflow", "unknown_flow"),
                trace(CLINIC, BOOKING, 300, 40, 0),
                failedTrace(CLINIC, "", 300, 40, 0),
                finding(CLINIC, "ACCESS_DENIED"));
        fire();
        assertThat(symptomCodes()).doesNotContain("WORKFLOW_FAILING");
        // the slow booking alert reads as slow requests, not as a failure
        assertThat(symptomCodes()).containsExactly("SLOW_RESPONSE");
        assertThat(votes()).isEmpty();
        // the other system has no such workflow: nothing reads its alert, so the analyst is asked
        assertThat(questionCodes()).containsExactly("FAILURE_KIND");
        // 9 inputs + 1 alert reading + 1 symptom + 1 question
        assertThat(workingMemorySize()).isEqualTo(12);
    }

    @Test
    void shouldIgnoreAccessDeniedFindingsWhileTheWorkflowIsNotFailing() {
        insert(BOOKING_TRANSACTION, metric(CLINIC, "workflow_success_rate", 0.99, "workflow", BOOKING),
                finding(CLINIC, "ACCESS_DENIED"), finding(CLINIC, "ACCESS_DENIED"), change(CLINIC, "config",
                        "Role matrix update for receptionists", 20));
        fire();
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldGiveNoCausesForAFailingWorkflowThatIsNotATransaction() {
        insert(workflow(CLINIC, "nightly_reminders", "batch"),
                metric(CLINIC, "workflow_success_rate", 0.4, "workflow", "nightly_reminders"),
                failedTrace(CLINIC, "nightly_reminders", 100, 0, 0),
                finding(CLINIC, "ACCESS_DENIED"));
        fire();
        assertThat(symptomCodes()).containsExactly("WORKFLOW_FAILING");
        assertNotFired("Failed trace of a transaction workflow shows the workflow failing");
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldAskAllThreeQuestionsWhenOnlyTheSymptomIsKnown() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert());
        fire();
        assertThat(questionCodes()).containsExactly("AFFECTED_ROLE", "DB_REACHABLE", "FORM_VALIDATION_MESSAGE");
        assertThat(confidence("USER_ROLE_MISCONFIGURATION")).isEqualTo(0.3);
        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.3);
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isEqualTo(0.3);
        // workflow + alert + symptom + 3 priors + 3 questions
        assertThat(workingMemorySize()).isEqualTo(9);
    }

    // --- misconfigured roles -----------------------------------------------------------------

    @Test
    void shouldNotTakeAConfigChangeThatMerelyContainsPermissionLikeLettersForARoleChange() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(),
                change(CLINIC, "config", "Raise the Oracle pool size and the migrant-worker batch limit", 20));
        fire();
        assertNotFired("Recent role or permission change before a failing transaction workflow suggests misconfigured user roles");
    }

    @Test
    void shouldRankRoleMisconfigurationFirstOnAccessDeniedFindingsAndARoleChange() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(),
                failedTrace(CLINIC, BOOKING, 180, 35, 0),
                finding(CLINIC, "ACCESS_DENIED"),
                change(CLINIC, "config", "Permission matrix update: BOOK moved from PATIENT to VERIFIED_PATIENT role", 40));
        fire();
        assertFired("Access denied findings during a failing transaction workflow suggest misconfigured user roles",
                "Recent role or permission change before a failing transaction workflow suggests misconfigured user roles");
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        assertThat(confidence("USER_ROLE_MISCONFIGURATION")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("USER_ROLE_MISCONFIGURATION")).containsExactly("ROLE_PERMISSION_REPAIR");
        // a decisive finding withdraws the questions
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotCountARoleChangeMadeLongBeforeTheIncident() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(), change(CLINIC, "config", "role permission cleanup", 600));
        fire();
        assertNotFired("Recent role or permission change before a failing transaction workflow suggests misconfigured user roles");
    }

    @Test
    void shouldMoveRolesFirstWhenOnlySomeRolesAreAffectedAndWithdrawTheQuestion() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert());
        fire();
        assertThat(questionCodes()).contains("AFFECTED_ROLE");
        insert(answer("AFFECTED_ROLE", "yes"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        assertThat(questionCodes()).containsExactly("DB_REACHABLE", "FORM_VALIDATION_MESSAGE");
    }

    @Test
    void shouldPushRoleMisconfigurationDownWhenAllRolesFail() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(), finding(CLINIC, "ACCESS_DENIED"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        insert(answer("AFFECTED_ROLE", "no"));
        fire();
        assertThat(confidence("USER_ROLE_MISCONFIGURATION")).isLessThan(0.2);
        assertThat(rankedCauses()).first().isNotEqualTo("USER_ROLE_MISCONFIGURATION");
    }

    // --- database connection failure ---------------------------------------------------------

    @Test
    void shouldRankDbConnectionFailureFirstOnConnectionFindingsAndHangingRequests() {
        insert(BOOKING_TRANSACTION, alert("AppointmentBookingErrors", CLINIC),
                failedTrace(CLINIC, BOOKING, 30050, 0, 0),
                failedTrace(CLINIC, BOOKING, 30020, 0, 0),
                finding(CLINIC, "DB_POOL_TIMEOUT"),
                finding(CLINIC, "DB_CONNECTION_ERROR"));
        fire();
        assertFired("Database connection findings during a failing transaction workflow suggest a database connection failure",
                "Requests of a failing transaction workflow hanging without reaching the database suggest a database connection failure");
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        assertThat(confidence("DB_CONNECTION_FAILURE")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("DB_CONNECTION_FAILURE")).containsExactly("DB_CONNECTIVITY_RESTORE");
        assertNotFired("Requests of a failing transaction workflow failing fast without reaching the database suggest front-end validation errors");
    }

    @Test
    void shouldCountRejectedDatabaseCredentialsAsAConnectionFailure() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(), finding(CLINIC, "DB_AUTH_FAILED"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
    }

    @Test
    void shouldMoveDbConnectionFailureFirstWhenTheDatabaseIsUnreachable() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(), answer("DB_REACHABLE", "no"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldPushDbConnectionFailureDownWhenTheDatabaseIsReachable() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(), finding(CLINIC, "DB_CONNECTION_ERROR"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        insert(answer("DB_REACHABLE", "yes"));
        fire();
        assertNotFired("Database unreachable from the application host during a failing transaction workflow suggests a database connection failure");
        assertThat(confidence("DB_CONNECTION_FAILURE")).isLessThan(0.1);
        // the finding no longer decides, so the other questions come back
        assertThat(questionCodes()).containsExactly("AFFECTED_ROLE", "FORM_VALIDATION_MESSAGE");
    }

    // --- front-end validation ------------------------------------------------------------------

    @Test
    void shouldRankFrontendValidationFirstOnFastFailingRequestsWithValidationFindings() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(),
                failedTrace(CLINIC, BOOKING, 45, 0, 0),
                failedTrace(CLINIC, BOOKING, 38, 0, 0),
                failedTrace(CLINIC, BOOKING, 52, 0, 0),
                finding(CLINIC, "VALIDATION_ERROR"),
                change(CLINIC, "deploy", "Booking form v2: new date picker UI", 35));
        fire();
        assertFired("Validation findings and fast-failing requests of a failing transaction workflow suggest front-end validation errors",
                "Recent deploy of a form or validation before a failing transaction workflow suggests front-end validation errors");
        assertNotFired("Validation findings during a failing transaction workflow suggest front-end validation errors",
                "Requests of a failing transaction workflow failing fast without reaching the database suggest front-end validation errors");
        assertThat(rankedCauses()).first().isEqualTo("FRONTEND_VALIDATION_ERROR");
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("FRONTEND_VALIDATION_ERROR")).containsExactly("FRONTEND_VALIDATION_FIX");
    }

    @Test
    void shouldGiveFastFailingRequestsAloneAModerateValidationVote() {
        insert(BOOKING_TRANSACTION, failedTrace(CLINIC, BOOKING, 45, 0, 0), failedTrace(CLINIC, BOOKING, 40, 0, 0));
        fire();
        assertFired("Requests of a failing transaction workflow failing fast without reaching the database suggest front-end validation errors");
        assertThat(rankedCauses()).first().isEqualTo("FRONTEND_VALIDATION_ERROR");
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isBetween(0.5, 0.7);
        assertThat(questionCodes()).contains("FORM_VALIDATION_MESSAGE");
        insert(answer("FORM_VALIDATION_MESSAGE", "yes"));
        fire();
        assertThat(questionCodes()).doesNotContain("FORM_VALIDATION_MESSAGE");
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isGreaterThan(0.8);
    }

    @Test
    void shouldNotTreatADeployOfUnrelatedCodeAsAFormChange() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(),
                change(CLINIC, "deploy", "Performance improvements for the information page", 30));
        fire();
        assertNotFired("Recent deploy of a form or validation before a failing transaction workflow suggests front-end validation errors");
    }

    @Test
    void shouldPushFrontendValidationDownWhenTheFormShowsNoMessage() {
        insert(BOOKING_TRANSACTION, bookingFailingAlert(), finding(CLINIC, "VALIDATION_ERROR"));
        fire();
        assertFired("Validation findings during a failing transaction workflow suggest front-end validation errors");
        assertThat(rankedCauses()).first().isEqualTo("FRONTEND_VALIDATION_ERROR");
        insert(answer("FORM_VALIDATION_MESSAGE", "no"));
        fire();
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isLessThan(0.2);
    }

    // --- the same rules serve another system ---------------------------------------------------

    @Test
    void shouldDiagnoseAnotherSystemsTransactionWorkflowTheSameWay() {
        insert(workflow("acme-billing", "invoice_approval", "transaction"),
                metric("acme-billing", "workflow_success_rate", 0.6, "workflow", "invoice_approval"),
                finding("acme-billing", "ACCESS_DENIED"),
                finding(CLINIC, "DB_CONNECTION_ERROR"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        // a finding of another system says nothing about this one
        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.3);
    }
}
