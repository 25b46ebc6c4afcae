package com.saypro.triage.rules.monitoring;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.componentMetric;
import static com.saypro.triage.rules.FactMother.metric;
import static com.saypro.triage.rules.FactMother.trace;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class SymptomsTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("monitoring/Symptoms.drl");
    }

    private Symptom only(String code) {
        List<Symptom> found = symptoms().stream().filter(s -> s.getCode().equals(code)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Alert resolved(String name, String system) {
        return new Alert(999, name, system, "", "critical", "resolved", Map.of("alertname", name), Map.of(),
                Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:30:00Z"), "fp-resolved", 60);
    }

    // ---------------------------------------------------------------- SERVICE_DOWN

    @Test
    void shouldDeriveServiceDownWhenAvailabilityIsZero() {
        insert(componentMetric("lms", "web", "availability", 0));
        fire();
        assertFired("Availability metric at zero shows the service down");
        Symptom down = only("SERVICE_DOWN");
        assertThat(down.getSystem()).isEqualTo("lms");
        assertThat(down.getComponent()).isEqualTo("web");
        assertThat(down.getDetail()).contains("availability is 0");
    }

    @Test
    void shouldDeriveNothingWhenAvailabilityIsOne() {
        insert(metric("lms", "availability", 1));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(1);
    }

    @Test
    void shouldDeriveServiceDownFromUpStyleAlerts() {
        List<String> names = List.of("TargetDown", "InstanceDown", "PrometheusTargetMissing", "PrometheusExporterDown");
        for (String name : names) {
            insert(alert(name, "lms", "job", "lms-app", "instance", name));
        }
        fire();
        assertThat(symptoms()).extracting(Symptom::getCode).containsOnly("SERVICE_DOWN");
        assertThat(symptoms()).extracting(Symptom::getComponent).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void shouldReadAnAlertTheCatalogDoesNotKnowFromItsWords() {
        insert(alert("LmsDown", "lms"));
        fire();
        Symptom down = only("SERVICE_DOWN");
        assertThat(down.isInferred()).isTrue();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldDeriveNoSymptomFromAnAlertNothingRecognises() {
        insert(alert("EnrolmentNotice", "lms"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(questionCodes()).containsExactly("FAILURE_KIND");
    }

    @Test
    void shouldReadNodeExporterDatabaseAndPingAlertsAsTheirOwnSymptomsNotAsServiceDown() {
        insert(alert("TargetDown", "rms", "job", "node"),
                alert("InstanceDown", "rms", "job", "node-exporter"),
                alert("MySQLInstanceDown", "rms", "job", "mysqld"),
                alert("HostDown", "rms"),
                alert("BlackboxProbeFailed", "rms", "module", "icmp", "instance", "10.0.3.7"),
                alert("NodeFilesystemAlmostOutOfSpace", "rms", "job", "node", "mountpoint", "/var"));
        fire();
        assertThat(symptomCodes()).containsExactly("DB_DOWN", "DISK_FULL", "HOST_UNREACHABLE");
    }

    @Test
    void shouldIgnoreResolvedDownAlerts() {
        insert(resolved("TargetDown", "lms"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(firedRules).isEmpty();
    }

    // ---------------------------------------------------------------- HIGH_ERROR_RATE

    @Test
    void shouldDeriveHighErrorRateAboveFivePercentWithReadableDetail() {
        insert(metric("rms", "error_rate", 0.12));
        fire();
        assertFired("Error rate metric above five percent shows a high error rate");
        assertThat(only("HIGH_ERROR_RATE").getDetail()).isEqualTo("error rate 12.0% (threshold 5%)");
    }

    @Test
    void shouldNotDeriveHighErrorRateAtOrBelowFivePercent() {
        insert(metric("rms", "error_rate", 0.05), metric("rms", "error_rate", 0.01));
        fire();
        assertThat(symptoms()).isEmpty();
    }

    @Test
    void shouldDeriveHighErrorRateFromErrorRateAnd5xxAlerts() {
        for (String name : List.of("NginxHighHttp5xxErrorRate", "HaproxyHighHttp5xxErrorRateBackend",
                "SpringBootHttp5xxErrorRate", "KubeAPIErrorsHigh")) {
            insert(alert(name, "lms", "component", name));
        }
        fire();
        assertThat(symptoms()).hasSize(4).extracting(Symptom::getCode).containsOnly("HIGH_ERROR_RATE");
    }

    @Test
    void shouldNotTreatClientErrorOrNetworkErrorAlertsAsHighErrorRate() {
        insert(alert("NginxHighHttp4xxErrorRate", "lms"), alert("HostNetworkReceiveErrors", "lms"));
        fire();
        assertThat(symptomCodes()).doesNotContain("HIGH_ERROR_RATE");
    }

    // ---------------------------------------------------------------- SLOW_RESPONSE

    @Test
    void shouldDeriveSlowResponseWhenP95IsAboveFiveSeconds() {
        insert(metric("rms", "response_time_p95_ms", 7200));
        fire();
        assertThat(only("SLOW_RESPONSE").getDetail()).isEqualTo("p95 response time 7200 ms (threshold 5000 ms)");
    }

    @Test
    void shouldNotDeriveSlowResponseAtFiveSeconds() {
        insert(metric("rms", "response_time_p95_ms", 5000));
        fire();
        assertThat(symptoms()).isEmpty();
    }

    @Test
    void shouldDeriveSlowResponseFromLatencyAlerts() {
        for (String name : List.of("NginxLatencyHigh", "HaproxyHttpSlowingDown", "SpringBootHighLatency",
                "ApacheResponseTimeTooHigh")) {
            insert(alert(name, "lms", "component", name));
        }
        fire();
        assertThat(symptoms()).hasSize(4).extracting(Symptom::getCode).containsOnly("SLOW_RESPONSE");
    }

    @Test
    void shouldNotTreatNetworkOrDiskLatencyAlertsAsSlowResponses() {
        insert(alert("BlackboxProbeSlowPing", "rms"), alert("HostUnusualDiskReadLatency", "rms"),
                alert("MysqlSlaveReplicationLag", "rms"));
        fire();
        assertThat(symptomCodes()).containsExactly("DB_REPLICATION_LAG", "DISK_IO_HIGH", "NETWORK_ERRORS");
    }

    @Test
    void shouldDeriveSlowResponseForTraceOverFiveSeconds() {
        insert(trace("rms", "POST /royalties/run", 8000, 1000, 500));
        fire();
        Symptom slow = only("SLOW_RESPONSE");
        assertThat(slow.getComponent()).isEqualTo("POST /royalties/run");
        assertThat(slow.getDetail()).contains("8000 ms");
    }

    // ---------------------------------------------------------------- WORKFLOW_FAILING

    @Test
    void shouldDeriveWorkflowFailingPerWorkflowBelowNinetyPercent() {
        insert(metric("lms", "workflow_success_rate", 0.62, "workflow", "course_registration"),
                metric("lms", "workflow_success_rate", 0.99, "workflow", "login"));
        fire();
        Symptom failing = only("WORKFLOW_FAILING");
        assertThat(failing.getComponent()).isEqualTo("course_registration");
        assertThat(failing.getDetail()).contains("62.0%").contains("90%");
    }

    @Test
    void shouldLeaveAlertsAboutAWorkflowToTheWorkflowRules() {
        insert(alert("WorkflowFailing", "lms", "workflow", "login"),
                alert("CourseRegistrationFailures", "lms", "workflow", "course_registration"));
        fire();
        // workflow/FailingWorkflow.drl reads them with the system's workflows; here only their readings count
        assertThat(symptomCodes()).doesNotContain("WORKFLOW_FAILING");
    }

    // ---------------------------------------------------------------- trace breakdown

    @Test
    void shouldDeriveSlowDbTimeWhenTheDatabaseDominatesASlowTrace() {
        insert(trace("rms", "RoyaltyBatch", 4000, 3200, 100));
        fire();
        assertThat(symptomCodes()).containsExactly("SLOW_DB_TIME");
        assertThat(only("SLOW_DB_TIME").getDetail()).contains("80.0%").contains("4000 ms");
        assertThat(only("SLOW_DB_TIME").getComponent()).isEqualTo("RoyaltyBatch");
    }

    @Test
    void shouldDeriveSlowExternalTimeWhenExternalCallsDominate() {
        insert(trace("lms", "POST /login", 3000, 100, 2500));
        fire();
        assertThat(symptomCodes()).containsExactly("SLOW_EXTERNAL_TIME");
    }

    @Test
    void shouldDeriveSlowAppTimeAndSlowResponseForASlowTraceSpentInTheApplication() {
        insert(trace("lms", "GET /courses", 6000, 500, 500));
        fire();
        assertThat(symptomCodes()).containsExactly("SLOW_APP_TIME", "SLOW_RESPONSE");
    }

    @Test
    void shouldDeriveNoBreakdownForFastOrMixedTraces() {
        insert(trace("lms", "GET /fast", 1500, 1400, 0), trace("lms", "GET /mixed", 3000, 1000, 1000));
        fire();
        assertThat(symptoms()).isEmpty();
    }

    @Test
    void shouldKeepOneSymptomForRepeatedSamplesOfTheSameMetric() {
        insert(metric("rms", "error_rate", 0.2), metric("rms", "error_rate", 0.3), metric("rms", "error_rate", 0.4));
        fire();
        assertThat(symptoms()).hasSize(1);
        assertThat(workingMemorySize()).isEqualTo(4);
    }
}
