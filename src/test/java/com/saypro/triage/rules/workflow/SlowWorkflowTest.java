package com.saypro.triage.rules.workflow;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.componentMetric;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;

class SlowWorkflowTest extends WorkflowRuleTestSupport {

    /** A billing system with a nightly batch, as another team would configure it. */
    private static final String BILLING = "acme-billing";
    private static final String INVOICE_RUN = "invoice_run";
    private static final SystemWorkflow INVOICE_BATCH = workflow(BILLING, INVOICE_RUN, "batch");

    @Override
    protected List<String> ruleFiles() {
        return List.of("workflow/SlowWorkflow.drl");
    }

    private Alert invoiceRunSlowAlert() {
        return alert("BatchDurationHigh", BILLING, "workflow", INVOICE_RUN);
    }

    // --- recognising the problem -------------------------------------------------------

    @Test
    void shouldDeriveWorkflowSlowFromALatencyAlertLabelledWithAConfiguredWorkflow() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert());
        fire();
        // the words read "batch duration" as slow work; the label says which workflow
        assertFired("Latency alert about a workflow shows the workflow slow");
        assertThat(workflowSymptoms()).singleElement().satisfies(s -> {
            assertThat(s.getSystem()).isEqualTo(BILLING);
            assertThat(s.getComponent()).isEqualTo(INVOICE_RUN);
            assertThat(s.isInferred()).isTrue();
        });
        // the reading's own symptom stays beside it
        assertThat(symptomCodes()).containsExactly("SLOW_RESPONSE", "WORKFLOW_SLOW");
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldReadAWorkflowAlertNamedForSlownessThatNothingElseReads() {
        insert(INVOICE_BATCH, alert("InvoiceRunRunningTooLong", BILLING, "workflow", INVOICE_RUN));
        fire();
        assertThat(derived(AlertReading.class)).isEmpty();
        assertFired("Alert about a workflow named for slowness shows the workflow slow");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getCode()).isEqualTo("WORKFLOW_SLOW");
            assertThat(s.getComponent()).isEqualTo(INVOICE_RUN);
        });
        // the workflow rules read it: no question what kind of failure it reports
        assertThat(questionCodes()).doesNotContain("FAILURE_KIND");
    }

    @Test
    void shouldDeriveWorkflowSlowFromAnAlertWhoseNameContainsTheWorkflowCode() {
        insert(INVOICE_BATCH, alert("InvoiceRunSlow", BILLING));
        fire();
        assertThat(workflowSymptoms()).singleElement().satisfies(s -> assertThat(s.getComponent()).isEqualTo(INVOICE_RUN));
    }

    @Test
    void shouldMarkAWorkflowSymptomReadFromTheWordsInferred() {
        insert(INVOICE_BATCH, alert("InvoiceP95High", BILLING, "workflow", INVOICE_RUN));
        fire();
        assertThat(derived(AlertReading.class)).singleElement()
                .satisfies(r -> assertThat(r.getSource()).isEqualTo(AlertReading.WORDS));
        assertFired("Latency alert about a workflow shows the workflow slow");
        assertThat(workflowSymptoms()).singleElement().satisfies(s -> assertThat(s.isInferred()).isTrue());
        // the inferred symptom alone still gives the priors (the assembler counts them for less)
        assertThat(confidence("SLOW_DATABASE_QUERY")).isEqualTo(0.35);
    }

    @Test
    void shouldMarkAWorkflowSymptomReadFromTheCatalogObserved() {
        insert(INVOICE_BATCH, alert("HttpServerRequestsLatencyHigh", BILLING, "workflow", INVOICE_RUN));
        fire();
        assertThat(derived(AlertReading.class)).singleElement()
                .satisfies(r -> assertThat(r.getSource()).isEqualTo(AlertReading.CATALOG));
        assertThat(workflowSymptoms()).singleElement().satisfies(s -> assertThat(s.isInferred()).isFalse());
    }

    @Test
    void shouldPreferTheObservedSymptomOverTheInferredOneForTheSameWorkflow() {
        insert(INVOICE_BATCH, alert("InvoiceP95High", BILLING, "workflow", INVOICE_RUN),
                metric(BILLING, "response_time_p95_ms", 14000, "workflow", INVOICE_RUN));
        fire();
        assertThat(workflowSymptoms()).extracting(Symptom::isInferred).containsExactlyInAnyOrder(true, false);
        // one prior per cause, resting on the observed symptom
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("SLOW_DATABASE_QUERY")).hasSize(1);
    }

    @Test
    void shouldNotReadAnAlertWhoseReadingReportsSomethingElseAsSlow() {
        // "Slow" in the name, but its reading says errors
        insert(INVOICE_BATCH, alert("InvoiceRunSlowErrors", BILLING, "workflow", INVOICE_RUN));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_ERROR_RATE");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldDeriveWorkflowSlowFromP95OverFiveSecondsAndThreeForALogin() {
        insert(INVOICE_BATCH, workflow(BILLING, "portal_sign_in", "login"),
                metric(BILLING, "response_time_p95_ms", 4000, "workflow", INVOICE_RUN),
                metric(BILLING, "response_time_p95_ms", 3400, "workflow", "portal_sign_in"));
        fire();
        assertThat(symptoms()).singleElement().satisfies(s -> assertThat(s.getComponent()).isEqualTo("portal_sign_in"));
        insert(metric(BILLING, "response_time_p95_ms", 9000, "workflow", INVOICE_RUN));
        fire();
        assertThat(symptoms()).extracting(s -> s.getComponent()).containsExactlyInAnyOrder("portal_sign_in", INVOICE_RUN);
    }

    @Test
    void shouldDeriveOneSymptomFromSeveralSlowTracesAndAnAlert() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 9000, 7000, 200),
                trace(BILLING, INVOICE_RUN, 8000, 6000, 100));
        fire();
        assertFired("Workflow trace over its threshold shows the workflow slow");
        // one observed symptom from the traces (beside the one the alert's words suggest)
        assertThat(workflowSymptoms()).filteredOn(s -> !s.isInferred()).hasSize(1);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("NETWORK_LATENCY")).hasSize(1);
    }

    @Test
    void shouldNotReadFailedTracesAsSlowWork() {
        // requests that hung until they failed are a failure, told apart by the failing workflow rules
        insert(INVOICE_BATCH, failedTrace(BILLING, INVOICE_RUN, 30000, 0, 0), failedTrace(BILLING, INVOICE_RUN, 31000, 0, 0));
        fire();
        assertNotFired("Workflow trace over its threshold shows the workflow slow");
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldNotCountFailedTracesAsApplicationTimeOfASlowWorkflow() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(), failedTrace(BILLING, INVOICE_RUN, 30000, 0, 0),
                componentMetric(BILLING, "billing-app-1", "cpu_utilization", 0.97));
        fire();
        assertNotFired("Slow workflow traces with application time dominant and hosts at high CPU or memory suggest a resource bottleneck",
                "Slow workflow traces with application time dominant suggest a resource bottleneck");
        assertFired("High CPU or memory during a slow workflow suggests a resource bottleneck");
        assertThat(groupsVotingFor("SERVER_RESOURCE_BOTTLENECK")).containsExactly("high-cpu-or-memory-symptom", "symptom-prior");
    }

    @Test
    void shouldDeriveNothingFromHealthyUnrelatedOrUnconfiguredSignals() {
        Alert resolved = new Alert(99, "BatchDurationHigh", BILLING, "", "warning", "resolved",
                Map.of("workflow", INVOICE_RUN), Map.of(), Instant.parse("2026-11-20T09:00:00Z"),
                Instant.parse("2026-11-20T09:30:00Z"), "fp", 60);
        insert(INVOICE_BATCH, resolved,
                alert("BatchDurationHigh", "other-system", "workflow", INVOICE_RUN),
                alert("InvoiceRunDown", BILLING),
                alert("BatchDurationHigh", BILLING, "workflow", "unknown_flow"),
                metric(BILLING, "response_time_p95_ms", 1200, "workflow", INVOICE_RUN),
                metric(BILLING, "response_time_p95_ms", 9000, "workflow", "unknown_flow"),
                metric(BILLING, "workflow_success_rate", 0.5, "workflow", INVOICE_RUN),
                trace(BILLING, INVOICE_RUN, 3000, 2500, 100),
                trace(BILLING, "", 9000, 8000, 100),
                finding(BILLING, "SLOW_QUERY"));
        fire();
        assertThat(workflowSymptoms()).isEmpty();
        // what the alerts' words say of their systems, no more
        assertThat(symptoms()).extracting(s -> s.getCode() + " " + s.getSystem()).containsExactlyInAnyOrder(
                "SLOW_RESPONSE other-system", "SLOW_RESPONSE " + BILLING, "SERVICE_DOWN " + BILLING);
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        // 11 inputs + 4 alert readings + 3 symptoms
        assertThat(workingMemorySize()).isEqualTo(18);
    }

    // --- the classic case: an inefficient query -------------------------------------------

    @Test
    void shouldRankSlowQueryFirstWhenDatabaseTimeDominatesTheBatchTraces() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 10100, 300),
                trace(BILLING, INVOICE_RUN, 11000, 9000, 400),
                trace(BILLING, INVOICE_RUN, 9500, 7200, 300));
        fire();
        assertFired("Slow workflow traces with database time dominant suggest an inefficient query");
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isGreaterThanOrEqualTo(0.8);
        assertThat(rankedCauses()).contains("NETWORK_LATENCY", "SERVER_RESOURCE_BOTTLENECK");
        assertThat(groupsVotingFor("SLOW_DATABASE_QUERY")).containsExactly("db-time-dominant-traces", "symptom-prior");
        assertThat(recommendedPlaybooks("SLOW_DATABASE_QUERY")).containsExactly("QUERY_OPTIMISATION");
        assertThat(questionCodes()).containsExactly("SLOW_QUERY_LOG");
        // 5 inputs + the alert's reading + 3 symptoms (SLOW_RESPONSE and WORKFLOW_SLOW from the
        // alert's words, WORKFLOW_SLOW from the traces) + 3 priors + 1 vote + 1 playbook + 1 question
        assertThat(workingMemorySize()).isEqualTo(15);
    }

    @Test
    void shouldStrengthenSlowQueryWithSlowQueryFindingsAndAnswers() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 10100, 300),
                finding(BILLING, "SLOW_QUERY"), finding(BILLING, "SLOW_QUERY"));
        fire();
        assertFired("Slow query log findings during a slow workflow suggest an inefficient query");
        double withLog = confidence("SLOW_DATABASE_QUERY");
        insert(answer("SLOW_QUERY_LOG", "yes"), answer("DATA_VOLUME_GROWTH", "yes"));
        fire();
        assertThat(confidence("SLOW_DATABASE_QUERY")).isGreaterThan(withLog).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldPushSlowQueryDownWhenTheSlowQueryLogIsClean() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(), trace(BILLING, INVOICE_RUN, 12000, 10100, 300));
        fire();
        double before = confidence("SLOW_DATABASE_QUERY");
        assertThat(questionCodes()).contains("SLOW_QUERY_LOG");
        insert(answer("SLOW_QUERY_LOG", "no"));
        fire();
        assertFired("Clean slow query log during a slow workflow speaks against an inefficient query");
        assertThat(questionCodes()).doesNotContain("SLOW_QUERY_LOG");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isLessThan(before).isLessThan(0.5);
    }

    // --- alternative: network latency -----------------------------------------------------

    @Test
    void shouldRankNetworkLatencyFirstWhenBatchTimeIsSpreadAndTheNetworkTimesOut() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 4600, 4900),
                trace(BILLING, INVOICE_RUN, 10500, 4000, 4200),
                finding(BILLING, "NETWORK_TIMEOUT"),
                metric(BILLING, "network_rtt_ms", 180, "target", "billing-db"));
        fire();
        assertFired("Slow workflow traces with time spread over database and external calls plus network errors suggest network latency",
                "Network timeout or reset findings during a slow workflow suggest network latency",
                "High network round trip during a slow workflow suggests network latency");
        assertNotFired("Slow workflow traces with database time dominant suggest an inefficient query");
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        assertThat(confidence("NETWORK_LATENCY")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("NETWORK_LATENCY")).containsExactly("NETWORK_LATENCY_INVESTIGATION");
        assertThat(questionCodes()).contains("NETWORK_PATH_HEALTHY").doesNotContain("SLOW_QUERY_LOG");
    }

    @Test
    void shouldNotCountALockTimeoutAsANetworkTimeout() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 4600, 4900),
                finding(BILLING, "DB_LOCK_TIMEOUT"));
        fire();
        assertNotFired("Network timeout or reset findings during a slow workflow suggest network latency",
                "Slow workflow traces with time spread over database and external calls plus network errors suggest network latency");
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.2);
    }

    @Test
    void shouldSuggestNetworkLatencyWhenExternalTimeDominatesTheTraces() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 10000, 1500, 7000),
                trace(BILLING, INVOICE_RUN, 9000, 1000, 6500));
        fire();
        assertFired("Slow workflow traces with external call time dominant suggest network latency");
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        assertThat(questionCodes()).contains("NETWORK_PATH_HEALTHY");
    }

    @Test
    void shouldPushNetworkLatencyDownWhenTheNetworkPathIsHealthy() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 4600, 4900),
                finding(BILLING, "CONNECTION_RESET"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        insert(answer("NETWORK_PATH_HEALTHY", "yes"));
        fire();
        assertThat(questionCodes()).doesNotContain("NETWORK_PATH_HEALTHY");
        assertThat(confidence("NETWORK_LATENCY")).isLessThan(0.1);
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
    }

    // --- alternative: server resource bottleneck -------------------------------------------

    @Test
    void shouldRankResourceBottleneckFirstWhenAppTimeDominatesAndCpuIsSaturated() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 1200, 300),
                trace(BILLING, INVOICE_RUN, 11000, 1000, 200),
                componentMetric(BILLING, "billing-app-1", "cpu_utilization", 0.97));
        fire();
        assertFired("Slow workflow traces with application time dominant and hosts at high CPU or memory suggest a resource bottleneck");
        assertNotFired("Slow workflow traces with application time dominant suggest a resource bottleneck",
                "High CPU or memory during a slow workflow suggests a resource bottleneck");
        assertThat(rankedCauses()).first().isEqualTo("SERVER_RESOURCE_BOTTLENECK");
        // must outrank a generic CPU_SATURATION vote of at most 0.5, even two of them
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isGreaterThan(0.8);
        assertThat(recommendedPlaybooks("SERVER_RESOURCE_BOTTLENECK")).containsExactly("CAPACITY_SCALE_OUT");
        assertThat(questionCodes()).contains("HOST_RESOURCES_HIGH");
    }

    @Test
    void shouldGiveAppDominantTracesAloneOnlyAModerateBottleneckVote() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(), trace(BILLING, INVOICE_RUN, 12000, 1200, 300));
        fire();
        assertFired("Slow workflow traces with application time dominant suggest a resource bottleneck");
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isBetween(0.4, 0.6);
        insert(answer("HOST_RESOURCES_HIGH", "yes"));
        fire();
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isGreaterThan(0.7);
        assertThat(questionCodes()).doesNotContain("HOST_RESOURCES_HIGH");
    }

    @Test
    void shouldPushResourceBottleneckDownWhenHostResourcesAreNormal() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(),
                trace(BILLING, INVOICE_RUN, 12000, 1200, 300),
                metric(BILLING, "memory_utilization", 0.93));
        fire();
        double before = confidence("SERVER_RESOURCE_BOTTLENECK");
        insert(answer("HOST_RESOURCES_HIGH", "no"));
        fire();
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isLessThan(before).isLessThan(0.1);
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
    }

    // --- answers alone move the ranking -----------------------------------------------------

    @Test
    void shouldAskAllThreeQuestionsWhenOnlyAnAlertIsKnownAndLetAnswersDecide() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert());
        fire();
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
        assertThat(questionCodes()).containsExactly("HOST_RESOURCES_HIGH", "NETWORK_PATH_HEALTHY", "SLOW_QUERY_LOG");

        Answer noSlowQueries = answer("SLOW_QUERY_LOG", "no");
        insert(noSlowQueries, answer("HOST_RESOURCES_HIGH", "yes"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("SERVER_RESOURCE_BOTTLENECK");
        assertThat(questionCodes()).containsExactly("NETWORK_PATH_HEALTHY");
    }

    @Test
    void shouldMoveNetworkLatencyFirstWhenTheAnalystSeesAnUnhealthyPath() {
        insert(INVOICE_BATCH, invoiceRunSlowAlert(), answer("NETWORK_PATH_HEALTHY", "no"),
                answer("SLOW_QUERY_LOG", "no"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        assertThat(recommendedPlaybooks("NETWORK_LATENCY")).containsExactly("NETWORK_LATENCY_INVESTIGATION");
    }

    @Test
    void shouldDeriveNoCauseFromAnswersOrFindingsWithoutTheSymptom() {
        insert(INVOICE_BATCH, answer("SLOW_QUERY_LOG", "yes"), answer("HOST_RESOURCES_HIGH", "yes"),
                answer("NETWORK_PATH_HEALTHY", "no"), metric(BILLING, "cpu_utilization", 0.99),
                finding(BILLING, "NETWORK_TIMEOUT"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(6);
    }

    // --- the same rules serve any system and kind -------------------------------------------

    @Test
    void shouldDiagnoseATransactionWorkflowOfAnotherSystemTheSameWay() {
        insert(workflow("northwind-shop", "checkout", "transaction"),
                metric("northwind-shop", "response_time_p95_ms", 8000, "workflow", "checkout"),
                trace("northwind-shop", "checkout", 7000, 5600, 100));
        fire();
        assertThat(symptoms()).singleElement().satisfies(s -> assertThat(s.getSystem()).isEqualTo("northwind-shop"));
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
    }

    @Test
    void shouldLeaveExternalTimeOfASlowLoginToTheLoginRulesAndGiveNoPriors() {
        insert(workflow("campus-hub", "sign_in", "login"),
                trace("campus-hub", "sign_in", 5200, 150, 4300),
                trace("campus-hub", "sign_in", 4800, 120, 4000));
        fire();
        assertThat(symptomCodes()).containsExactly("WORKFLOW_SLOW");
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldStillSeeDatabaseTimeInASlowLogin() {
        insert(workflow("campus-hub", "sign_in", "login"),
                trace("campus-hub", "sign_in", 4200, 3600, 100));
        fire();
        assertThat(rankedCauses()).containsExactly("SLOW_DATABASE_QUERY");
        assertThat(questionCodes()).containsExactly("SLOW_QUERY_LOG");
    }

    private List<Symptom> workflowSymptoms() {
        return symptoms().stream().filter(s -> s.getCode().equals("WORKFLOW_SLOW")).toList();
    }
}
