package com.saypro.triage.rules.infra;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.criticalAlert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class HostTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("infra/Host.drl");
    }

    @Test
    void shouldSuggestHostDownForAHostDownAlert() {
        insert(criticalAlert("HostDown", "rms", "instance", "rms-db-1"));
        fire();
        assertThat(symptoms()).containsExactly(new Symptom("HOST_UNREACHABLE", "rms", "rms-db-1", ""));
        assertThat(rankedCauses()).containsExactly("HOST_DOWN");
        assertThat(confidence("HOST_DOWN")).isEqualTo(0.6);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldTreatNodeExporterTargetDownAsAnUnreachableHost() {
        insert(alert("TargetDown", "rms", "job", "node", "instance", "10.0.0.5:9100"),
                alert("InstanceDown", "lms", "job", "node-exporter"),
                alert("PrometheusTargetMissing", "crm", "job", "node_exporter"));
        fire();
        assertFired("Firing alert recognised from the catalog shows its symptom");
        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("rms", "lms", "crm");
        assertThat(symptomCodes()).containsExactly("HOST_UNREACHABLE");
    }

    @Test
    void shouldNotTreatAnApplicationTargetDownAsAnUnreachableHost() {
        insert(alert("TargetDown", "rms", "job", "rms-app"), alert("NodeFilesystemAlmostOutOfSpace", "rms", "job", "node"),
                alert("HaproxyServerDown", "rms"));
        fire();
        assertThat(symptomCodes()).doesNotContain("HOST_UNREACHABLE");
        assertThat(rankedCauses()).doesNotContain("HOST_DOWN");
    }

    @Test
    void shouldTreatAFailedPingProbeAsAnUnreachableHost() {
        insert(alert("BlackboxProbeFailed", "rms", "module", "icmp", "instance", "rms-app-1"));
        fire();
        assertThat(symptomCodes()).containsExactly("HOST_UNREACHABLE");
    }

    @Test
    void shouldStrengthenHostDownWhenTheServiceIsDownToo() {
        insert(alert("NodeDown", "rms"), new Symptom("SERVICE_DOWN", "rms", "", "availability 0"));
        fire();
        assertFired("Unreachable host with the service down adds to host down");
        assertThat(confidence("HOST_DOWN")).isEqualTo(0.7);
        assertNotFired("Service down on a reachable host suggests the endpoint is down");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldSuggestEndpointDownWeaklyAndAskWhenOnlyTheServiceIsDown() {
        insert(new Symptom("SERVICE_DOWN", "lms", "web", "availability 0"));
        fire();
        assertThat(rankedCauses()).containsExactly("ENDPOINT_DOWN");
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.35);
        assertThat(questionCodes()).containsExactly("SERVICE_PROCESS_RUNNING");
        assertThat(workingMemorySize()).isEqualTo(3);
    }

    @Test
    void shouldStrengthenEndpointDownWhenTheProcessIsNotRunning() {
        insert(new Symptom("SERVICE_DOWN", "lms", "web", "availability 0"), answer("SERVICE_PROCESS_RUNNING", "no"));
        fire();
        assertThat(questionCodes()).isEmpty();
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.675);
    }

    @Test
    void shouldWeakenEndpointDownWhenTheProcessIsRunning() {
        insert(new Symptom("SERVICE_DOWN", "lms", "web", "availability 0"), answer("SERVICE_PROCESS_RUNNING", "yes"));
        fire();
        assertFired("Analyst reports the service process running counts against the endpoint being down");
        assertThat(confidence("ENDPOINT_DOWN")).isLessThan(0.2);
    }

    @Test
    void shouldCounterHostDownWhenTheProcessIsRunningOnTheHost() {
        insert(alert("HostDown", "rms"), answer("SERVICE_PROCESS_RUNNING", "yes"));
        fire();
        assertThat(confidence("HOST_DOWN")).isEqualTo(0.3);
    }
}
