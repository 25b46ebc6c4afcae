package com.saypro.triage.rules.database;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

class ReplicationTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("database/Replication.drl");
    }

    @Test
    void shouldSuggestReplicationLagWhenMysqlReplicaLags() {
        insert(alert("MysqlSlaveReplicationLag", "rms", "job", "mysqld"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom", "Lagging database replica suggests replication lag");
        assertThat(symptomCodes()).containsExactly("DB_REPLICATION_LAG");
        assertThat(rankedCauses()).containsExactly("DB_REPLICATION_LAG");
        assertThat(confidence("DB_REPLICATION_LAG")).isEqualTo(0.6);
        assertThat(workingMemorySize()).as("alert, its reading, symptom, vote").isEqualTo(4);
    }

    @Test
    void shouldRecogniseReplicationAlertVariants() {
        insert(alert("MysqlReplicationLag", "a"), alert("PostgresqlReplicationLag", "b"),
                alert("MariadbReplicationLag", "c"), alert("MongodbReplicationLag", "d"),
                alert("RedisReplicationBroken", "e"), alert("KafkaOfflinePartitionCount", "f"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DB_REPLICATION_LAG")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void shouldBeMoreConfidentWhenAReplicationThreadStopped() {
        insert(alert("MysqlSlaveIoThreadNotRunning", "rms"), alert("MysqlSlaveSqlThreadNotRunning", "rms"),
                alert("MysqlSlaveReplicationLag", "rms"));
        fire();

        assertFired("Replication thread stopped confirms replication lag");
        assertThat(symptoms()).hasSize(1);
        assertThat(votes()).hasSize(2);
        assertThat(confidence("DB_REPLICATION_LAG")).isEqualTo(0.76);
    }

    @Test
    void shouldSeeReplicationLagInMetricsAboveThirtySeconds() {
        insert(metric("a", "replication_lag_seconds", 95), metric("b", "replication_lag_seconds", 4),
                metric("c", "mysql_slave_status_seconds_behind_master", 600), metric("d", "pg_replication_lag", 31));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("a", "c", "d");
        assertNotFired("Replication thread stopped confirms replication lag");
    }

    @Test
    void shouldIgnoreResolvedReplicationAlerts() {
        insert(new Alert(5_000_000, "MysqlSlaveReplicationLag", "rms", "", "warning", "resolved", Map.of(), Map.of(),
                FactMother.OPENED_AT.minusSeconds(900), FactMother.OPENED_AT.minusSeconds(300), "fp", 15));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the alert and its reading").isEqualTo(2);
    }
}
