package com.saypro.triage.rules.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleSource;

/**
 * The platform rule files together: what each new symptom ranks first on its own, and the
 * combinations whose symptoms are read by rules in different files.
 */
class PlatformRulesTogetherTest extends PlatformRulesTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("platform/Kubernetes.drl", "platform/Clusters.drl", "platform/Monitoring.drl",
                "platform/Hosts.drl", "platform/Requests.drl");
    }

    @ParameterizedTest(name = "{0} alone ranks {1} first at {2}")
    @CsvSource({
            "CONNECTIONS_HIGH, CONNECTION_LIMIT_REACHED, 0.55",
            "CLUSTER_DEGRADED, CLUSTER_DEGRADED, 0.55",
            "QUEUE_BACKLOG, CONSUMER_LAG, 0.55",
            "CRASH_LOOPING, APPLICATION_CRASH, 0.55",
            "RESTARTED, APPLICATION_CRASH, 0.3",
            "REPLICAS_UNAVAILABLE, REPLICAS_UNAVAILABLE, 0.55",
            "ROLLOUT_STUCK, BAD_DEPLOYMENT, 0.55",
            "CAPACITY_EXHAUSTED, CLUSTER_CAPACITY_EXHAUSTED, 0.55",
            "CPU_THROTTLED, CPU_SATURATION, 0.5",
            "JOB_FAILED, BATCH_JOB_FAILURE, 0.55",
            "CONFIG_RELOAD_FAILED, CONFIGURATION_CHANGE, 0.55",
            "MONITORING_DEGRADED, MONITORING_FAILURE, 0.55",
            "NOTIFICATIONS_FAILING, DEPENDENCY_OUTAGE, 0.5",
            "DEPENDENCY_FAILING, DEPENDENCY_OUTAGE, 0.55",
            "STORAGE_ERRORS, STORAGE_FAILURE, 0.55",
            "CLOCK_SKEW, CLOCK_SKEW, 0.6",
            "NETWORK_ERRORS, NETWORK_LATENCY, 0.5",
            "DNS_FAILING, DNS_FAILURE, 0.6",
            "HARDWARE_FAULT, HARDWARE_FAULT, 0.6",
            "CLIENT_ERRORS_HIGH, APPLICATION_ERROR_SPIKE, 0.5",
            "AUTH_FAILURES, AUTHENTICATION_FAILURE, 0.55",
            "DB_MAINTENANCE, DB_MAINTENANCE_OVERDUE, 0.55",
            "WORKERS_SATURATED, WEB_SERVER_SATURATION, 0.55",
            "TRAFFIC_HIGH, TRAFFIC_SURGE, 0.55",
            "PIPELINE_STALLED, DEPENDENCY_OUTAGE, 0.5" })
    void shouldRankTheSymptomsMainCauseFirstWhenTheSymptomIsAlone(String symptom, String cause, double vote) {
        insert(symptom(symptom, "shop", "part-1"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo(cause);
        assertThat(groupedConfidence(cause)).isEqualTo(vote);
        assertThat(rankedByGroup()).allSatisfy(other -> {
            if (!other.equals(cause)) {
                assertThat(groupedConfidence(other)).isLessThanOrEqualTo(0.35);
            }
        });
    }

    @Test
    void shouldBlameTheClockOverCredentialsWhenAuthenticationFailsOnASkewedHost() {
        insert(symptom("CLOCK_SKEW", "shop", "10.0.3.7:9100"), symptom("AUTH_FAILURES", "shop", "api-gateway"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CLOCK_SKEW");
        assertThat(groupedConfidence("CLOCK_SKEW")).isEqualTo(0.74);
        assertThat(groupedConfidence("AUTHENTICATION_FAILURE")).isEqualTo(0.385);
    }

    @Test
    void shouldBlameNameResolutionOverTheDependencyWhenNamesDoNotResolve() {
        insert(symptom("DNS_FAILING", "shop", "coredns"), symptom("DEPENDENCY_FAILING", "shop", "payments-gateway"));
        fire();
        assertFired("Failing dependency calls while names do not resolve count against a dependency outage");
        assertThat(rankedByGroup()).first().isEqualTo("DNS_FAILURE");
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isCloseTo(0.4125, within(0.001));
    }

    @Test
    void shouldRankATrafficSurgeFirstWhenTheClusterRunsOutOfRoomUnderUnusualTraffic() {
        insert(symptom("CAPACITY_EXHAUSTED", "shop", "prod"), symptom("TRAFFIC_HIGH", "shop", "edge-proxy"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("TRAFFIC_SURGE");
        assertThat(groupedConfidence("TRAFFIC_SURGE")).isCloseTo(0.7075, within(0.001));
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.55);
    }

    @Test
    void shouldRankAnApplicationCrashFirstWhenABacklogGrowsBehindCrashingConsumers() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"), symptom("CRASH_LOOPING", "mail", "mail-worker"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isCloseTo(0.7525, within(0.001));
        assertThat(groupedConfidence("CONSUMER_LAG")).isEqualTo(0.44);
    }

    @Test
    void shouldRankAMonitoringFailureFirstWhenMonitoringDegradesAndIngestionStalls() {
        insert(symptom("PIPELINE_STALLED", "observability", "prometheus"),
                symptom("MONITORING_DEGRADED", "observability", "prometheus"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("MONITORING_FAILURE");
    }

    @Test
    void shouldRankMemoryExhaustionFirstForACrashLoopWithHighMemoryAndOomKillsConfirmed() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("HIGH_MEMORY", "shop"),
                com.saypro.triage.rules.FactMother.answer("CRASH_EXIT_REASON", "oom-killed"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("MEMORY_EXHAUSTION");
        assertThat(groupedConfidence("MEMORY_EXHAUSTION")).isEqualTo(0.84);
    }

    @Test
    void shouldNameEveryPlatformRuleUniquelyAcrossTheWholeRuleBase() {
        Pattern rule = Pattern.compile("(?m)^rule \"([^\"]+)\"");
        List<String> names = new ArrayList<>();
        for (RuleSource source : RuleFiles.fromDirectory(Path.of("rules"))) {
            Matcher m = rule.matcher(source.content());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).doesNotHaveDuplicates();
    }
}
