package com.saypro.triage.rules.platform;

import static com.saypro.triage.rules.FactMother.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HostsTest extends PlatformRulesTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("platform/Hosts.drl");
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryVotingRule() {
        assertEveryVotingRuleDeclaresItsCausesAndGroup();
    }

    @Test
    void shouldRankAStorageFailureFirstForStorageErrorsAndAskAboutDiskHardwareErrors() {
        insert(symptom("STORAGE_ERRORS", "shop", "/dev/sdb"));
        fire();
        assertThat(rankedByGroup()).containsExactly("STORAGE_FAILURE", "HARDWARE_FAULT", "DISK_FULL");
        assertThat(groupedConfidence("STORAGE_FAILURE")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("DISK_HARDWARE_ERRORS");
        // the symptom, three votes and the question
        assertThat(workingMemorySize()).isEqualTo(5);
    }

    @Test
    void shouldRankDiskFullFirstWhenStorageErrorsComeWithAFullDisk() {
        insert(symptom("STORAGE_ERRORS", "observability", "prometheus-wal"), symptom("DISK_FULL", "observability", "/prometheus"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("DISK_FULL");
        assertThat(groupedConfidence("DISK_FULL")).isEqualTo(0.6);
        assertThat(groupedConfidence("STORAGE_FAILURE")).isEqualTo(0.44);
    }

    @Test
    void shouldFollowTheAnalystsDiskHardwareCheck() {
        insert(symptom("STORAGE_ERRORS", "shop", "/dev/sdb"), answer("DISK_HARDWARE_ERRORS", "yes"));
        fire();
        assertThat(groupedConfidence("STORAGE_FAILURE")).isEqualTo(0.775);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldWeakenAStorageFailureWhenTheDiskReportsNoErrors() {
        insert(symptom("STORAGE_ERRORS", "shop", "/dev/sdb"), answer("DISK_HARDWARE_ERRORS", "no"));
        fire();
        assertThat(groupedConfidence("STORAGE_FAILURE")).isEqualTo(0.385);
    }

    @Test
    void shouldRankClockSkewFirstForAClockOutOfSync() {
        insert(symptom("CLOCK_SKEW", "shop", "10.0.3.7:9100"));
        fire();
        assertThat(rankedByGroup()).containsExactly("CLOCK_SKEW");
        assertThat(groupedConfidence("CLOCK_SKEW")).isEqualTo(0.6);
    }

    @Test
    void shouldBlameTheClockRatherThanCredentialsWhenAuthenticationFailsOnASkewedHost() {
        insert(symptom("CLOCK_SKEW", "shop", "10.0.3.7:9100"), symptom("AUTH_FAILURES", "shop", "api-gateway"));
        fire();
        assertFired("Clock skew with authentication failures suggests the clock rejects tokens",
                "Clock skew with authentication failures counts against bad credentials");
        assertThat(groupedConfidence("CLOCK_SKEW")).isEqualTo(0.74);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("AUTHENTICATION_FAILURE"))
                .extracting(v -> v.getConfidence()).containsExactly(-0.3);
        assertThat(recommendedPlaybooks("AUTHENTICATION_FAILURE")).containsExactly("CLOCK_SYNC_RESTORE");
    }

    @Test
    void shouldNotTieAuthenticationFailuresOfAnotherSystemToASkewedClock() {
        insert(symptom("CLOCK_SKEW", "shop", "10.0.3.7:9100"), symptom("AUTH_FAILURES", "billing", "api"));
        fire();
        assertThat(votes()).extracting(v -> v.getCauseCode()).containsOnly("CLOCK_SKEW");
        assertThat(groupedConfidence("CLOCK_SKEW")).isEqualTo(0.6);
        assertThat(recommendedPlaybooks("AUTHENTICATION_FAILURE")).isEmpty();
    }

    @Test
    void shouldBlameTheClockForCertificateErrorsAndMoreSoWhenTheCertificateIsValid() {
        insert(symptom("CLOCK_SKEW", "shop", "10.0.3.7:9100"), symptom("CERT_EXPIRING", "shop", "api.example.org"));
        fire();
        assertThat(groupedConfidence("CLOCK_SKEW")).isEqualTo(0.72);

        insert(answer("CERT_EXPIRY_DATE", "no"));
        fire();
        assertFired("Clock skew with a certificate the analyst finds valid suggests clock skew");
        assertThat(groupedConfidence("CLOCK_SKEW")).isEqualTo(0.832);
    }

    @Test
    void shouldRankNetworkLatencyFirstForNetworkErrorsAndAskAboutTheNetworkPath() {
        insert(symptom("NETWORK_ERRORS", "shop", "eth0"));
        fire();
        assertThat(rankedByGroup()).containsExactly("NETWORK_LATENCY", "HARDWARE_FAULT");
        assertThat(groupedConfidence("NETWORK_LATENCY")).isEqualTo(0.5);
        assertThat(questionCodes()).containsExactly("NETWORK_PATH_HEALTHY");
    }

    @Test
    void shouldRankAHardwareFaultFirstWhenNetworkErrorsComeWithHardwareAlarms() {
        insert(symptom("NETWORK_ERRORS", "shop", "eth0"), symptom("HARDWARE_FAULT", "shop", "psu1"));
        fire();
        assertThat(rankedByGroup()).first().isEqualTo("HARDWARE_FAULT");
        assertThat(groupedConfidence("HARDWARE_FAULT")).isEqualTo(0.72);
    }

    @Test
    void shouldRankADnsFailureFirstEvenAfterAConfigurationChangeThatMayHaveCausedIt() {
        insert(symptom("DNS_FAILING", "shop", "coredns"));
        fire();
        assertThat(rankedByGroup()).containsExactly("DNS_FAILURE", "CONFIGURATION_CHANGE");
        assertThat(groupedConfidence("DNS_FAILURE")).isEqualTo(0.6);

        insert(symptom("RECENT_CONFIG_CHANGE", "shop", "change 4"));
        fire();
        assertThat(groupedConfidence("CONFIGURATION_CHANGE")).isEqualTo(0.52);
        assertThat(rankedByGroup()).first().isEqualTo("DNS_FAILURE");
    }

    @Test
    void shouldStrengthenADnsFailureWhenDependencyCallsFailWhileNamesDoNotResolve() {
        insert(symptom("DNS_FAILING", "shop", "coredns"), symptom("DEPENDENCY_FAILING", "shop", "payments-gateway"));
        fire();
        assertThat(groupedConfidence("DNS_FAILURE")).isEqualTo(0.74);
        // no rule of this file votes for the dependency, so there is nothing to weaken
        assertNotFired("Failing dependency calls while names do not resolve count against a dependency outage");
    }

    @Test
    void shouldRankAHardwareFaultFirstForHardwareAlarmsAndMoreSoWhenTheHostWentDown() {
        insert(symptom("HARDWARE_FAULT", "shop", "cpu-temp"));
        fire();
        assertThat(rankedByGroup()).containsExactly("HARDWARE_FAULT", "HOST_DOWN");
        assertThat(groupedConfidence("HARDWARE_FAULT")).isEqualTo(0.6);

        insert(symptom("HOST_UNREACHABLE", "shop", "10.0.3.7:9100"));
        fire();
        assertThat(groupedConfidence("HARDWARE_FAULT")).isEqualTo(0.74);
    }

    @Test
    void shouldNotTieAnUnreachableHostOfAnotherSystemToHardwareAlarms() {
        insert(symptom("HARDWARE_FAULT", "shop", "cpu-temp"), symptom("HOST_UNREACHABLE", "billing", "10.0.9.1:9100"));
        fire();
        assertNotFired("Unreachable host with hardware alarms suggests a hardware fault");
        assertThat(groupedConfidence("HARDWARE_FAULT")).isEqualTo(0.6);
    }
}
