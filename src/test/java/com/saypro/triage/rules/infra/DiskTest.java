package com.saypro.triage.rules.infra;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.alertWithSeverity;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.criticalAlert;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class DiskTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("infra/Disk.drl");
    }

    @Test
    void shouldSuggestDiskFullAsTopCauseForACriticalNodeFilesystemAlmostOutOfSpaceAlert() {
        insert(criticalAlert("NodeFilesystemAlmostOutOfSpace", "rms", "job", "node", "severity", "critical",
                "mountpoint", "/var", "system", "rms"));
        fire();
        assertFired("Full filesystem on a system suggests disk full",
                "Critical filesystem space alert suggests disk full more strongly");
        assertThat(symptoms()).containsExactly(new Symptom("DISK_FULL", "rms", "/var", ""));
        assertThat(rankedCauses()).containsExactly("DISK_FULL");
        assertThat(confidence("DISK_FULL")).isEqualTo(0.7);
        assertThat(questionCodes()).containsExactly("DISK_SPACE_OK");
    }

    @Test
    void shouldSuggestDiskFullForAWarningHostOutOfDiskSpaceAlert() {
        insert(alert("HostOutOfDiskSpace", "lms", "mountpoint", "/"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("DISK_FULL");
        assertNotFired("Critical filesystem space alert suggests disk full more strongly");
        assertThat(confidence("DISK_FULL")).as("one alert, counted once").isEqualTo(0.5);
    }

    @Test
    void shouldRecogniseTheCommonFilesystemAlertNames() {
        List<String> names = List.of("HostOutOfDiskSpace", "HostDiskWillFillIn24Hours", "HostOutOfInodes",
                "HostInodesWillFillIn24Hours", "NodeFilesystemAlmostOutOfSpace", "NodeFilesystemSpaceFillingUp",
                "NodeFilesystemAlmostOutOfFiles", "NodeFilesystemFilesFillingUp", "KubePersistentVolumeFillingUp",
                "ContainerVolumeUsage", "WindowsDiskAlmostOutOfSpace", "ElasticsearchDiskOutOfSpace");
        for (String name : names) {
            insert(alert(name, "rms", "mountpoint", "/" + name, "component", name));
        }
        fire();
        assertThat(symptoms()).hasSize(names.size()).extracting(Symptom::getCode).containsOnly("DISK_FULL");
    }

    @Test
    void shouldGiveAWarningFilesystemAlertLessWeightThanACriticalOne() {
        insert(alert("NodeFilesystemSpaceFillingUp", "rms", "mountpoint", "/var"));
        fire();
        assertThat(confidence("DISK_FULL")).isEqualTo(0.5);
        insert(criticalAlert("NodeFilesystemAlmostOutOfSpace", "rms", "mountpoint", "/var"));
        fire();
        assertThat(votes()).filteredOn(v -> v.getConfidence() == 0.7).singleElement()
                .satisfies(v -> assertThat(v.getReason()).startsWith("NodeFilesystemAlmostOutOfSpace"));
        assertThat(confidence("DISK_FULL")).isEqualTo(0.7);
    }

    @Test
    void shouldVoteOncePerSystemHoweverManyFilesystemsAreFull() {
        insert(criticalAlert("HostOutOfDiskSpace", "rms", "mountpoint", "/var"),
                criticalAlert("HostOutOfDiskSpace", "rms", "mountpoint", "/data"));
        fire();
        assertThat(symptoms()).hasSize(2);
        assertThat(votes()).as("the symptom vote and the critical alert vote, once each").hasSize(2);
        assertThat(confidence("DISK_FULL")).isEqualTo(0.7);
    }

    @Test
    void shouldDeriveDiskFullFromUtilisationAtNinetyPercentAndVoteMoreAtNinetyFive() {
        insert(metric("rms", "disk_utilization", 0.91, "mountpoint", "/var"));
        fire();
        assertThat(symptoms()).extracting(Symptom::getDetail).containsExactly("disk /var 91.0% used (threshold 90%)");
        assertThat(confidence("DISK_FULL")).isEqualTo(0.5);

        insert(metric("rms", "disk_utilization", 0.97, "mountpoint", "/var"));
        fire();
        assertFired("Disk utilisation at or above ninety-five percent suggests disk full more strongly");
        assertThat(confidence("DISK_FULL")).isEqualTo(0.7);
    }

    @Test
    void shouldDeriveNothingForAHealthyDisk() {
        insert(metric("rms", "disk_utilization", 0.55), metric("rms", "disk_io_utilization", 0.3));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(2);
    }

    @Test
    void shouldIgnoreAResolvedFilesystemAlert() {
        insert(new Alert(50, "HostOutOfDiskSpace", "rms", "", "critical", "resolved", Map.of("mountpoint", "/var"),
                Map.of(), Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:20:00Z"), "fp", 60));
        fire();
        assertThat(firedRules).isEmpty();
        assertThat(workingMemorySize()).as("the alert and its reading").isEqualTo(2);
    }

    @Test
    void shouldStrengthenDiskFullWithANoSpaceLeftLogAndNotAskThen() {
        insert(alert("HostOutOfDiskSpace", "rms", "mountpoint", "/var"),
                log("rms", "ERROR", "java.io.IOException: No space left on device"),
                log("rms", "ERROR", "write failed: No space left on device"));
        fire();
        assertFired("No space left on device in the logs suggests disk full");
        assertThat(votes()).filteredOn(v -> v.getConfidence() == 0.6).hasSize(1);
        assertThat(confidence("DISK_FULL")).as("the alert (0.5) and, independently, the failed writes (0.6)").isEqualTo(0.8);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldSuggestDiskFullFromANoSpaceLogAlone() {
        insert(log("rms", "ERROR", "ERROR 3 (HY000): Error writing file '/tmp/MYfd=37' (Errcode: 28 - No space left on device)"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(confidence("DISK_FULL")).isEqualTo(0.6);
    }

    @Test
    void shouldRuleDiskFullOutWhenTheAnalystSaysDiskSpaceIsFine() {
        insert(criticalAlert("NodeFilesystemAlmostOutOfSpace", "rms", "mountpoint", "/var"),
                log("rms", "ERROR", "No space left on device"), answer("DISK_SPACE_OK", "yes"));
        fire();
        assertThat(symptomCodes()).containsExactly("DISK_FULL");
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldWithdrawTheVotesWhenTheAnswerArrivesLater() {
        insert(criticalAlert("NodeFilesystemAlmostOutOfSpace", "rms", "mountpoint", "/var"));
        fire();
        assertThat(confidence("DISK_FULL")).isGreaterThanOrEqualTo(0.6);
        insert(answer("DISK_SPACE_OK", "yes"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldSuggestDiskFullWhenTheAnalystReportsAFullFilesystem() {
        insert(answer("DISK_SPACE_OK", "no"));
        fire();
        assertThat(confidence("DISK_FULL")).isEqualTo(0.5);
    }

    @Test
    void shouldDeriveHighDiskIoAndSuggestDiskIoSaturationFromIoAlerts() {
        List<String> names = List.of("HostUnusualDiskReadRate", "HostUnusualDiskWriteRate", "HostUnusualDiskIo",
                "HostUnusualDiskWriteLatency", "NodeDiskIOSaturation", "HostCpuHighIowait");
        for (String name : names) {
            insert(alertWithSeverity(name, "rms", "warning", "device", "sd-" + name));
        }
        fire();
        assertThat(symptoms()).hasSize(names.size()).extracting(Symptom::getCode).containsOnly("DISK_IO_HIGH");
        assertThat(rankedCauses()).containsExactly("DISK_IO_SATURATION");
        assertThat(confidence("DISK_IO_SATURATION")).isEqualTo(0.5);
    }

    @Test
    void shouldStrengthenDiskIoSaturationWithSlowResponsesAndHungTasks() {
        insert(metric("rms", "disk_io_utilization", 0.98), new Symptom("SLOW_RESPONSE", "rms", "royalty", "p95 9 s"),
                log("rms", "ERROR", "INFO: task mysqld:1234 blocked for more than 120 seconds."));
        fire();
        assertFired("High disk I/O with slow responses adds to disk I/O saturation",
                "Hung task kernel messages suggest disk I/O saturation");
        assertThat(confidence("DISK_IO_SATURATION")).isEqualTo(0.72);
    }

    @Test
    void shouldNotConfuseDiskIoAlertsWithFullDisks() {
        insert(alert("HostUnusualDiskReadLatency", "rms"));
        fire();
        assertThat(symptomCodes()).containsExactly("DISK_IO_HIGH");
        assertThat(rankedCauses()).doesNotContain("DISK_FULL");
    }
}
