package com.saypro.triage.rules.rms;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.alertWithAnnotations;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.componentMetric;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static com.saypro.triage.rules.FactMother.trace;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.rules.RuleFileTestSupport;

class RoyaltyProcessingTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("rms/RoyaltyProcessing.drl");
    }

    // --- recognising the problem -------------------------------------------------------

    @Test
    void shouldDeriveRoyaltySlowFromRoyaltyPaymentProcessingSlowAlert() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms", "workflow", "royalty_payment"));
        fire();
        assertFired("Royalty processing alert on RMS shows royalty processing slow");
        assertThat(symptomCodes()).containsExactly("ROYALTY_PROCESSING_SLOW");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getSystem()).isEqualTo("rms");
            assertThat(s.getComponent()).isEqualTo("royalty_payment");
        });
    }

    @Test
    void shouldDeriveRoyaltySlowFromAnyRmsAlertWhoseAnnotationMentionsRoyalties() {
        insert(alertWithAnnotations("BatchJobDurationHigh", "rms",
                Map.of("summary", "Nightly Royalty statement job is running long")));
        fire();
        assertThat(symptomCodes()).containsExactly("ROYALTY_PROCESSING_SLOW");
    }

    @Test
    void shouldDeriveRoyaltySlowFromSlowRoyaltyWorkflowMetric() {
        insert(metric("rms", "response_time_p95_ms", 9000, "workflow", "royalty_payment"));
        fire();
        assertFired("Royalty payment p95 response time over 5 s shows royalty processing slow");
        assertThat(symptomCodes()).containsExactly("ROYALTY_PROCESSING_SLOW");
    }

    @Test
    void shouldDeriveRoyaltySlowFromLowRoyaltyWorkflowSuccessRate() {
        insert(metric("rms", "workflow_success_rate", 0.7, "workflow", "royalty_payment"));
        fire();
        assertFired("Royalty payment success rate below 90 percent shows royalty processing slow");
        assertThat(symptomCodes()).containsExactly("ROYALTY_PROCESSING_SLOW");
    }

    @Test
    void shouldDeriveOneSymptomFromSeveralSlowRoyaltyTracesAndAnAlert() {
        insert(alert("RoyaltyBatchSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 9000, 7000, 200),
                trace("rms", "royalty-statement-export", 8000, 6000, 100));
        fire();
        assertThat(symptoms()).hasSize(1);
        // One prior per cause even with three roads to the symptom.
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("NETWORK_LATENCY")).hasSize(1);
    }

    @Test
    void shouldDeriveNothingFromHealthyOrUnrelatedSignals() {
        Alert resolved = new Alert(99, "RoyaltyPaymentProcessingSlow", "rms", "", "warning", "resolved",
                Map.of("workflow", "royalty_payment"), Map.of(), Instant.parse("2026-11-20T09:00:00Z"),
                Instant.parse("2026-11-20T09:30:00Z"), "fp", 60);
        insert(resolved,
                alert("RoyaltyPaymentProcessingSlow", "lms"),
                alert("RoyaltyServiceDown", "rms"),
                metric("rms", "response_time_p95_ms", 1200, "workflow", "royalty_payment"),
                metric("rms", "workflow_success_rate", 0.99, "workflow", "royalty_payment"),
                metric("rms", "response_time_p95_ms", 9000, "workflow", "login"),
                trace("rms", "RoyaltyPaymentBatch", 3000, 2500, 100),
                trace("rms", "InvoiceExport", 9000, 8000, 100),
                log("rms", "WARN", "slow query: Query_time: 12.1"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(9);
    }

    // --- the classic case: an inefficient query -------------------------------------------

    @Test
    void shouldRankSlowQueryFirstWhenDatabaseTimeDominatesTheRoyaltyTraces() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms", "workflow", "royalty_payment"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 10100, 300),
                trace("rms", "RoyaltyPaymentBatch", 11000, 9000, 400),
                trace("rms", "RoyaltyPaymentBatch", 9500, 7200, 300));
        fire();
        assertFired("Slow royalty traces with database time dominant suggest an inefficient query");
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isGreaterThanOrEqualTo(0.8);
        assertThat(rankedCauses()).contains("NETWORK_LATENCY", "SERVER_RESOURCE_BOTTLENECK");
        assertThat(recommendedPlaybooks("SLOW_DATABASE_QUERY")).containsExactly("QUERY_OPTIMISATION");
        assertThat(questionCodes()).containsExactly("SLOW_QUERY_LOG");
        // 4 inputs + 1 symptom + 3 priors + 1 vote + 1 playbook + 1 question
        assertThat(workingMemorySize()).isEqualTo(11);
    }

    @Test
    void shouldStrengthenSlowQueryWithSlowQueryLogLinesAndAnswers() {
        insert(alert("RoyaltyBatchSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 10100, 300),
                log("rms", "WARN", "# Query_time: 11.84  Lock_time: 0.00 Rows_sent: 1  Rows_examined: 4812993"));
        fire();
        double withLog = confidence("SLOW_DATABASE_QUERY");
        assertFired("Slow query log lines during slow royalty processing suggest an inefficient query");
        insert(answer("SLOW_QUERY_LOG", "yes"), answer("DATA_VOLUME_GROWTH", "yes"));
        fire();
        assertThat(confidence("SLOW_DATABASE_QUERY")).isGreaterThan(withLog).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldWithdrawSlowQueryLogQuestionWhenAnswered() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 10100, 300));
        fire();
        assertThat(questionCodes()).contains("SLOW_QUERY_LOG");
        insert(answer("SLOW_QUERY_LOG", "yes"));
        fire();
        assertThat(questionCodes()).doesNotContain("SLOW_QUERY_LOG");
    }

    @Test
    void shouldLowerSlowQueryWhenTheSlowQueryLogIsClean() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 10100, 300));
        fire();
        double before = confidence("SLOW_DATABASE_QUERY");
        insert(answer("SLOW_QUERY_LOG", "no"));
        fire();
        assertFired("Clean slow query log speaks against an inefficient query");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isLessThan(before).isLessThan(0.5);
    }

    // --- alternative: network latency -----------------------------------------------------

    @Test
    void shouldRankNetworkLatencyFirstWhenRoyaltyTimeIsSpreadAndTheNetworkTimesOut() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 4600, 4900),
                trace("rms", "RoyaltyPaymentBatch", 10500, 4000, 4200),
                log("rms", "ERROR", "java.net.SocketTimeoutException: Read timed out"),
                metric("rms", "network_rtt_ms", 180, "target", "rms-db"));
        fire();
        assertFired("Slow royalty traces with time spread over database and external calls plus network timeouts suggest network latency",
                "Network timeouts in RMS logs during slow royalty processing suggest network latency",
                "High network round trip from RMS during slow royalty processing suggests network latency");
        assertNotFired("Slow royalty traces with database time dominant suggest an inefficient query");
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        assertThat(confidence("NETWORK_LATENCY")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("NETWORK_LATENCY")).containsExactly("NETWORK_LATENCY_INVESTIGATION");
        assertThat(questionCodes()).contains("NETWORK_PATH_HEALTHY").doesNotContain("SLOW_QUERY_LOG");
    }

    @Test
    void shouldNotCountSpreadTracesAsNetworkLatencyWithoutTimeoutsOrHighRoundTrip() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 4600, 4900));
        fire();
        assertNotFired("Slow royalty traces with time spread over database and external calls plus network timeouts suggest network latency");
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.2);
    }

    @Test
    void shouldSuggestNetworkLatencyWhenExternalTimeDominatesTheRoyaltyTraces() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 10000, 1500, 7000),
                trace("rms", "RoyaltyPaymentBatch", 9000, 1000, 6500));
        fire();
        assertFired("Slow royalty traces with external call time dominant suggest network latency");
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
    }

    @Test
    void shouldRuleNetworkLatencyOutWhenTheNetworkPathIsHealthy() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 4600, 4900),
                log("rms", "ERROR", "java.net.SocketTimeoutException: Read timed out"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        assertThat(questionCodes()).contains("NETWORK_PATH_HEALTHY");
        insert(answer("NETWORK_PATH_HEALTHY", "yes"));
        fire();
        assertThat(questionCodes()).doesNotContain("NETWORK_PATH_HEALTHY");
        assertThat(confidence("NETWORK_LATENCY")).isLessThan(0.1);
        assertThat(rankedCauses()).first().isEqualTo("SLOW_DATABASE_QUERY");
    }

    // --- alternative: server resource bottleneck -------------------------------------------

    @Test
    void shouldRankResourceBottleneckFirstWhenAppTimeDominatesAndCpuIsSaturated() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 1200, 300),
                trace("rms", "RoyaltyPaymentBatch", 11000, 1000, 200),
                componentMetric("rms", "rms-app-1", "cpu_utilization", 0.97));
        fire();
        assertFired("Slow royalty traces with application time dominant and RMS hosts at high CPU or memory suggest a resource bottleneck");
        assertNotFired("Slow royalty traces with application time dominant suggest a resource bottleneck",
                "High CPU or memory on RMS during slow royalty processing suggests a resource bottleneck");
        assertThat(rankedCauses()).first().isEqualTo("SERVER_RESOURCE_BOTTLENECK");
        // must outrank a generic CPU_SATURATION vote of at most 0.5, even two of them
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isGreaterThan(0.8);
        assertThat(recommendedPlaybooks("SERVER_RESOURCE_BOTTLENECK")).containsExactly("CAPACITY_SCALE_OUT");
        assertThat(questionCodes()).contains("HOST_RESOURCES_HIGH");
    }

    @Test
    void shouldGiveAppDominantTracesAloneOnlyAModerateBottleneckVote() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 1200, 300));
        fire();
        assertFired("Slow royalty traces with application time dominant suggest a resource bottleneck");
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isBetween(0.4, 0.6);
        insert(answer("HOST_RESOURCES_HIGH", "yes"));
        fire();
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isGreaterThan(0.7);
        assertThat(questionCodes()).doesNotContain("HOST_RESOURCES_HIGH");
    }

    @Test
    void shouldCounterResourceBottleneckWhenHostResourcesAreNormal() {
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"),
                trace("rms", "RoyaltyPaymentBatch", 12000, 1200, 300),
                metric("rms", "memory_utilization", 0.93));
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
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"));
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
        insert(alert("RoyaltyPaymentProcessingSlow", "rms"), answer("NETWORK_PATH_HEALTHY", "no"),
                answer("SLOW_QUERY_LOG", "no"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("NETWORK_LATENCY");
        assertThat(recommendedPlaybooks("NETWORK_LATENCY")).containsExactly("NETWORK_LATENCY_INVESTIGATION");
    }

    @Test
    void shouldDeriveNoCauseFromAnswersWithoutTheSymptom() {
        insert(answer("SLOW_QUERY_LOG", "yes"), answer("HOST_RESOURCES_HIGH", "yes"),
                answer("NETWORK_PATH_HEALTHY", "no"), metric("rms", "cpu_utilization", 0.99));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(4);
    }
}
