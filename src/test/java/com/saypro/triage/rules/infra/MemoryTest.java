package com.saypro.triage.rules.infra;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.criticalAlert;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class MemoryTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("infra/Memory.drl");
    }

    @Test
    void shouldSuggestMemoryExhaustionWhenHostOutOfMemoryFires() {
        insert(criticalAlert("HostOutOfMemory", "rms", "instance", "rms-app-1:9100"));
        fire();
        assertFired("High memory use on a system suggests memory exhaustion");
        assertThat(symptoms()).containsExactly(new Symptom("HIGH_MEMORY", "rms", "", ""));
        assertThat(rankedCauses()).containsExactly("MEMORY_EXHAUSTION");
        assertThat(confidence("MEMORY_EXHAUSTION")).isEqualTo(0.5);
    }

    @Test
    void shouldRecogniseTheCommonMemoryAlertNames() {
        List<String> names = List.of("HostOutOfMemory", "NodeMemoryHighUtilization", "HostMemoryUnderMemoryPressure",
                "HostOomKillDetected", "HostSwapIsFillingUp", "ContainerHighMemoryUsage", "KubeContainerOOMKilled");
        for (String name : names) {
            insert(alert(name, "lms", "component", name));
        }
        fire();
        assertThat(symptoms()).hasSize(names.size()).extracting(Symptom::getCode).containsOnly("HIGH_MEMORY");
    }

    @Test
    void shouldLeaveJvmHeapAndUnderutilisationAlertsAlone() {
        insert(alert("JvmMemoryFillingUp", "lms", "area", "heap"), alert("HostMemoryIsUnderutilized", "lms"),
                log("lms", "ERROR", "java.lang.OutOfMemoryError: Java heap space"));
        fire();
        assertThat(symptomCodes()).containsExactly("JVM_HEAP_HIGH");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldNotTakeABrokerConnectionAlertForMemoryExhaustion() {
        insert(alert("RabbitMQTooManyConnections", "billing", "instance", "rabbitmq-0:15692"));
        fire();
        assertThat(symptomCodes()).containsExactly("CONNECTIONS_HIGH");
        assertThat(rankedCauses()).doesNotContain("MEMORY_EXHAUSTION");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldDeriveHighMemoryAtNinetyPercentButNotBelow() {
        insert(metric("lms", "memory_utilization", 0.89));
        fire();
        assertThat(symptoms()).isEmpty();
        insert(metric("lms", "memory_utilization", 0.93));
        fire();
        assertThat(symptoms()).extracting(Symptom::getDetail).containsExactly("memory 93.0% used (threshold 90%)");
        assertThat(workingMemorySize()).isEqualTo(4);
    }

    @Test
    void shouldStrengthenMemoryExhaustionWithAnOomKill() {
        insert(metric("rms", "memory_utilization", 0.97),
                log("rms", "ERROR", "Out of memory: Killed process 4242 (java) total-vm:8123456kB"),
                log("rms", "ERROR", "Out of memory: Killed process 4243 (java) total-vm:8123456kB"));
        fire();
        assertFired("OOM killer in the logs suggests memory exhaustion more strongly");
        assertThat(confidence("MEMORY_EXHAUSTION")).isEqualTo(0.7);
    }

    @Test
    void shouldTreatAnOomKillAlertAsStrongerThanAPlainMemoryAlert() {
        insert(alert("HostOomKillDetected", "rms"));
        fire();
        assertFired("OOM kill alert suggests memory exhaustion more strongly");
        assertThat(confidence("MEMORY_EXHAUSTION")).isEqualTo(0.7);
    }

    @Test
    void shouldDeriveHighMemoryFromAContainerOomKilledLog() {
        insert(log("lms", "WARN", "container lms-web terminated: reason OOMKilled, exit code 137"));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_MEMORY");
        assertThat(rankedCauses()).containsExactly("MEMORY_EXHAUSTION");
    }

    @Test
    void shouldCountAgainstMemoryExhaustionWhenTheAnalystSeesNormalResources() {
        insert(alert("HostOutOfMemory", "rms"), answer("HOST_RESOURCES_HIGH", "no"));
        fire();
        assertFired("Analyst reports host resources normal counts against memory exhaustion");
        assertThat(confidence("MEMORY_EXHAUSTION")).isEqualTo(0.25);
    }

    @Test
    void shouldCastNoNegativeVoteWhenNothingPointsAtMemory() {
        insert(answer("HOST_RESOURCES_HIGH", "no"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(1);
    }

    @Test
    void shouldCountAnOomKillLineOnceThoughItAlsoShowsHighMemory() {
        insert(log("rms", "ERROR", "Memory cgroup out of memory: Killed process 3121 (node) total-vm:2048000kB"));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_MEMORY");
        assertThat(votes()).hasSize(2);
        assertThat(confidence("MEMORY_EXHAUSTION")).as("the line is one piece of evidence").isEqualTo(0.7);
    }
}
