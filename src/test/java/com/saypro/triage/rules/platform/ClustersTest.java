package com.saypro.triage.rules.platform;

import static com.saypro.triage.rules.FactMother.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClustersTest extends PlatformRulesTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("platform/Clusters.drl");
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryVotingRule() {
        assertEveryVotingRuleDeclaresItsCausesAndGroup();
    }

    @Test
    void shouldRankTheConnectionLimitFirstForAServerNearItsConnectionLimit() {
        insert(symptom("CONNECTIONS_HIGH", "shop", "session-cache"));
        fire();
        assertFired("Connections near the server's limit suggest the connection limit is reached");
        assertThat(rankedByGroup()).containsExactly("CONNECTION_LIMIT_REACHED", "TRAFFIC_SURGE");
        assertThat(groupedConfidence("CONNECTION_LIMIT_REACHED")).isEqualTo(0.55);
        assertThat(groupedConfidence("TRAFFIC_SURGE")).isEqualTo(0.25);
        // the symptom and two votes
        assertThat(workingMemorySize()).isEqualTo(3);
    }

    @Test
    void shouldVoteOnAnInferredSymptomAsOnAnObservedOne() {
        insert(inferred("CONNECTIONS_HIGH", "shop", "broker"));
        fire();
        assertThat(groupedConfidence("CONNECTION_LIMIT_REACHED")).isEqualTo(0.55);
    }

    @Test
    void shouldRankTheClusterFirstForADegradedClusterAndAskWhetherItsMembersAreUp() {
        insert(symptom("CLUSTER_DEGRADED", "search", "es-prod"));
        fire();
        assertThat(rankedByGroup()).containsExactly("CLUSTER_DEGRADED", "HOST_DOWN");
        assertThat(groupedConfidence("CLUSTER_DEGRADED")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("CLUSTER_MEMBERS_STATE");
    }

    @Test
    void shouldRankHostDownFirstWhenTheClusterLostAMemberWithItsHost() {
        insert(symptom("CLUSTER_DEGRADED", "search", "es-prod"), symptom("HOST_UNREACHABLE", "search", "10.0.4.12:9100"));
        fire();
        assertFired("Degraded cluster with an unreachable host suggests the host is down",
                "Degraded cluster with an unreachable host counts against a fault of the cluster itself");
        assertThat(rankedByGroup()).first().isEqualTo("HOST_DOWN");
        assertThat(groupedConfidence("HOST_DOWN")).isEqualTo(0.6);
        assertThat(groupedConfidence("CLUSTER_DEGRADED")).isEqualTo(0.44);
        assertThat(recommendedPlaybooks("HOST_DOWN")).containsExactly("CLUSTER_RECOVERY");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotBlameAHostOfAnotherSystemForADegradedCluster() {
        insert(symptom("CLUSTER_DEGRADED", "search", "es-prod"), symptom("HOST_UNREACHABLE", "billing", "10.0.9.1:9100"));
        fire();
        assertNotFired("Degraded cluster with an unreachable host suggests the host is down",
                "Degraded cluster with an unreachable host counts against a fault of the cluster itself");
        assertThat(rankedByGroup()).first().isEqualTo("CLUSTER_DEGRADED");
        assertThat(recommendedPlaybooks("HOST_DOWN")).isEmpty();
        assertThat(questionCodes()).containsExactly("CLUSTER_MEMBERS_STATE");
    }

    @Test
    void shouldRankDiskFullFirstWhenAClusterMemberIsOutOfDisk() {
        insert(symptom("CLUSTER_DEGRADED", "search", "es-prod"), symptom("DISK_FULL", "search", "/var/lib/elasticsearch"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("DISK_FULL");
        assertThat(groupedConfidence("DISK_FULL")).isEqualTo(0.5);
        assertThat(groupedConfidence("CLUSTER_DEGRADED")).isCloseTo(0.4675, within(0.001));
    }

    @Test
    void shouldRankNetworkTroubleFirstWhenAClusterIsDegradedAmidNetworkErrors() {
        insert(symptom("CLUSTER_DEGRADED", "queue", "rabbit"), symptom("NETWORK_ERRORS", "queue", "eth0"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("NETWORK_LATENCY");
    }

    @Test
    void shouldAddAnApplicationCrashAndAStorageFailureForCrashingMembersAndFailingStorage() {
        insert(symptom("CLUSTER_DEGRADED", "events", "kafka"), symptom("CRASH_LOOPING", "events", "kafka-2"),
                symptom("STORAGE_ERRORS", "events", "/dev/sdb"));
        fire();
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.45);
        assertThat(groupedConfidence("STORAGE_FAILURE")).isEqualTo(0.45);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldConfirmAFaultOfTheClusterItselfWhenTheAnalystReportsAllMembersUp() {
        insert(symptom("CLUSTER_DEGRADED", "search", "es-prod"), answer("CLUSTER_MEMBERS_STATE", "all-up"));
        fire();
        assertThat(groupedConfidence("CLUSTER_DEGRADED")).isCloseTo(0.7075, within(0.001));
        assertThat(groupedConfidence("HOST_DOWN")).isEqualTo(0.08);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRankHostDownFirstWhenTheAnalystReportsAMembersHostDown() {
        insert(symptom("CLUSTER_DEGRADED", "search", "es-prod"), answer("CLUSTER_MEMBERS_STATE", "host-down"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("HOST_DOWN");
        assertThat(groupedConfidence("HOST_DOWN")).isEqualTo(0.64);
    }

    @Test
    void shouldRankConsumerLagFirstForAQueueBacklogAndAskAboutTheConsumers() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"));
        fire();
        assertThat(rankedByGroup()).containsExactly("CONSUMER_LAG", "APPLICATION_CRASH", "TRAFFIC_SURGE");
        assertThat(groupedConfidence("CONSUMER_LAG")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("CONSUMERS_STATE");
    }

    @Test
    void shouldRankAnApplicationCrashFirstWhenTheConsumersOfABacklogCrashLoop() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"), symptom("CRASH_LOOPING", "mail", "mail-worker"));
        fire();
        assertFired("Queue backlog with crash looping consumers suggests an application crash",
                "Queue backlog with crash looping consumers counts against slow consumers");
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isCloseTo(0.5875, within(0.001));
        assertThat(groupedConfidence("CONSUMER_LAG")).isEqualTo(0.44);
        assertThat(recommendedPlaybooks("APPLICATION_CRASH")).containsExactly("CONSUMER_LAG_RECOVERY");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotTieACrashLoopOfAnotherSystemToABacklog() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"), symptom("CRASH_LOOPING", "shop", "checkout-api"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CONSUMER_LAG");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.25);
        assertThat(questionCodes()).containsExactly("CONSUMERS_STATE");
    }

    @Test
    void shouldRankATrafficSurgeFirstWhenConsumersKeepTheirNormalPace() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"), answer("CONSUMERS_STATE", "running-normal-rate"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("TRAFFIC_SURGE");
        assertThat(groupedConfidence("TRAFFIC_SURGE")).isEqualTo(0.56);
        assertThat(groupedConfidence("CONSUMER_LAG")).isCloseTo(0.4125, within(0.001));
    }

    @Test
    void shouldRankAnApplicationCrashFirstWhenTheAnalystReportsNoConsumersRunning() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"), answer("CONSUMERS_STATE", "not-running"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.625);
        assertThat(groupedConfidence("CONSUMER_LAG")).isEqualTo(0.385);
    }

    @Test
    void shouldStrengthenConsumerLagWhenTheAnalystReportsSlowConsumers() {
        insert(symptom("QUEUE_BACKLOG", "mail", "outbound"), answer("CONSUMERS_STATE", "running-slow"));
        fire();
        assertThat(groupedConfidence("CONSUMER_LAG")).isEqualTo(0.73);
    }

    @Test
    void shouldRankADependencyOutageFirstForAStalledPipelineAndRecommendRestoringIt() {
        insert(symptom("PIPELINE_STALLED", "logging", "logs-index"));
        fire();
        assertThat(rankedByGroup()).containsExactly("DEPENDENCY_OUTAGE", "CONSUMER_LAG", "MONITORING_FAILURE");
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isEqualTo(0.5);
        assertThat(recommendedPlaybooks("DEPENDENCY_OUTAGE")).containsExactly("DATA_PIPELINE_RESTORE");
    }

    @Test
    void shouldRankConsumerLagFirstWhenAStalledPipelineWaitsBehindABacklog() {
        insert(symptom("PIPELINE_STALLED", "logging", "logs-index"), symptom("QUEUE_BACKLOG", "logging", "ingest"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CONSUMER_LAG");
        assertThat(groupedConfidence("CONSUMER_LAG")).isCloseTo(0.7525, within(0.001));
    }

    @Test
    void shouldAddAnApplicationCrashWhenAStageOfAStalledPipelineCrashLoops() {
        insert(symptom("PIPELINE_STALLED", "logging", "logs-index"), symptom("CRASH_LOOPING", "logging", "shipper"));
        fire();
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.4);
    }
}
