package com.saypro.triage.rules.platform;

import static com.saypro.triage.rules.FactMother.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestsTest extends PlatformRulesTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("platform/Requests.drl");
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryVotingRule() {
        assertEveryVotingRuleDeclaresItsCausesAndGroup();
    }

    @Test
    void shouldRankAnApplicationErrorSpikeFirstForManyClientErrorsAndAskAboutADeploy() {
        insert(symptom("CLIENT_ERRORS_HIGH", "shop", "edge-proxy"));
        fire();
        assertThat(rankedByGroup()).containsExactly("APPLICATION_ERROR_SPIKE", "BAD_DEPLOYMENT");
        assertThat(groupedConfidence("APPLICATION_ERROR_SPIKE")).isEqualTo(0.5);
        assertThat(questionCodes()).containsExactly("RECENT_DEPLOY");
    }

    @Test
    void shouldRankABadDeploymentFirstWhenClientErrorsRiseAfterADeploy() {
        insert(symptom("CLIENT_ERRORS_HIGH", "shop", "edge-proxy"), symptom("RECENT_DEPLOY", "shop", "v7.1"));
        fire();
        assertFired("Many client errors after a recent deploy suggest a bad deployment");
        assertThat(rankedByGroup()).first().isEqualTo("BAD_DEPLOYMENT");
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.65);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotTieADeployOfAnotherSystemToClientErrors() {
        insert(symptom("CLIENT_ERRORS_HIGH", "shop", "edge-proxy"), symptom("RECENT_DEPLOY", "billing", "v2"));
        fire();
        assertNotFired("Many client errors after a recent deploy suggest a bad deployment");
        assertThat(rankedByGroup()).first().isEqualTo("APPLICATION_ERROR_SPIKE");
        assertThat(questionCodes()).containsExactly("RECENT_DEPLOY");
    }

    @Test
    void shouldRankABadDeploymentFirstWhenTheAnalystReportsAnUnrecordedDeploy() {
        insert(symptom("CLIENT_ERRORS_HIGH", "shop", "edge-proxy"), answer("RECENT_DEPLOY", "yes"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("BAD_DEPLOYMENT");
        assertThat(groupedConfidence("BAD_DEPLOYMENT")).isEqualTo(0.615);
    }

    @Test
    void shouldRankAnAuthenticationFailureFirstWhenTheClientErrorsAreRejectedLogins() {
        insert(symptom("CLIENT_ERRORS_HIGH", "shop", "edge-proxy"), symptom("AUTH_FAILURES", "shop", "login"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("AUTHENTICATION_FAILURE");
        assertThat(groupedConfidence("AUTHENTICATION_FAILURE")).isEqualTo(0.685);
        assertThat(groupedConfidence("APPLICATION_ERROR_SPIKE")).isEqualTo(0.35);
    }

    @Test
    void shouldRankAnAuthenticationFailureFirstForAuthenticationFailuresAndAskAboutAConfigurationChange() {
        insert(symptom("AUTH_FAILURES", "shop", "login"));
        fire();
        assertThat(rankedByGroup()).containsExactly("AUTHENTICATION_FAILURE", "CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("AUTHENTICATION_FAILURE")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("RECENT_CONFIG_CHANGE");
    }

    @Test
    void shouldRankAConfigurationChangeFirstWhenAuthenticationFailsAfterOne() {
        insert(symptom("AUTH_FAILURES", "shop", "login"), symptom("RECENT_CONFIG_CHANGE", "shop", "secret rotation"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isCloseTo(0.5875, within(0.001));
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRankAConfigurationChangeFirstWhenTheAnalystReportsOneBeforeAuthenticationFailed() {
        insert(symptom("AUTH_FAILURES", "shop", "login"), answer("RECENT_CONFIG_CHANGE", "yes"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CONFIGURATION_CHANGE");
    }

    @Test
    void shouldRankATrafficSurgeFirstForUnusuallyHighTraffic() {
        insert(symptom("TRAFFIC_HIGH", "shop", "edge-proxy"));
        fire();
        assertThat(rankedByGroup()).containsExactly("TRAFFIC_SURGE");
        assertThat(groupedConfidence("TRAFFIC_SURGE")).isEqualTo(0.55);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRankATrafficSurgeFirstWhenWorkersSaturateUnderUnusualTraffic() {
        insert(symptom("WORKERS_SATURATED", "shop", "edge-proxy"), symptom("TRAFFIC_HIGH", "shop", "edge-proxy"),
                symptom("CONNECTIONS_HIGH", "shop", "session-cache"));
        fire();
        assertFired("Unusually high traffic with a saturated tier suggests a traffic surge");
        assertThat(votes()).filteredOn(v -> v.getConfidence() == 0.35 && v.getCauseCode().equals("TRAFFIC_SURGE"))
                .hasSize(1);
        assertThat(rankedByGroup()).first().isEqualTo("TRAFFIC_SURGE");
        assertThat(groupedConfidence("TRAFFIC_SURGE")).isCloseTo(0.7075, within(0.001));
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotTieTrafficOfAnotherSystemToSaturatedWorkers() {
        insert(symptom("WORKERS_SATURATED", "shop", "edge-proxy"), symptom("TRAFFIC_HIGH", "billing", "api"));
        fire();
        assertNotFired("Unusually high traffic with a saturated tier suggests a traffic surge");
        assertThat(questionCodes()).containsExactly("TRAFFIC_ABOVE_NORMAL");
    }

    @Test
    void shouldRankWebServerSaturationFirstForSaturatedWorkersUntilTheAnalystReportsUnusualTraffic() {
        insert(symptom("WORKERS_SATURATED", "shop", "edge-proxy"));
        fire();
        assertThat(rankedByGroup()).containsExactly("WEB_SERVER_SATURATION", "SERVER_RESOURCE_BOTTLENECK",
                "TRAFFIC_SURGE");
        assertThat(groupedConfidence("WEB_SERVER_SATURATION")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("TRAFFIC_ABOVE_NORMAL");

        insert(answer("TRAFFIC_ABOVE_NORMAL", "yes"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("TRAFFIC_SURGE");
        assertThat(groupedConfidence("TRAFFIC_SURGE")).isEqualTo(0.6);
    }

    @Test
    void shouldPointPastTheWebServerWhenItsWorkersWaitOnSlowApplicationServers() {
        insert(symptom("WORKERS_SATURATED", "shop", "edge-proxy"), symptom("SLOW_APP_TIME", "shop", "checkout"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("SERVER_RESOURCE_BOTTLENECK");
        assertThat(groupedConfidence("SERVER_RESOURCE_BOTTLENECK")).isCloseTo(0.5125, within(0.001));
        assertThat(groupedConfidence("WEB_SERVER_SATURATION")).isEqualTo(0.44);
    }

    @Test
    void shouldAddASlowQueryOrADependencyOutageWhenWorkersWaitOnTheDatabaseOrExternalCalls() {
        insert(symptom("WORKERS_SATURATED", "shop", "edge-proxy"), symptom("SLOW_DB_TIME", "shop", "checkout"),
                symptom("SLOW_EXTERNAL_TIME", "shop", "checkout"));
        fire();
        assertThat(groupedConfidence("SLOW_DATABASE_QUERY")).isEqualTo(0.35);
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isEqualTo(0.35);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("WEB_SERVER_SATURATION") && v.getConfidence() < 0)
                .hasSize(1);
    }

    @Test
    void shouldRankADependencyOutageFirstForFailingDependencyCallsAndAskForItsStatus() {
        insert(symptom("DEPENDENCY_FAILING", "shop", "payments-gateway"));
        fire();
        assertThat(rankedByGroup()).containsExactly("DEPENDENCY_OUTAGE", "NETWORK_LATENCY");
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("DEPENDENCY_STATUS");
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("DEPENDENCY_OUTAGE"))
                .extracting(v -> v.getReason()).allMatch(r -> r.contains("payments-gateway"));
    }

    @Test
    void shouldRankCertificateExpiryFirstWhenDependencyCallsFailOnACertificate() {
        insert(symptom("DEPENDENCY_FAILING", "shop", "payments-gateway"), symptom("CERT_EXPIRING", "shop", "payments-gateway"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("CERTIFICATE_EXPIRY");
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isEqualTo(0.44);
    }

    @Test
    void shouldStrengthenADependencyOutageWhenMessagesPileUpBehindIt() {
        insert(symptom("DEPENDENCY_FAILING", "shop", "payments-gateway"), symptom("QUEUE_BACKLOG", "shop", "payouts"));
        fire();
        assertThat(groupedConfidence("DEPENDENCY_OUTAGE")).isCloseTo(0.7075, within(0.001));
    }

    @Test
    void shouldRankOverdueMaintenanceFirstAndMoreSoWhenQueriesAreSlow() {
        insert(symptom("DB_MAINTENANCE", "shop", "orders-db"));
        fire();
        assertThat(rankedByGroup()).containsExactly("DB_MAINTENANCE_OVERDUE", "SLOW_DATABASE_QUERY");
        assertThat(groupedConfidence("DB_MAINTENANCE_OVERDUE")).isEqualTo(0.55);

        insert(symptom("DB_SLOW_QUERIES", "shop", "orders-db"), symptom("SLOW_DB_TIME", "shop", "checkout"));
        fire();
        assertThat(votes()).filteredOn(v -> v.getConfidence() == 0.3).hasSize(1);
        assertThat(groupedConfidence("DB_MAINTENANCE_OVERDUE")).isEqualTo(0.685);
    }

    @Test
    void shouldNotTieSlowQueriesOfAnotherSystemToOverdueMaintenance() {
        insert(symptom("DB_MAINTENANCE", "shop", "orders-db"), symptom("DB_SLOW_QUERIES", "billing", "ledger-db"));
        fire();
        assertNotFired("Slow queries with overdue database maintenance suggest overdue database maintenance");
    }

    @Test
    void shouldBlameTheServersNotAWebServerWhenASearchThreadPoolIsSaturated() {
        insert(new com.saypro.triage.diagnosis.facts.AlertReading(7, "ElasticsearchHighThreadPoolRejectionRatio", "search",
                "es-data-1", true, false, "WORKERS_SATURATED", "threads", "saturation", "search", "elasticsearch",
                "catalog", "ElasticsearchHighThreadPool.*"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("SERVER_RESOURCE_BOTTLENECK");
        assertThat(votes()).extracting(v -> v.getCauseCode()).doesNotContain("WEB_SERVER_SATURATION");
    }

    @Test
    void shouldBlameTheWebServerWhenItsOwnWorkersAreSaturated() {
        insert(new com.saypro.triage.diagnosis.facts.AlertReading(8, "ApacheWorkersLoad", "shop", "edge-1", true, false,
                "WORKERS_SATURATED", "requests", "saturation", "web", "apache", "catalog", "ApacheWorkersLoad"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("WEB_SERVER_SATURATION");
    }
}
