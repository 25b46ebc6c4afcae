package com.saypro.triage.diagnosis.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.knowledge.KbSeedException;

class AlertWordsTests {

    private static final AlertWords WORDS = AlertWords.load(null);

    // --- recognised from the name -------------------------------------------------------------

    @Test
    void shouldReadDiskFullFromNameAndSummaryEvenWhenTheSystemNameSaysQueue() {
        AlertReading reading = infer(alert("AcmeQueueDiskAlmostFull")
                .annotation("summary", "Less than 5% disk space left on the queue host")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("DISK_FULL");
        assertThat(reading.getResource()).isEqualTo("disk");
        assertThat(reading.getKind()).isEqualTo("saturation");
        assertThat(reading.getSource()).isEqualTo(AlertReading.WORDS);
        assertThat(reading.getBasis()).startsWith("\"disk\", \"almost\", \"full\" in the name; ")
                .contains("\"disk\"", "in the summary");
    }

    @Test
    void shouldReadSlowResponseFromLatencyNameAndHistogramQueryInGeneratorUrl() {
        AlertReading reading = infer(alert("WidgetLatencyHigh").annotation("generatorURL", generatorUrl(
                "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket[5m]))) > 0.5")))
                .orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("SLOW_RESPONSE");
        assertThat(reading.getResource()).isEqualTo("requests");
        assertThat(reading.getKind()).isEqualTo("latency");
        assertThat(reading.getBasis()).contains("\"latency\" in the name")
                .contains("http_server_requests_seconds_bucket").contains("in the query");
    }

    @Test
    void shouldReadErrorsSpikingAsHighErrorRateWithoutMistakingTheGatewayForADependency() {
        AlertReading reading = infer(alert("PaymentsGatewayErrorsSpiking")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("HIGH_ERROR_RATE");
        assertThat(reading.getKind()).isEqualTo("errors");
        assertThat(reading.getBasis()).isEqualTo("\"errors\" in the name");
    }

    @Test
    void shouldReadGrowingConsumerLagWithConsumerGroupLabelAsQueueBacklog() {
        AlertReading reading = infer(alert("OrdersConsumerLagGrowing").label("consumergroup", "order-events"))
                .orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("QUEUE_BACKLOG");
        assertThat(reading.getResource()).isEqualTo("queue");
        assertThat(reading.getKind()).isEqualTo("lag");
        assertThat(reading.getRole()).isEqualTo("queue");
        assertThat(reading.getComponent()).isEqualTo("order-events");
        assertThat(reading.getBasis()).contains("\"consumer lag\"").contains("consumergroup label");
    }

    @Test
    void shouldReadTlsCertificateExpiringInDaysAsCertExpiring() {
        AlertReading reading = infer(alert("EdgeTlsCertExpiresIn7Days")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("CERT_EXPIRING");
        assertThat(reading.getResource()).isEqualTo("certificate");
        assertThat(reading.getKind()).isEqualTo("expiring");
    }

    @Test
    void shouldReadCertificateExpiresSoonAsCertExpiring() {
        assertSymptom(alert("CertificateExpiresSoon"), "CERT_EXPIRING");
    }

    @Test
    void shouldReadAWorkerRestartingOftenAsCrashLooping() {
        AlertReading reading = infer(alert("BillingWorkerRestartingOften")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("CRASH_LOOPING");
        assertThat(reading.getResource()).isEqualTo("process");
        assertThat(reading.getKind()).isEqualTo("restarts");
    }

    @Test
    void shouldReadASingleRecentRestartAsRestarted() {
        assertSymptom(alert("LedgerServiceRestarted"), "RESTARTED");
    }

    @Test
    void shouldReadLowFreeMemoryAsMemorySaturation() {
        AlertReading reading = infer(alert("LowFreeMemory")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("HIGH_MEMORY");
        assertThat(reading.getResource()).isEqualTo("memory");
        assertThat(reading.getKind()).isEqualTo("saturation");
    }

    @Test
    void shouldReadConsumerLagHighAsQueueLagNotSaturation() {
        AlertReading reading = infer(alert("ConsumerLagHigh")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("QUEUE_BACKLOG");
        assertThat(reading.getKind()).isEqualTo("lag");
    }

    @Test
    void shouldReadUpperCaseAbbreviationsInNames() {
        assertSymptom(alert("HTTPRequestsSlow"), "SLOW_RESPONSE");
    }

    @Test
    void shouldReadAHostDownAsHostUnreachable() {
        AlertReading reading = infer(alert("EdgeNodeDown")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("HOST_UNREACHABLE");
        assertThat(reading.getRole()).isEqualTo("host");
    }

    @Test
    void shouldReadTooManyConnectionsOnACacheAsDatabaseConnectionsHigh() {
        AlertReading reading = infer(alert("SessionRedisTooManyConnections")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("DB_CONNECTIONS_HIGH");
        assertThat(reading.getRole()).isEqualTo("cache");
    }

    @Test
    void shouldReadALaggingDatabaseReplicaAsReplicationLag() {
        assertSymptom(alert("ReportingMysqlReplicaLagging"), "DB_REPLICATION_LAG");
    }

    @Test
    void shouldReadARedClusterAsClusterDegraded() {
        assertSymptom(alert("SearchElasticsearchClusterRed"), "CLUSTER_DEGRADED");
    }

    @Test
    void shouldReadDiskReadLatencyAsDiskIoRatherThanSlowResponses() {
        assertSymptom(alert("StorageArrayDiskReadLatencyHigh"), "DISK_IO_HIGH");
    }

    @Test
    void shouldReadContainerCpuThrottlingAsCpuThrottled() {
        AlertReading reading = infer(alert("ContainerCpuThrottlingHigh")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("CPU_THROTTLED");
        assertThat(reading.getRole()).isEqualTo("container");
    }

    @Test
    void shouldReadHeapUsageAsJvmHeapHigh() {
        assertSymptom(alert("CheckoutJVMHeapUsageHigh"), "JVM_HEAP_HIGH");
    }

    @Test
    void shouldRead4xxInTheNameAsClientErrors() {
        assertSymptom(alert("CheckoutApi4xxRateHigh"), "CLIENT_ERRORS_HIGH");
    }

    @Test
    void shouldReadAFailedBackupAsAFailedJob() {
        assertSymptom(alert("NightlyBackupFailed"), "JOB_FAILED");
    }

    // --- recognised from labels, annotations, runbooks and queries -------------------------------

    @Test
    void shouldReadAServerErrorQueryAloneAsHighErrorRate() {
        AlertReading reading = infer(alert("CheckoutRule17").annotation("generatorURL",
                generatorUrl("rate(foo_requests_total{code=~\"5..\"}[5m]) > 1"))).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("HIGH_ERROR_RATE");
        assertThat(reading.getResource()).isEqualTo("requests");
        assertThat(reading.getBasis()).isEqualTo("foo_requests_total, code=~\"5..\" in the query");
    }

    @Test
    void shouldAcceptTheGeneratorUrlAsALabelToo() {
        AlertReading reading = infer(alert("Rule4").label("generatorURL",
                generatorUrl("node_filesystem_avail_bytes{mountpoint=\"/var\"} / node_filesystem_size_bytes < 0.05"))
                .annotation("summary", "The volume is almost full")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("DISK_FULL");
        assertThat(reading.getBasis()).contains("node_filesystem_avail_bytes").contains("in the query");
    }

    @Test
    void shouldReadAMountpointLabelAndASummaryAsDiskFull() {
        AlertReading reading = infer(alert("Acme42").label("mountpoint", "/data").label("fstype", "xfs")
                .annotation("summary", "The volume is almost full")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("DISK_FULL");
        assertThat(reading.getComponent()).isEqualTo("/data");
        assertThat(reading.getRole()).isEqualTo("host");
        assertThat(reading.getBasis()).isEqualTo(
                "fstype, mountpoint labels; \"volume\", \"almost\", \"full\" in the summary");
    }

    @Test
    void shouldReadTheRunbookPathButNotItsHost() {
        AlertReading reading = infer(alert("AcmeAlert7").annotation("runbook_url",
                "https://disk-runbooks.example.com/postgres/replication-lag.md")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo("DB_REPLICATION_LAG");
        assertThat(reading.getBasis()).isEqualTo("\"replication lag\" in the runbook path");
    }

    @Test
    void shouldKeepTheNameDecisiveWhenTheSummaryTalksOfRecovery() {
        assertSymptom(alert("HighErrorRate").annotation("summary", "Error rate recovered below 1%"),
                "HIGH_ERROR_RATE");
    }

    // --- not failures ------------------------------------------------------------------------

    @Test
    void shouldReadAnOkNameAsInformationalNotAsDiskFull() {
        AlertReading reading = infer(alert("DiskSpaceOK")).orElseThrow();

        assertThat(reading.getSymptom()).isEqualTo(AlertReading.NO_SYMPTOM);
        assertThat(reading.getKind()).isEqualTo("info");
        assertThat(reading.getResource()).isEqualTo("disk");
        assertThat(reading.isInformational()).isTrue();
    }

    @Test
    void shouldReadARecoveredNameAsInformational() {
        assertSymptom(alert("AcmeDiskUsageRecovered"), AlertReading.NO_SYMPTOM);
    }

    @Test
    void shouldReadNotHealthyAsAFailureNotAsCalm() {
        assertSymptom(alert("CheckoutServiceNotHealthy"), "SERVICE_DOWN");
    }

    @Test
    void shouldNotReadACalmWordThatDescribesTheNextWordAsCalm() {
        assertThat(infer(alert("SearchHealthyDataNodes"))).isEmpty();
    }

    @Test
    void shouldKeepCrashLoopingWhenTheSummarySaysRestarted() {
        assertSymptom(alert("LedgerServiceCrashLooping").annotation("summary", "The service restarted 6 times"),
                "CRASH_LOOPING");
    }

    @Test
    void shouldReadClientAndServerStatusClassesTogetherAsHighErrorRate() {
        assertSymptom(alert("ApiCallsFailing").annotation("generatorURL",
                generatorUrl("sum(rate(rest_client_requests_total{code=~\"(4|5)..\"}[5m])) > 0.1")), "HIGH_ERROR_RATE");
    }

    @Test
    void shouldNotFallBackToAKindFarBehindTheBestOne() {
        assertThat(infer(alert("IngestPartitionLagCritical").annotation("summary", "Ingestion is delayed"))).isEmpty();
    }

    // --- failure vocabulary ------------------------------------------------------------------------

    @Test
    void shouldReadUnassignedOrTooFewMembersAsClusterDegraded() {
        assertSymptom(alert("SearchIndexUnassignedShards"), "CLUSTER_DEGRADED");
        assertSymptom(alert("LedgerClusterTooFewMembers"), "CLUSTER_DEGRADED");
        assertSymptom(alert("StoreNoLeader").annotation("summary", "The cluster has no elected leader"),
                "CLUSTER_DEGRADED");
        assertSymptom(alert("CacheMultipleMasters"), "CLUSTER_DEGRADED");
        assertSymptom(alert("GossipPeersInconsistent"), "CLUSTER_DEGRADED");
    }

    @Test
    void shouldReadOvercommitAndQuotaAsCapacityNotAsHostMemory() {
        assertSymptom(alert("TenantMemoryOvercommit"), "CAPACITY_EXHAUSTED");
        assertSymptom(alert("TeamCpuQuotaExceeded"), "CAPACITY_EXHAUSTED");
        assertSymptom(alert("AutoscalerAtMaximum").annotation("summary", "The hpa cannot add replicas"),
                "CAPACITY_EXHAUSTED");
        assertSymptom(alert("WorkerNodeTooManyPods"), "CAPACITY_EXHAUSTED");
    }

    @Test
    void shouldReadOutOfMemoryAndEvictionsAsMemorySaturation() {
        assertSymptom(alert("BatchHostOutOfMemory"), "HIGH_MEMORY");
        assertSymptom(alert("WorkerMemoryPagesFaults"), "HIGH_MEMORY");
        assertSymptom(alert("HostEvictions").annotation("summary", "Available memory is low, so workloads are evicted"),
                "HIGH_MEMORY");
    }

    @Test
    void shouldReadRolloutVocabularyAsRolloutStuck() {
        assertSymptom(alert("BillingStatefulsetUpdateNotRolledOut"), "ROLLOUT_STUCK");
        assertSymptom(alert("EdgeDaemonsetMisscheduled"), "ROLLOUT_STUCK");
        assertSymptom(alert("FleetVersionMismatch"), "ROLLOUT_STUCK");
        assertSymptom(alert("ShopContainerWaiting"), "ROLLOUT_STUCK");
    }

    @Test
    void shouldReadTooFewHealthyPodsOfABudgetAsReplicasUnavailable() {
        assertSymptom(alert("CheckoutDisruptionBudgetNotEnoughPods"), "REPLICAS_UNAVAILABLE");
        assertSymptom(alert("AgentDaemonsetNotScheduled"), "REPLICAS_UNAVAILABLE");
    }

    @Test
    void shouldReadAlertDeliveryAndRemoteStorageFailuresAsNotificationsFailing() {
        assertSymptom(alert("RulerErrorSendingAlerts"), "NOTIFICATIONS_FAILING");
        assertSymptom(alert("MetricsRemoteStorageFailures"), "NOTIFICATIONS_FAILING");
        assertSymptom(alert("RulerNotificationQueueFull"), "NOTIFICATIONS_FAILING");
    }

    @Test
    void shouldReadTsdbFailuresAsStorageErrorsAndRunTogetherAcronymsAsWords() {
        assertSymptom(alert("MetricsTSDBCompactionsFailing"), "STORAGE_ERRORS");
        assertSymptom(alert("MetricsTSDBWALCorrupted"), "STORAGE_ERRORS");
        assertThat(AlertText.words("CacheDNSSERVFAIL", w -> w.equals("dns") || w.equals("servfail")))
                .containsExactly("cache", "dns", "servfail");
        assertThat(AlertText.words("Download", w -> w.equals("down") || w.equals("load"))).containsExactly("download");
        assertSymptom(alert("ResolverDNSSERVFAILHigh"), "DNS_FAILING");
    }

    @Test
    void shouldReadScrapeLimitsAndSlowEvaluationsAsMonitoringDegraded() {
        assertSymptom(alert("CollectorScrapeSampleLimitHit"), "MONITORING_DEGRADED");
        assertSymptom(alert("RulerRuleEvaluationSlow"), "MONITORING_DEGRADED");
        assertSymptom(alert("AgentScrapeOutOfOrder"), "MONITORING_DEGRADED");
        assertSymptom(alert("ShopSeriesCardinalityHigh"), "MONITORING_DEGRADED");
    }

    @Test
    void shouldReadHotComponentsAsHardwareFaults() {
        assertSymptom(alert("RackSensorTooHot"), "HARDWARE_FAULT");
        assertSymptom(alert("ChassisOvertemperatureAlarm"), "HARDWARE_FAULT");
    }

    @Test
    void shouldReadFlappingInactiveAndDisconnectedParts() {
        assertSymptom(alert("UplinkInterfaceFlapping"), "NETWORK_ERRORS");
        assertSymptom(alert("ArchiveRaidArrayInactive"), "STORAGE_ERRORS");
        assertSymptom(alert("LedgerDisconnectedStandby"), "DB_REPLICATION_LAG");
        assertSymptom(alert("LedgerReplicationBroken"), "DB_REPLICATION_LAG");
        assertSymptom(alert("OrdersDbOutOfSync"), "DB_REPLICATION_LAG");
    }

    @Test
    void shouldReadRejectedConnectionsAsAServerAtItsLimit() {
        assertSymptom(alert("BrokerRejectedConnections"), "CONNECTIONS_HIGH");
        assertSymptom(alert("SessionCacheRejectedConnections"), "DB_CONNECTIONS_HIGH");
        assertSymptom(alert("LedgerDbRejectedConnections"), "DB_CONNECTIONS_HIGH");
        assertSymptom(alert("GatewayTooManyOpenFiles"), "CONNECTIONS_HIGH");
        assertSymptom(alert("KernelFileDescriptorLimit"), "CONNECTIONS_HIGH");
    }

    @Test
    void shouldReadRestartsOfAnyPartAndSlowJobs() {
        assertSymptom(alert("LedgerDbRestarted"), "RESTARTED");
        assertSymptom(alert("IndexerCrashlooping"), "CRASH_LOOPING");
        assertSymptom(alert("NightlyExportJobTooLong"), "JOB_FAILED");
        assertSymptom(alert("CleanupJobNotStarting"), "JOB_FAILED");
        assertSymptom(alert("CollectorGcPauseTooLong").label("job", "jvm"), "JVM_GC_PRESSURE");
        assertSymptom(alert("WorkerThreadPoolRejections"), "WORKERS_SATURATED");
    }

    @Test
    void shouldReadAFailedProbeAndASlowPing() {
        assertSymptom(alert("StorefrontProbeFailed"), "SERVICE_DOWN");
        assertSymptom(alert("BranchOfficeSlowPing"), "NETWORK_ERRORS");
    }

    @Test
    void shouldReadFailoversPartitionsAndShrinkingInSyncSetsAsClusterDegraded() {
        assertSymptom(alert("LedgerStoreNoPrimary"), "CLUSTER_DEGRADED");
        assertSymptom(alert("BrokerMeshNetworkPartition"), "CLUSTER_DEGRADED");
        assertSymptom(alert("EventsISRShrinking"), "CLUSTER_DEGRADED");
        assertSymptom(alert("OrdersDbRoleChanged"), "CLUSTER_DEGRADED");
    }

    @Test
    void shouldReadAnXDownAsTheServiceDownWhenOnlyTheSummaryNamesTheExporter() {
        assertSymptom(alert("WebFrontDown").annotation("summary", "The exporter cannot reach the web front"),
                "SERVICE_DOWN");
        assertSymptom(alert("MetricsExporterDown"), "MONITORING_DEGRADED");
        assertSymptom(alert("PoolHasNoAliveBackends"), "SERVICE_DOWN");
    }

    @Test
    void shouldReadDatabaseMaintenanceLocksAndCacheHitsFromTheirWords() {
        assertSymptom(alert("LedgerTableNotAutoVacuumed"), "DB_MAINTENANCE");
        assertSymptom(alert("LedgerDbTooManyLocks"), "DB_DEADLOCKS");
        assertSymptom(alert("LedgerLowCacheHitRatio"), "HIGH_MEMORY");
        assertSymptom(alert("LedgerWalArchiveFailing"), "JOB_FAILED");
    }

    @Test
    void shouldReadClockOffsetsConnectionErrorsAndSlowQueues() {
        assertSymptom(alert("HostClockOffset"), "CLOCK_SKEW");
        assertSymptom(alert("HostNtpDelay"), "CLOCK_SKEW");
        assertSymptom(alert("EdgeBackendConnectionErrors"), "NETWORK_ERRORS");
        assertSymptom(alert("OrdersQueueSlowConsuming"), "QUEUE_BACKLOG");
        assertSymptom(alert("FleetDifferentVersions"), "ROLLOUT_STUCK");
        assertSymptom(alert("BrokerLogDirectoryOffline"), "STORAGE_ERRORS");
    }

    @Test
    void shouldStillNotGuessFromVagueFailureWords() {
        assertThat(infer(alert("FooBarInconsistent"))).isEmpty();
        assertThat(infer(alert("FooBarTooLong"))).isEmpty();
        assertThat(infer(alert("FooBarFlapping"))).isEmpty();
        assertThat(infer(alert("FooBarInactive"))).isEmpty();
        assertThat(infer(alert("FooBarChanged"))).isEmpty();
        assertThat(infer(alert("FooBarNoActive"))).isEmpty();
        assertThat(infer(alert("DownloadsPerMinute"))).isEmpty();
    }

    // --- not enough words: no reading ------------------------------------------------------------

    @Test
    void shouldNotGuessFromMeaninglessWords() {
        assertThat(infer(alert("FooBarAlert").annotation("summary", "Something happened"))).isEmpty();
    }

    @Test
    void shouldNotGuessFromTeamOrSystemWordsAlone() {
        assertThat(infer(alert("PaymentsTeamCheckoutPage").label("job", "payments")
                .label("instance", "10.0.4.2:8080"))).isEmpty();
    }

    @Test
    void shouldNotGuessFromAResourceWithoutAKind() {
        assertThat(infer(alert("LedgerService"))).isEmpty();
    }

    @Test
    void shouldNotReadNegatedKindWordsAsAFailure() {
        assertThat(infer(alert("PaymentsDailyReport")
                .annotation("summary", "No errors and no failures in payment requests today"))).isEmpty();
    }

    @Test
    void shouldNotDecideOnASingleWordInTheSummary() {
        assertThat(infer(alert("CheckoutNotice").annotation("summary", "Latency"))).isEmpty();
    }

    @Test
    void shouldNotCountKindWordsOfARecoverySummary() {
        assertThat(infer(alert("CheckoutNotice")
                .annotation("summary", "Disk space is back to normal, the volume is no longer full"))).isEmpty();
    }

    @Test
    void shouldNotReadKindsForWhichNoResourceIsKnown() {
        assertThat(infer(alert("LicenseExpiresSoon"))).isEmpty();
    }

    @Test
    void shouldNotTakeTheScrapeJobLabelForABatchJob() {
        assertThat(infer(alert("CheckoutAlert").label("job", "checkout"))).isEmpty();
    }

    // --- the reading ---------------------------------------------------------------------------

    @Test
    void shouldCopyTheAlertAndTheFamilyIntoTheReadingAndTakeTheRoleFromTheFamily() {
        Alert alert = new Alert(42, "PaymentsErrorsSpiking", "payments", "gateway", "critical", "firing",
                Map.of(), Map.of(), Instant.parse("2026-11-20T10:00:00Z"), null, "fp", 3);

        AlertReading reading = WORDS.infer(alert, "nginx").orElseThrow();

        assertThat(reading.getAlertId()).isEqualTo(42);
        assertThat(reading.getSystem()).isEqualTo("payments");
        assertThat(reading.getComponent()).isEqualTo("gateway");
        assertThat(reading.isFiring()).isTrue();
        assertThat(reading.isCritical()).isTrue();
        assertThat(reading.getFamily()).isEqualTo("nginx");
        assertThat(reading.getRole()).isEqualTo("web");
        assertThat(reading.isInferred()).isTrue();
    }

    // --- words and queries -----------------------------------------------------------------------

    @Test
    void shouldSplitNamesAtCaseUnderscoresDashesAndDigits() {
        assertThat(AlertText.words("AcmeQueueDiskAlmostFull")).containsExactly("acme", "queue", "disk", "almost",
                "full");
        assertThat(AlertText.words("HTTPRequestsSlow")).containsExactly("http", "requests", "slow");
        assertThat(AlertText.words("EdgeTlsCertExpiresIn7Days")).containsExactly("edge", "tls", "cert", "expires",
                "in", "7", "days");
        assertThat(AlertText.words("api-gateway_5xx_rate")).containsExactly("api", "gateway", "5xx", "rate");
        assertThat(AlertText.words("LatencyP99High")).containsExactly("latency", "p99", "high");
        assertThat(AlertText.words("Api4xxRateHigh")).containsExactly("api", "4xx", "rate", "high");
        assertThat(AlertText.words("node_filesystem_avail_bytes")).containsExactly("node", "filesystem", "avail",
                "bytes");
    }

    @Test
    void shouldFindMetricsLabelKeysAndStatusClassesInAGeneratorUrl() {
        String url = generatorUrl("sum by (le) (rate(http_server_requests_seconds_bucket{status=~\"5..\","
                + "job!=\"x\"}[5m])) / on(instance) redis_connected_clients offset 5m");

        assertThat(AlertText.expressions(url)).hasSize(1);
        AlertText.Query query = AlertText.query(AlertText.expressions(url).get(0));
        assertThat(query.metrics()).containsExactly("http_server_requests_seconds_bucket", "redis_connected_clients");
        assertThat(query.labelKeys()).containsExactly("status", "le", "instance");
        assertThat(query.statusClasses()).containsValue("5xx");
    }

    // --- the dictionary ----------------------------------------------------------------------------

    @Test
    void shouldLoadTheSameDictionaryFromTheFolderAsFromTheJar() {
        AlertWords fromFolder = AlertWords.load(Path.of("kb-seed"));

        assertThat(fromFolder.infer(alert("AcmeQueueDiskAlmostFull").build()).map(AlertReading::getSymptom))
                .contains("DISK_FULL");
    }

    @Test
    void shouldRefuseADictionaryWhoseTableNamesAnUnknownResource() {
        String yaml = """
                weights: {name: 3, labels: 2, query: 2, runbook: 2, summary: 1, message: 1, description: 0.5}
                minimum: 1.5
                resources: {disk: {words: [disk]}}
                kinds: {saturation: {words: [full]}}
                roles: {host: {words: [node]}}
                labels: {}
                symptoms:
                  - {resource: disks, kind: saturation, symptom: DISK_FULL}
                calm: [ok]
                negators: ["no"]
                """;

        assertThatThrownBy(() -> AlertWords.parse(yaml, "test.yaml")).isInstanceOf(KbSeedException.class)
                .hasMessageContaining("symptoms row 1: resource 'disks'");
    }

    @Test
    void shouldReadAKnowledgeEngineersNewWordWithoutCodeChanges() {
        String yaml = """
                weights: {name: 3, labels: 2, query: 2, runbook: 2, summary: 1, message: 1, description: 0.5}
                minimum: 1.5
                resources: {disk: {words: [disk, platter]}}
                kinds: {saturation: {words: [full, brimming]}}
                roles: {host: {words: [node]}}
                labels: {}
                symptoms:
                  - {resource: disk, kind: saturation, symptom: DISK_FULL}
                calm: [ok]
                negators: ["no"]
                """;

        assertThat(AlertWords.parse(yaml, "test.yaml").infer(alert("PlatterBrimming").build())
                .map(AlertReading::getSymptom)).contains("DISK_FULL");
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static Optional<AlertReading> infer(AlertBuilder alert) {
        return WORDS.infer(alert.build(), "");
    }

    private static void assertSymptom(AlertBuilder alert, String symptom) {
        assertThat(infer(alert).map(AlertReading::getSymptom)).as("reading of %s", alert.name).contains(symptom);
    }

    private static String generatorUrl(String expr) {
        return "http://prometheus:9090/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&g0.tab=1";
    }

    private static AlertBuilder alert(String name) {
        return new AlertBuilder(name);
    }

    /** An invented firing warning alert on system "shop". */
    private static final class AlertBuilder {
        private final String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();

        AlertBuilder(String name) {
            this.name = name;
            labels.put("alertname", name);
            labels.put("severity", "warning");
        }

        AlertBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        AlertBuilder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        Alert build() {
            return new Alert(1, name, "shop", "", "warning", "firing", labels, annotations,
                    Instant.parse("2026-11-20T10:00:00Z"), null, "fp-" + name, 5);
        }
    }
}
