package com.saypro.triage.rules.platform;

import static com.saypro.triage.rules.FactMother.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.CandidateCause;

class KubernetesTest extends PlatformRulesTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("platform/Kubernetes.drl");
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryVotingRule() {
        assertEveryVotingRuleDeclaresItsCausesAndGroup();
    }

    @Test
    void shouldRankApplicationCrashFirstForACrashLoopAndAskForTheExitReasonAndARecentDeploy() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"));
        fire();
        assertFired("Crash looping process suggests an application crash",
                "Crash looping process hints at a bad deployment", "Crash looping process hints at memory exhaustion",
                "Crash looping process hints at a faulty configuration change");
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.55);
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.25);
        assertThat(questionCodes()).containsExactly("CRASH_EXIT_REASON", "RECENT_DEPLOY");
        // the symptom, four votes and two questions
        assertThat(workingMemorySize()).isEqualTo(7);
    }

    @Test
    void shouldRankMemoryExhaustionFirstWhenACrashLoopComesWithHighMemory() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("HIGH_MEMORY", "shop", "node-3"));
        fire();
        assertFired("Crash looping with high memory suggests memory exhaustion",
                "Restarts with high memory count against an application defect");
        assertThat(rankedByGroup()).first().isEqualTo("MEMORY_EXHAUSTION");
        assertThat(groupedConfidence("MEMORY_EXHAUSTION")).isEqualTo(0.6);
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.468);
    }

    @Test
    void shouldNotBlameMemoryWhenOnlyAnotherSystemRunsOutOfMemory() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("HIGH_MEMORY", "billing", "node-1"));
        fire();
        assertNotFired("Crash looping with high memory suggests memory exhaustion",
                "Restarts with high memory count against an application defect");
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("MEMORY_EXHAUSTION")).isEqualTo(0.2);
    }

    @Test
    void shouldCountRestartAndCrashLoopWithHighMemoryOnceAsOneKindOfEvidence() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("RESTARTED", "shop", "checkout-api"),
                symptom("HIGH_MEMORY", "shop"));
        fire();
        assertFired("Crash looping with high memory suggests memory exhaustion",
                "Restart with high memory suggests memory exhaustion");
        assertThat(groupsVotingFor("MEMORY_EXHAUSTION")).containsExactlyInAnyOrder("symptom-prior",
                "restarts-with-high-memory");
        assertThat(groupedConfidence("MEMORY_EXHAUSTION")).isEqualTo(0.6);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("APPLICATION_CRASH") && v.getConfidence() < 0)
                .hasSize(1);
    }

    @Test
    void shouldRankBadDeploymentFirstWhenTheCrashLoopFollowsADeploy() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("RECENT_DEPLOY", "shop", "v2.4.0"));
        fire();
        assertFired("Crash looping after a recent deploy suggests a bad deployment");
        assertThat(rankedByGroup()).first().isEqualTo("BAD_DEPLOYMENT");
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.625);
        assertThat(questionCodes()).containsExactly("CRASH_EXIT_REASON");
    }

    @Test
    void shouldNotTieADeployOfAnotherSystemToTheCrashLoop() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("RECENT_DEPLOY", "billing", "v9"));
        fire();
        assertNotFired("Crash looping after a recent deploy suggests a bad deployment");
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
    }

    @Test
    void shouldRankConfigurationChangeFirstWhenTheCrashLoopFollowsAConfigurationChange() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("RECENT_CONFIG_CHANGE", "shop", "change 7"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isEqualTo(0.56);
    }

    @Test
    void shouldSuggestAMemoryLeakWhenTheCrashLoopComesWithAFullJvmHeap() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), symptom("JVM_HEAP_HIGH", "shop", "checkout-api"));
        fire();
        assertThat(groupedConfidence("MEMORY_LEAK")).isEqualTo(0.35);
    }

    @Test
    void shouldMoveToMemoryExhaustionWhenTheAnalystReportsAnOutOfMemoryKill() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"));
        fire();
        insert(answer("CRASH_EXIT_REASON", "oom-killed"));
        fire();
        assertFired("Analyst reports an out-of-memory kill suggests memory exhaustion",
                "Analyst reports an out-of-memory kill counts against an application defect");
        assertThat(rankedByGroup()).first().isEqualTo("MEMORY_EXHAUSTION");
        assertThat(groupedConfidence("MEMORY_EXHAUSTION")).isEqualTo(0.68);
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.33);
        assertThat(questionCodes()).containsExactly("RECENT_DEPLOY");
    }

    @Test
    void shouldConfirmAnApplicationCrashAndClearMemoryWhenTheProcessExitedWithAnError() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), answer("CRASH_EXIT_REASON", "error-exit"));
        fire();
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.73);
        assertThat(groupedConfidence("MEMORY_EXHAUSTION")).isEqualTo(0.1);
    }

    @Test
    void shouldPointAtAHungOrOverloadedProcessWhenLivenessProbesKillIt() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), answer("CRASH_EXIT_REASON", "liveness-probe"));
        fire();
        assertThat(groupedConfidence("THREAD_DEADLOCK")).isEqualTo(0.3);
        assertThat(groupedConfidence("SERVER_RESOURCE_BOTTLENECK")).isEqualTo(0.3);
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.385);
    }

    @Test
    void shouldConfirmABadDeploymentWhenTheAnalystReportsAnUnrecordedDeploy() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), answer("RECENT_DEPLOY", "yes"));
        fire();
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isCloseTo(0.5875, within(0.001));
        assertThat(questionCodes()).containsExactly("CRASH_EXIT_REASON");
    }

    @Test
    void shouldGiveASingleRestartOnlyAWeakVoteAndLessStillDuringADeploy() {
        insert(symptom("RESTARTED", "shop", "checkout-api"));
        fire();
        assertThat(rankedByGroup()).containsExactly("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.3);
        assertThat(questionCodes()).isEmpty();

        insert(symptom("RECENT_DEPLOY", "shop", "v2.4.0"));
        fire();
        assertFired("Restart during a recent deploy counts against an application crash");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.21);
    }

    @Test
    void shouldVoteOnceForASymptomSeenBothForSureAndFromAnAlertsWords() {
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"), inferred("CRASH_LOOPING", "shop", "checkout-api"),
                inferred("CRASH_LOOPING", "shop", "worker"));
        fire();
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("APPLICATION_CRASH")).hasSize(1);
        assertThat(confidence("APPLICATION_CRASH")).isEqualTo(0.55);
    }

    @Test
    void shouldRankReplicasUnavailableFirstAndAskWhatStateTheMissingReplicasAreIn() {
        insert(symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("REPLICAS_UNAVAILABLE");
        assertThat(groupedConfidence("REPLICAS_UNAVAILABLE")).isEqualTo(0.55);
        assertThat(rankedByGroup()).contains("CLUSTER_CAPACITY_EXHAUSTED", "APPLICATION_CRASH", "BAD_DEPLOYMENT");
        assertThat(questionCodes()).containsExactly("REPLICA_STATE");
    }

    @Test
    void shouldRankClusterCapacityFirstWhenReplicasAreMissingWhileTheClusterIsFull() {
        insert(symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"), symptom("CAPACITY_EXHAUSTED", "shop", "prod"));
        fire();
        assertFired("Unavailable replicas while cluster capacity is exhausted suggest exhausted cluster capacity");
        assertThat(rankedByGroup()).first().isEqualTo("CLUSTER_CAPACITY_EXHAUSTED");
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.775);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotTieAFullClusterOfAnotherSystemToMissingReplicas() {
        insert(symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"),
                symptom("CAPACITY_EXHAUSTED", "billing", "prod"));
        fire();
        assertNotFired("Unavailable replicas while cluster capacity is exhausted suggest exhausted cluster capacity");
        assertThat(groupsVotingFor("CLUSTER_CAPACITY_EXHAUSTED")).containsOnly("symptom-prior");
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.55);
    }

    @Test
    void shouldRankClusterCapacityFirstWhenTheAnalystReportsPendingReplicas() {
        insert(symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"), answer("REPLICA_STATE", "pending-unschedulable"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CLUSTER_CAPACITY_EXHAUSTED");
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.68);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRankAnApplicationCrashFirstWhenMissingReplicasAreCrashLooping() {
        insert(symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"), symptom("CRASH_LOOPING", "shop", "checkout-api"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.73);
    }

    @Test
    void shouldAddToHostDownWhenReplicasDisappearWithTheirHost() {
        insert(symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"), symptom("HOST_UNREACHABLE", "shop", "node-3"));
        fire();
        assertFired("Unavailable replicas on an unreachable host suggest the host is down");
        assertThat(groupedConfidence("HOST_DOWN")).isEqualTo(0.4);
    }

    @Test
    void shouldRankBadDeploymentFirstForAStuckRolloutWithMissingReplicas() {
        insert(symptom("ROLLOUT_STUCK", "shop", "checkout-api"), symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("BAD_DEPLOYMENT");
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.73);
        assertThat(questionCodes()).containsExactly("REPLICA_STATE");
    }

    @Test
    void shouldRankClusterCapacityFirstWhenAStuckRolloutWaitsForRoom() {
        insert(symptom("ROLLOUT_STUCK", "shop", "checkout-api"), symptom("CAPACITY_EXHAUSTED", "shop", "prod"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CLUSTER_CAPACITY_EXHAUSTED");
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.753);
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.413);
    }

    @Test
    void shouldCountReplicasAndARolloutBlockedByCapacityAsOneKindOfEvidence() {
        insert(symptom("ROLLOUT_STUCK", "shop", "checkout-api"), symptom("REPLICAS_UNAVAILABLE", "shop", "checkout-api"),
                symptom("CAPACITY_EXHAUSTED", "shop", "prod"));
        fire();
        assertNotFired("Unavailable replicas during a stuck rollout suggest a bad deployment");
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.775);
        assertThat(rankedByGroup()).first().isEqualTo("CLUSTER_CAPACITY_EXHAUSTED");
    }

    @Test
    void shouldRankClusterCapacityFirstForExhaustedCapacityAlone() {
        insert(symptom("CAPACITY_EXHAUSTED", "shop", "prod"));
        fire();
        assertThat(rankedByGroup()).containsExactly("CLUSTER_CAPACITY_EXHAUSTED", "TRAFFIC_SURGE");
        assertThat(groupedConfidence("CLUSTER_CAPACITY_EXHAUSTED")).isEqualTo(0.55);
    }

    @Test
    void shouldSuggestCpuSaturationAndRecommendCpuLimitTuningForThrottledContainers() {
        insert(symptom("CPU_THROTTLED", "shop", "checkout-api"));
        fire();
        assertThat(rankedByGroup()).containsExactly("CPU_SATURATION", "SERVER_RESOURCE_BOTTLENECK");
        assertThat(groupedConfidence("CPU_SATURATION")).isEqualTo(0.5);
        assertThat(recommendedPlaybooks("CPU_SATURATION")).containsExactly("CPU_LIMIT_TUNING");

        insert(symptom("SLOW_RESPONSE", "shop", "checkout"));
        fire();
        assertThat(groupedConfidence("CPU_SATURATION")).isEqualTo(0.625);
    }

    @Test
    void shouldRankBatchJobFailureFirstForAFailedJobAlone() {
        insert(symptom("JOB_FAILED", "shop", "nightly-backup"));
        fire();
        assertThat(rankedByGroup()).containsExactly("BATCH_JOB_FAILURE");
        assertThat(groupedConfidence("BATCH_JOB_FAILURE")).isEqualTo(0.55);
    }

    @Test
    void shouldRankDiskFullFirstWhenAJobFailsOnAFullDisk() {
        insert(symptom("JOB_FAILED", "shop", "nightly-backup"), symptom("DISK_FULL", "shop", "/backup"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("DISK_FULL");
        assertThat(groupedConfidence("DISK_FULL")).isEqualTo(0.55);
        assertThat(groupedConfidence("BATCH_JOB_FAILURE")).isEqualTo(0.44);
    }

    @Test
    void shouldRankTheDatabaseFirstWhenAJobFailsWhileItsDatabaseIsDown() {
        insert(symptom("JOB_FAILED", "shop", "report"), symptom("DB_DOWN", "shop", "orders-db"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("DATABASE_DOWN");
    }

    @Test
    void shouldNotTieAFullDiskOfAnotherSystemToAFailedJob() {
        insert(symptom("JOB_FAILED", "shop", "nightly-backup"), symptom("DISK_FULL", "billing", "/var"));
        fire();
        assertThat(votes()).extracting(CandidateCause::getCauseCode).containsOnly("BATCH_JOB_FAILURE");
        assertThat(groupedConfidence("BATCH_JOB_FAILURE")).isEqualTo(0.55);
    }

    @Test
    void shouldAddToBadDeploymentAndDependencyOutageWhenAJobFailsAfterADeployOrOnAFailingDependency() {
        insert(symptom("JOB_FAILED", "shop", "payout"), symptom("RECENT_DEPLOY", "shop", "v3"),
                symptom("DEPENDENCY_FAILING", "shop", "payments-gateway"));
        fire();
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.4);
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isEqualTo(0.35);
    }

    @Test
    void shouldWithdrawTheCombinationVotesWhenTheSecondSymptomGoes() {
        var memory = symptom("HIGH_MEMORY", "shop");
        insert(symptom("CRASH_LOOPING", "shop", "checkout-api"));
        var handle = session.insert(memory);
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("MEMORY_EXHAUSTION");
        session.delete(handle);
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_CRASH");
        assertThat(groupedConfidence("APPLICATION_CRASH")).isEqualTo(0.55);
    }

    @Test
    void shouldNotLetAnAlertReadFromItsWordsWeakenACrashLoopSeenForSure() {
        insert(symptom("CRASH_LOOPING", "shop", "zz-worker"));
        fire();
        double sure = confidence("APPLICATION_CRASH");
        insert(inferred("CRASH_LOOPING", "shop", "aa-api"));
        fire();
        assertThat(confidence("APPLICATION_CRASH")).isEqualTo(sure);
    }
}
