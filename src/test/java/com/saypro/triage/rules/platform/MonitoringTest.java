package com.saypro.triage.rules.platform;

import static com.saypro.triage.rules.FactMother.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class MonitoringTest extends PlatformRulesTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("platform/Monitoring.drl");
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryVotingRule() {
        assertEveryVotingRuleDeclaresItsCausesAndGroup();
    }

    @Test
    void shouldRankAMonitoringFailureFirstForDegradedMonitoring() {
        insert(symptom("MONITORING_DEGRADED", "observability", "prometheus"));
        fire();
        assertFired("Degraded monitoring suggests a monitoring failure");
        assertThat(rankedByGroup()).first().isEqualTo("MONITORING_FAILURE");
        assertThat(groupedConfidence("MONITORING_FAILURE")).isEqualTo(0.55);
        assertThat(rankedByGroup()).containsExactlyInAnyOrder("MONITORING_FAILURE", "CONFIGURATION_CHANGE", "ENDPOINT_DOWN");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRankAConfigurationChangeFirstWhenMonitoringFailsWithARefusedReload() {
        insert(symptom("MONITORING_DEGRADED", "observability", "prometheus"),
                symptom("CONFIG_RELOAD_FAILED", "observability", "prometheus"));
        fire();
        assertFired("Degraded monitoring with a failed configuration reload suggests a faulty configuration change");
        assertThat(rankedByGroup()).first().isEqualTo("CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isEqualTo(0.73);
        assertThat(recommendedPlaybooks("CONFIGURATION_CHANGE")).containsExactly("CONFIG_RELOAD_REPAIR");
    }

    @Test
    void shouldNotTieAReloadFailureOfAnotherSystemToDegradedMonitoring() {
        insert(symptom("MONITORING_DEGRADED", "observability", "prometheus"),
                symptom("CONFIG_RELOAD_FAILED", "shop", "edge-proxy"));
        fire();
        assertNotFired("Degraded monitoring with a failed configuration reload suggests a faulty configuration change");
        assertThat(groupsVotingFor("CONFIGURATION_CHANGE")).containsOnly("symptom-prior");
    }

    @Test
    void shouldAddToAMonitoringFailureWhenIngestionHasStalledToo() {
        insert(symptom("MONITORING_DEGRADED", "observability", "prometheus"),
                symptom("PIPELINE_STALLED", "observability", "prometheus"));
        fire();
        assertThat(groupedConfidence("MONITORING_FAILURE")).isCloseTo(0.7075, within(0.001));
    }

    @Test
    void shouldRankADependencyOutageFirstForFailingNotificationsAndRecommendRestoringDelivery() {
        insert(symptom("NOTIFICATIONS_FAILING", "observability", "alertmanager"));
        fire();
        assertThat(rankedByGroup()).containsExactly("DEPENDENCY_OUTAGE", "CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isEqualTo(0.5);
        assertThat(recommendedPlaybooks("DEPENDENCY_OUTAGE")).containsExactly("NOTIFICATION_DELIVERY_RESTORE");
        assertThat(questionCodes()).containsExactly("DEPENDENCY_STATUS");
    }

    @Test
    void shouldRankAConfigurationChangeFirstWhenNotificationsFailAfterAConfigurationChange() {
        insert(symptom("NOTIFICATIONS_FAILING", "observability", "alertmanager"),
                symptom("RECENT_CONFIG_CHANGE", "observability", "change 12"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isCloseTo(0.5875, within(0.001));
    }

    @Test
    void shouldRankAConfigurationChangeFirstForARefusedReloadAndAskAboutARecentChange() {
        insert(symptom("CONFIG_RELOAD_FAILED", "shop", "edge-proxy"));
        fire();
        assertThat(rankedByGroup()).containsExactly("CONFIGURATION_CHANGE", "BAD_DEPLOYMENT");
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isEqualTo(0.55);
        assertThat(recommendedPlaybooks("CONFIGURATION_CHANGE")).containsExactly("CONFIG_RELOAD_REPAIR");
        assertThat(questionCodes()).containsExactly("RECENT_CONFIG_CHANGE");

        insert(answer("RECENT_CONFIG_CHANGE", "yes"));
        fire();
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isEqualTo(0.73);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldCountARecordedAndAnAnsweredConfigurationChangeAsSeparateEvidenceAndTheRecordedOneOnce() {
        insert(symptom("CONFIG_RELOAD_FAILED", "shop", "edge-proxy"), symptom("MONITORING_DEGRADED", "shop", "exporter"),
                symptom("RECENT_CONFIG_CHANGE", "shop", "change 3"));
        fire();
        assertThat(votes()).filteredOn(v -> v.getConfidence() == 0.45).hasSize(1);
        assertThat(groupsVotingFor("CONFIGURATION_CHANGE")).containsExactlyInAnyOrder("symptom-prior",
                "recent-config-change", "monitoring-with-failed-reload");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldAddToABadDeploymentWhenAReloadFailsAfterARelease() {
        insert(symptom("CONFIG_RELOAD_FAILED", "shop", "edge-proxy"), symptom("RECENT_DEPLOY", "shop", "v5"));
        fire();
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.48);
        assertThat(rankedByGroup()).first().isEqualTo("CONFIGURATION_CHANGE");
    }
}
