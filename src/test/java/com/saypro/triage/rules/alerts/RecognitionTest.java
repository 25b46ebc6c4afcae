package com.saypro.triage.rules.alerts;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

/**
 * The recognition rules: readings become symptoms, an alert nothing reads raises FAILURE_KIND and
 * the answer becomes its symptom. The workflow rules take part because an alert about a workflow
 * they see failing or slow needs no question.
 */
class RecognitionTest extends RuleFileTestSupport {

    private static final String SHOP = "northwind-shop";

    @Override
    protected List<String> ruleFiles() {
        return List.of("alerts/Recognition.drl", "workflow/SlowWorkflow.drl", "workflow/FailingWorkflow.drl");
    }

    private static IncidentContext context(String system) {
        return new IncidentContext(1, system, "warning", FactMother.OPENED_AT);
    }

    private List<AlertReading> readings() {
        return derived(AlertReading.class);
    }

    // --- readings -> symptoms ------------------------------------------------------------

    @Test
    void shouldTurnACatalogReadingIntoAnObservedSymptom() {
        insert(alert("NodeFilesystemAlmostOutOfSpace", SHOP, "mountpoint", "/var", "device", "/dev/sda2"));
        fire();
        assertThat(readings()).singleElement().satisfies(r -> assertThat(r.getSource()).isEqualTo(AlertReading.CATALOG));
        assertFired("Firing alert recognised from the catalog shows its symptom");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("DISK_FULL");
            assertThat(s.getSystem()).isEqualTo(SHOP);
            assertThat(s.isInferred()).isFalse();
            assertThat(s.getDetail()).contains("NodeFilesystemAlmostOutOfSpace");
        });
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldTurnAReadingFromTheWordsIntoAnInferredSymptom() {
        insert(alert("CheckoutApiErrors", SHOP));
        fire();
        assertThat(readings()).singleElement().satisfies(r -> assertThat(r.getSource()).isEqualTo(AlertReading.WORDS));
        assertFired("Firing alert recognised only from its words suggests its symptom");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("HIGH_ERROR_RATE");
            assertThat(s.isInferred()).isTrue();
            assertThat(s.getDetail()).contains("recognised from its words");
        });
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldDeriveNothingFromAnInformationalOrResolvedAlert() {
        Alert resolved = new Alert(990, "NodeFilesystemAlmostOutOfSpace", SHOP, "", "warning", "resolved",
                Map.of("mountpoint", "/var"), Map.of(), Instant.parse("2026-11-20T09:00:00Z"),
                Instant.parse("2026-11-20T09:30:00Z"), "fp-resolved", 60);
        insert(alertWithSeverityNone("Watchdog"), resolved);
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    private static Alert alertWithSeverityNone(String name) {
        return FactMother.alertWithSeverity(name, SHOP, "none");
    }

    // --- an alert nothing reads ------------------------------------------------------------

    @Test
    void shouldAskWhatKindOfFailureAnAlertNothingReadsReports() {
        insert(context(SHOP), alert("PaymentReconciliationMismatch", SHOP));
        fire();
        assertThat(readings()).isEmpty();
        assertThat(symptoms()).isEmpty();
        assertThat(questionCodes()).containsExactly("FAILURE_KIND");
        assertThat(derived(com.saypro.triage.diagnosis.facts.Question.class)).singleElement()
                .satisfies(q -> assertThat(q.getReason()).contains("PaymentReconciliationMismatch"));
    }

    @Test
    void shouldTurnTheAnalystsAnswerIntoTheSymptomAndWithdrawTheQuestion() {
        insert(context(SHOP), alert("PaymentReconciliationMismatch", SHOP));
        fire();
        insert(answer("FAILURE_KIND", "slow"));
        fire();
        assertFired("Failure kind named by the analyst for an unrecognised alert is its symptom");
        assertThat(questionCodes()).isEmpty();
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("SLOW_RESPONSE");
            assertThat(s.getSystem()).isEqualTo(SHOP);
            assertThat(s.isInferred()).isFalse();
        });
    }

    @Test
    void shouldDeriveNoSymptomFromAnAnswerThatNamesNone() {
        insert(context(SHOP), alert("PaymentReconciliationMismatch", SHOP), answer("FAILURE_KIND", "not-a-failure"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotUseAnAnswerWhenEveryAlertIsRecognised() {
        insert(context(SHOP), alert("CheckoutApiErrors", SHOP), answer("FAILURE_KIND", "disk"));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_ERROR_RATE");
    }

    // --- alerts about a business workflow ----------------------------------------------------

    @Test
    void shouldNotAskAboutAWorkflowAlertTheWorkflowRulesRead() {
        SystemWorkflow login = new SystemWorkflow("campus-hub", "login", "login");
        SystemWorkflow registration = new SystemWorkflow("campus-hub", "course_registration", "transaction");
        insert(context("campus-hub"), login, registration,
                alert("LoginSlow", "campus-hub", "workflow", "login"),
                alert("CourseRegistrationFailing", "campus-hub", "workflow", "course_registration"));
        fire();
        // nothing in the catalog or the words reads them, the workflow rules do
        assertThat(readings()).isEmpty();
        assertThat(symptoms()).extracting(s -> s.getCode() + " " + s.getComponent())
                .containsExactlyInAnyOrder("WORKFLOW_SLOW login", "WORKFLOW_FAILING course_registration");
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldNotAskAboutAnAlertNamedAfterAWorkflowTheWorkflowRulesRead() {
        insert(context(SHOP), new SystemWorkflow(SHOP, "checkout", "transaction"), alert("CheckoutFailing", SHOP));
        fire();
        assertThat(symptomCodes()).containsExactly("WORKFLOW_FAILING");
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldStillAskAboutAWorkflowAlertThatNothingReads() {
        insert(context("campus-hub"), new SystemWorkflow("campus-hub", "course_registration", "transaction"),
                alert("CourseRegistrationAnomaly", "campus-hub", "workflow", "course_registration"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(questionCodes()).containsExactly("FAILURE_KIND");
    }

    @Test
    void shouldStillAskAboutAnAlertLabelledWithAWorkflowTheSystemDoesNotHave() {
        insert(context("campus-hub"), alert("LoginSlow", "campus-hub", "workflow", "login"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(questionCodes()).containsExactly("FAILURE_KIND");
    }

    @Test
    void shouldWithdrawTheQuestionOnceOtherSignalsShowTheAlertsWorkflowSlow() {
        insert(context("campus-hub"), new SystemWorkflow("campus-hub", "login", "login"),
                alert("LoginAnomaly", "campus-hub", "workflow", "login"));
        fire();
        assertThat(questionCodes()).contains("FAILURE_KIND");
        insert(metric("campus-hub", "response_time_p95_ms", 4200, "workflow", "login"));
        fire();
        assertThat(symptomCodes()).containsExactly("WORKFLOW_SLOW");
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldStillAskAboutAnotherUnreadAlertBesideAWorkflowAlert() {
        insert(context("campus-hub"), new SystemWorkflow("campus-hub", "login", "login"),
                alert("LoginSlow", "campus-hub", "workflow", "login"),
                alert("PaymentReconciliationMismatch", "campus-hub"));
        fire();
        assertThat(questionCodes()).contains("FAILURE_KIND");
        assertThat(derived(com.saypro.triage.diagnosis.facts.Question.class))
                .filteredOn(q -> q.getCode().equals("FAILURE_KIND")).singleElement()
                .satisfies(q -> assertThat(q.getReason()).contains("PaymentReconciliationMismatch"));
    }
}
