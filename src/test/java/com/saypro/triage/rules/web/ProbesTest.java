package com.saypro.triage.rules.web;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.criticalAlert;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class ProbesTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("web/Probes.drl");
    }

    @Test
    void shouldDeriveServiceDownForTheProbedTargetAndSuggestEndpointDown() {
        insert(criticalAlert("BlackboxProbeFailed", "lms", "job", "blackbox", "instance", "https://lms.saypro.online/login"));
        fire();
        assertThat(symptoms()).containsExactly(new Symptom("SERVICE_DOWN", "lms", "https://lms.saypro.online/login", ""));
        assertThat(symptoms().get(0).getDetail()).isEqualTo("alert BlackboxProbeFailed is firing for https://lms.saypro.online/login");
        assertThat(rankedCauses()).containsExactly("ENDPOINT_DOWN");
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.5);
    }

    @Test
    void shouldRecogniseTheCommonFailedProbeAlertNames() {
        List<String> names = List.of("BlackboxProbeFailed", "ProbeFailed", "BlackboxProbeLowUptime");
        for (String name : names) {
            insert(alert(name, "lms", "component", name));
        }
        fire();
        assertThat(symptoms()).hasSize(names.size()).extracting(Symptom::getCode).containsOnly("SERVICE_DOWN");
        assertThat(votes()).hasSize(1);
    }

    @Test
    void shouldStrengthenEndpointDownWithAvailabilityZeroAndRefusedConnections() {
        insert(alert("BlackboxProbeFailed", "rms", "instance", "https://rms.saypro.online"),
                metric("rms", "availability", 0), metric("rms", "availability", 0),
                log("rms", "ERROR", "connect to rms-app-1:8080 failed: Connection refused"));
        fire();
        assertFired("Failed probe with availability at zero adds to the endpoint being down",
                "Failed probe with connections refused in the logs adds to the endpoint being down");
        assertThat(votes()).hasSize(3);
        assertThat(confidence("ENDPOINT_DOWN")).isEqualTo(0.738);
    }

    @Test
    void shouldNotBlameTheEndpointWhenItsHostIsUnreachable() {
        insert(alert("BlackboxProbeFailed", "rms", "instance", "https://rms.saypro.online"),
                new Symptom("HOST_UNREACHABLE", "rms", "rms-app-1", "HostDown"));
        fire();
        assertThat(symptomCodes()).contains("SERVICE_DOWN");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldLeavePingProbesToTheHostAndNetworkRules() {
        insert(alert("BlackboxProbeFailed", "rms", "module", "icmp"), alert("BlackboxProbeSlowPing", "rms"));
        fire();
        assertThat(symptomCodes()).containsExactly("HOST_UNREACHABLE", "NETWORK_ERRORS");
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldDeriveSlowResponseForSlowProbesWithoutBlamingTheEndpoint() {
        insert(alert("BlackboxSlowProbe", "lms", "instance", "https://lms.saypro.online"),
                alert("BlackboxProbeSlowHttp", "lms", "instance", "https://lms.saypro.online/courses"));
        fire();
        assertThat(symptoms()).extracting(Symptom::getCode).containsOnly("SLOW_RESPONSE");
        assertThat(symptoms()).hasSize(2);
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldIgnoreRefusedConnectionsWithoutAFailedProbe() {
        insert(log("rms", "ERROR", "Connection refused"), metric("rms", "availability", 1));
        fire();
        assertThat(firedRules).isEmpty();
    }
}
