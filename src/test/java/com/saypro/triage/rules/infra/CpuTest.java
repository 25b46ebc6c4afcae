package com.saypro.triage.rules.infra;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class CpuTest extends RuleFileTestSupport {

    private static long ids = 10_000;

    @Override
    protected List<String> ruleFiles() {
        return List.of("infra/Cpu.drl");
    }

    private static MetricSample rate(String system, String metric, double value, long minutesBefore) {
        return new MetricSample(ids++, system, "", metric, value, "req/s",
                Instant.parse("2026-11-20T10:00:00Z").minusSeconds(minutesBefore * 60), Map.of(), minutesBefore);
    }

    @Test
    void shouldGiveOnlyAModestCpuSaturationVoteForHighCpuAlone() {
        insert(alert("HostHighCpuLoad", "rms", "instance", "rms-app-1:9100"));
        fire();
        assertThat(symptoms()).containsExactly(new Symptom("HIGH_CPU", "rms", "", ""));
        assertThat(rankedCauses()).containsExactly("CPU_SATURATION");
        assertThat(confidence("CPU_SATURATION")).isLessThanOrEqualTo(0.5);
        assertThat(questionCodes()).containsExactly("TRAFFIC_ABOVE_NORMAL");
    }

    @Test
    void shouldRecogniseTheCommonCpuAlertNamesButNotIowaitOrThrottling() {
        List<String> names = List.of("HostHighCpuLoad", "NodeCPUHighUsage", "HostCpuStealNoisyNeighbor",
                "NodeSystemSaturation", "ContainerHighCpuUtilization", "WindowsServerCpuUsage");
        for (String name : names) {
            insert(alert(name, "lms", "component", name));
        }
        insert(alert("HostCpuHighIowait", "lms"), alert("HostCpuIsUnderutilized", "lms"),
                alert("CPUThrottlingHigh", "lms"));
        fire();
        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("HIGH_CPU")).extracting(Symptom::getComponent)
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(symptomCodes()).containsExactly("CPU_THROTTLED", "DISK_IO_HIGH", "HIGH_CPU");
    }

    @Test
    void shouldDeriveHighCpuFromUtilisationAtNinetyPercentButNotBelow() {
        insert(metric("rms", "cpu_utilization", 0.85));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
        insert(metric("rms", "cpu_utilization", 0.95));
        fire();
        assertThat(symptoms()).extracting(Symptom::getDetail).containsExactly("CPU 95.0% busy (threshold 90%)");
    }

    @Test
    void shouldSuggestServerResourceBottleneckWhenHighCpuComesWithSlowResponses() {
        insert(metric("rms", "cpu_utilization", 0.97), new Symptom("SLOW_RESPONSE", "rms", "royalty", "p95 8 s"));
        fire();
        assertFired("High CPU or memory with slow responses suggests a server resource bottleneck");
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.5);
        assertThat(questionCodes()).containsExactly("TRAFFIC_ABOVE_NORMAL");
    }

    @Test
    void shouldVoteOnceForABottleneckWithBothCpuAndMemoryHighAndSeveralSlowTransactions() {
        insert(new Symptom("HIGH_CPU", "rms", "app-1", "cpu"), new Symptom("HIGH_MEMORY", "rms", "app-1", "mem"),
                new Symptom("SLOW_RESPONSE", "rms", "a", "slow"), new Symptom("SLOW_RESPONSE", "rms", "b", "slow"));
        fire();
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("SERVER_RESOURCE_BOTTLENECK")).hasSize(1);
    }

    @Test
    void shouldNotSuggestABottleneckWhenSlownessIsOnAnotherSystem() {
        insert(new Symptom("HIGH_MEMORY", "rms", "app-1", "mem"), new Symptom("SLOW_RESPONSE", "lms", "", "slow"));
        fire();
        assertThat(rankedCauses()).doesNotContain("SERVER_RESOURCE_BOTTLENECK");
        assertThat(questionCodes()).containsExactly("HOST_RESOURCES_HIGH");
    }

    @Test
    void shouldAddToTheBottleneckWhenSlowTracesSpendTheirTimeInTheApplication() {
        insert(new Symptom("HIGH_CPU", "rms", "", "cpu"), new Symptom("SLOW_APP_TIME", "rms", "RoyaltyBatch", "app"),
                new Symptom("SLOW_RESPONSE", "rms", "RoyaltyBatch", "slow"));
        fire();
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.6);
    }

    @Test
    void shouldAskAboutHostResourcesForSlowResponsesWithoutResourceData() {
        insert(new Symptom("SLOW_RESPONSE", "rms", "royalty", "slow"));
        fire();
        assertThat(questionCodes()).containsExactly("HOST_RESOURCES_HIGH");
        assertThat(votes()).isEmpty();

        insert(answer("HOST_RESOURCES_HIGH", "yes"));
        fire();
        assertThat(questionCodes()).isEmpty();
        assertThat(confidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.45);
    }

    @Test
    void shouldCounterCpuCausesWhenTheAnalystSeesNormalResources() {
        insert(alert("HostHighCpuLoad", "rms"), new Symptom("SLOW_RESPONSE", "rms", "", "slow"),
                answer("HOST_RESOURCES_HIGH", "no"));
        fire();
        assertNotFired("High CPU or memory with slow responses suggests a server resource bottleneck");
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("SERVER_RESOURCE_BOTTLENECK")).isEmpty();
        assertThat(confidence("CPU_SATURATION")).isLessThan(0.25);
    }

    @Test
    void shouldSuggestATrafficSurgeWhenTheAnalystSeesTrafficAboveNormal() {
        insert(alert("HostHighCpuLoad", "lms"), answer("TRAFFIC_ABOVE_NORMAL", "yes"));
        fire();
        assertThat(questionCodes()).isEmpty();
        assertThat(rankedCauses()).first().isEqualTo("TRAFFIC_SURGE");
    }

    @Test
    void shouldSuggestATrafficSurgeWhenTheRequestRateDoublesWithHighCpu() {
        insert(alert("NodeCPUHighUsage", "lms"), rate("lms", "requests_per_second", 120, 55),
                rate("lms", "requests_per_second", 150, 30), rate("lms", "requests_per_second", 410, 2),
                rate("lms", "requests_per_second", 380, 0));
        fire();
        assertFired("Request rate at least doubling with high CPU suggests a traffic surge");
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("TRAFFIC_SURGE")).singleElement()
                .satisfies(v -> assertThat(v.getReason()).contains("120.0").contains("410.0"));
        assertThat(confidence("TRAFFIC_SURGE")).isEqualTo(0.5);
    }

    @Test
    void shouldNotSuggestATrafficSurgeForAFlatRequestRate() {
        insert(alert("NodeCPUHighUsage", "lms"), rate("lms", "http_requests_rate", 300, 50),
                rate("lms", "http_requests_rate", 320, 1));
        fire();
        assertThat(rankedCauses()).doesNotContain("TRAFFIC_SURGE");
    }

    @Test
    void shouldNotSuggestATrafficSurgeFromARisingRequestRateWithoutHighCpu() {
        insert(rate("lms", "requests_per_second", 100, 50), rate("lms", "requests_per_second", 500, 1));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(2);
    }

    @Test
    void shouldCounterATrafficSurgeWhenTheAnalystSeesNormalTraffic() {
        insert(alert("HostHighCpuLoad", "lms"), alert("NginxHighRequestRate", "lms"));
        fire();
        assertThat(confidence("TRAFFIC_SURGE")).isEqualTo(0.5);
        insert(answer("TRAFFIC_ABOVE_NORMAL", "no"));
        fire();
        assertThat(confidence("TRAFFIC_SURGE")).isEqualTo(0.0);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("TRAFFIC_SURGE")).isEmpty();
    }

    /** A traffic rise on a busy tier is also read by the platform request rules; together it counts once. */
    @Nested
    class WithThePlatformRequestRules extends RuleFileTestSupport {

        @Override
        protected List<String> ruleFiles() {
            return List.of("infra/Cpu.drl", "platform/Requests.drl");
        }

        @Test
        void shouldCountTrafficWithHighCpuOnceForATrafficSurge() {
            insert(alert("HostHighCpuLoad", "lms"), alert("NginxHighRequestRate", "lms"));
            fire();
            assertFired("Traffic alert with high CPU suggests a traffic surge",
                    "Unusually high traffic with a saturated tier suggests a traffic surge");
            assertThat(confidence("TRAFFIC_SURGE")).as("the traffic symptom 0.55 and, once, traffic on a busy CPU 0.5")
                    .isEqualTo(0.775);
        }
    }
}
