package com.saypro.triage.rules.infra;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class NetworkTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("infra/Network.drl");
    }

    @Test
    void shouldSuggestNetworkLatencyForNetworkAlertsAndVoteOncePerSystem() {
        insert(alert("HostNetworkReceiveErrors", "rms", "device", "eth0"),
                alert("HostNetworkTransmitErrors", "rms", "device", "eth0"));
        fire();
        assertThat(rankedCauses()).containsExactly("NETWORK_LATENCY");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.45);
        assertThat(questionCodes()).containsExactly("NETWORK_PATH_HEALTHY");
    }

    @Test
    void shouldRecogniseTheCommonNetworkAlertNames() {
        List<String> names = List.of("HostNetworkReceiveErrors", "NodeNetworkTransmitErrs", "HostNetworkBondDegraded",
                "HostConntrackLimit", "KubernetesNodeNetworkUnavailable", "BlackboxProbeSlowPing",
                "HostNetworkInterfaceSaturated");
        for (int i = 0; i < names.size(); i++) {
            insert(alert(names.get(i), "system-" + i));
        }
        fire();
        assertThat(votes()).hasSize(names.size());
    }

    @Test
    void shouldSuggestNetworkLatencyForHighRoundTripOrPacketLoss() {
        insert(metric("rms", "network_rtt_ms", 240), metric("lms", "packet_loss", 0.04));
        fire();
        assertThat(votes()).extracting(v -> v.getReason())
                .containsExactlyInAnyOrder("network_rtt_ms 240.0 ms (threshold 100 ms)", "packet loss 4.0% (threshold 1%)");
    }

    @Test
    void shouldIgnoreHealthyNetworkMetrics() {
        insert(metric("rms", "network_latency_ms", 12), metric("rms", "packet_loss", 0.001));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(2);
    }

    @Test
    void shouldSuggestNetworkLatencyWeaklyFromSocketTimeoutsInTheLogs() {
        insert(log("rms", "ERROR", "java.net.SocketTimeoutException: Read timed out"),
                log("rms", "ERROR", "Connection reset by peer"));
        fire();
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.3);
    }

    @Test
    void shouldStrengthenNetworkLatencyWhenResponsesAreSlowToo() {
        insert(new Symptom("SLOW_RESPONSE", "rms", "royalty", "p95 9 s"), metric("rms", "network_rtt_ms", 180),
                alert("HostNetworkReceiveErrors", "rms"), log("rms", "ERROR", "No route to host"));
        fire();
        assertFired("Slow responses with bad network metrics add to network latency");
        assertNotFired("Slow responses with a network alert add to network latency",
                "Slow responses with socket timeouts in the logs add to network latency");
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.841);
    }

    @Test
    void shouldStrengthenFromLogsWhenTheyAreTheOnlyNetworkEvidence() {
        insert(new Symptom("SLOW_RESPONSE", "rms", "royalty", "p95 9 s"), log("rms", "WARN", "Read timed out"));
        fire();
        assertFired("Slow responses with socket timeouts in the logs add to network latency");
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.475);
    }

    @Test
    void shouldNotVoteForSlowResponsesAlone() {
        insert(new Symptom("SLOW_RESPONSE", "rms", "royalty", "p95 9 s"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldAskAboutTheNetworkPathWhenTransactionsWaitOnTheDatabase() {
        insert(new Symptom("SLOW_DB_TIME", "rms", "RoyaltyBatch", "80% in the database"));
        fire();
        assertThat(questionCodes()).containsExactly("NETWORK_PATH_HEALTHY");
    }

    @Test
    void shouldRuleNetworkLatencyOutWhenTheAnalystSeesAHealthyPath() {
        insert(new Symptom("SLOW_RESPONSE", "rms", "royalty", "p95 9 s"), metric("rms", "network_rtt_ms", 180),
                answer("NETWORK_PATH_HEALTHY", "yes"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldSuggestNetworkLatencyWhenTheAnalystSeesAnUnhealthyPath() {
        insert(answer("NETWORK_PATH_HEALTHY", "no"), log("rms", "ERROR", "Read timed out"));
        fire();
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.65);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldSuggestDnsFailureFromResolverErrors() {
        insert(log("lms", "ERROR", "java.net.UnknownHostException: idp.saypro.online"),
                log("lms", "ERROR", "curl: (6) Could not resolve host: idp.saypro.online"),
                log("rms", "ERROR", "getaddrinfo: Temporary failure in name resolution"));
        fire();
        assertThat(rankedCauses()).containsExactly("DNS_FAILURE");
        assertThat(votes()).as("one vote per system").hasSize(2);
        assertThat(confidence("DNS_FAILURE")).as("resolver errors in the logs count once").isEqualTo(0.6);
    }

    @Test
    void shouldSuggestDnsFailureFromDnsAlerts() {
        insert(alert("CoreDNSErrorsHigh", "platform"), alert("CoreDNSForwardLatencyHigh", "lms", "to", "10.0.0.2:53"));
        fire();
        assertThat(votes()).extracting(v -> v.getCauseCode()).containsOnly("DNS_FAILURE");
        assertThat(votes()).hasSize(2);
        assertThat(rankedCauses()).doesNotContain("NETWORK_LATENCY");
    }

    @Test
    void shouldNotConfuseOrdinaryErrorsWithNetworkOrDnsProblems() {
        insert(log("lms", "ERROR", "NullPointerException in CourseService"), alert("NginxHighHttp5xxErrorRate", "lms"));
        fire();
        assertThat(symptomCodes()).containsExactly("HIGH_ERROR_RATE");
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldSuggestNetworkLatencyFromAnUnreachableRouteInTheLogs() {
        insert(log("rms", "ERROR", "connect to 10.0.4.12:5432 failed: No route to host"));
        fire();
        assertFired("Unreachable hosts or networks in the logs suggest network latency");
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.3);
        assertThat(questionCodes()).containsExactly("NETWORK_PATH_HEALTHY");
    }

    @Test
    void shouldCountTimeoutsAndUnreachableRoutesInTheLogsOnce() {
        insert(log("rms", "ERROR", "java.net.SocketTimeoutException: connect timed out"),
                log("rms", "ERROR", "connect: Network is unreachable"));
        fire();
        assertNotFired("Unreachable hosts or networks in the logs suggest network latency");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.3);
    }

    @Test
    void shouldNotTakeALockWaitTimeoutForANetworkTimeout() {
        insert(log("rms", "ERROR", "Lock wait timeout exceeded; try restarting transaction"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    /** The network and DNS symptoms are also read by the platform rules; together they count once. */
    @Nested
    class WithThePlatformHostRules extends RuleFileTestSupport {

        @Override
        protected List<String> ruleFiles() {
            return List.of("infra/Network.drl", "platform/Hosts.drl");
        }

        @Test
        void shouldCountANetworkErrorAlertOnceForNetworkLatency() {
            insert(alert("HostNetworkReceiveErrors", "rms", "device", "eth0"));
            fire();
            assertFired("Network error or latency alert suggests network latency", "Network errors suggest network latency");
            assertThat(confidence("NETWORK_LATENCY")).isEqualTo(0.5);
        }

        @Test
        void shouldCountADnsAlertOnceButAddResolverErrorsInTheLogs() {
            insert(alert("CoreDNSErrorsHigh", "rms"));
            fire();
            assertFired("DNS failure or CoreDNS alert suggests a DNS failure", "Failing name resolution suggests a DNS failure");
            assertThat(confidence("DNS_FAILURE")).isEqualTo(0.6);
            insert(log("rms", "ERROR", "java.net.UnknownHostException: payments.internal"));
            fire();
            assertThat(confidence("DNS_FAILURE")).isEqualTo(0.84);
        }
    }
}
