package com.saypro.triage.rules.database;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

class ConnectionPoolTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("database/ConnectionPool.drl");
    }

    private static Alert resolved(String name, String system) {
        return new Alert(3_000_000, name, system, "", "warning", "resolved", Map.of(), Map.of(),
                FactMother.OPENED_AT.minusSeconds(900), FactMother.OPENED_AT.minusSeconds(300), "fp-resolved", 15);
    }

    @Test
    void shouldSuggestPoolExhaustionWhenMysqlHasTooManyConnections() {
        insert(alert("MysqlTooManyConnections(>80%)", "rms", "job", "mysqld"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom",
                "Database at its connection limit suggests connection pool exhaustion");
        assertThat(symptomCodes()).containsExactly("DB_CONNECTIONS_HIGH");
        assertThat(confidence("DB_CONNECTION_POOL_EXHAUSTED")).isEqualTo(0.55);
        // alert + reading + symptom + vote
        assertThat(workingMemorySize()).isEqualTo(4);
    }

    @Test
    void shouldRecogniseServerConnectionAlertVariants() {
        insert(alert("PostgresqlTooManyConnections", "a"), alert("MariadbTooManyConnections", "b"),
                alert("MongodbTooManyConnections", "c"), alert("MysqlConnectionsHigh", "d"),
                alert("NginxHighConnections", "e"), alert("RabbitmqTooManyConnections", "f"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DB_CONNECTIONS_HIGH")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void shouldSeeConnectionLimitFromUtilisationMetricsOnlyAboveNinetyPercent() {
        insert(metric("rms", "db_connections_utilization", 0.93), metric("lms", "db_connections_utilization", 0.7));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactly("rms");
    }

    @Test
    void shouldCompareMysqlThreadsConnectedWithMaxConnections() {
        insert(metric("rms", "mysql_global_variables_max_connections", 151),
                metric("rms", "mysql_global_status_threads_connected", 150),
                metric("lms", "mysql_global_variables_max_connections", 151),
                metric("lms", "mysql_global_status_threads_connected", 40));
        fire();

        assertFired("MySQL threads connected near max connections shows the database at its connection limit");
        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactly("rms");
    }

    @Test
    void shouldSeeConnectionLimitInDatabaseErrors() {
        insert(log("rms", "ERROR", "SQLSTATE[08004] [1040] Too many connections"),
                log("lms", "FATAL", "FATAL:  remaining connection slots are reserved for non-replication superuser connections"));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("rms", "lms");
        assertThat(votes()).hasSize(2);
    }

    @Test
    void shouldSuggestPoolExhaustionFromHikariTimeoutLogs() {
        insert(log("lms", "ERROR",
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms."),
                log("lms", "ERROR",
                        "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms."));
        fire();

        assertFired("Connection request timed out in the pool log shows the application pool exhausted",
                "Application connection pool exhausted suggests connection pool exhaustion");
        assertThat(symptomCodes()).containsExactly("DB_POOL_EXHAUSTED");
        // the log lines are the only observation: the symptom's vote is theirs, not counted again
        assertNotFired("Requests timing out waiting for a pooled connection confirm connection pool exhaustion");
        assertThat(confidence("DB_CONNECTION_POOL_EXHAUSTED")).isEqualTo(0.6);
    }

    @Test
    void shouldSuggestPoolExhaustionFromHikariTimeoutLogsStrongerThanFromThePoolAlertAlone() {
        insert(alert("HikariPoolPendingConnections", "lms", "pool", "HikariPool-1"),
                log("lms", "ERROR",
                "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms."));
        fire();

        assertFired("Requests timing out waiting for a pooled connection confirm connection pool exhaustion");
        // 1 - (1 - 0.6)(1 - 0.4)
        assertThat(confidence("DB_CONNECTION_POOL_EXHAUSTED")).isEqualTo(0.76);
    }

    @Test
    void shouldRecognisePoolAlertsAndOtherPoolLibraries() {
        insert(alert("HikariPoolPendingConnections", "a"), alert("HikaricpPendingConnections", "b"),
                alert("HikariCPConnectionTimeouts", "c"), alert("HikariPoolExhausted", "d"),
                log("e", "ERROR", "org.apache.commons.dbcp.SQLNestedException: Cannot get a connection, pool error Timeout waiting for idle object"),
                log("f", "WARN", "Connection pool exhausted"),
                alert("ThreadPoolExhausted", "g"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DB_POOL_EXHAUSTED")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
        assertThat(symptoms()).filteredOn(s -> s.getSystem().equals("g")).extracting(Symptom::getCode)
                .as("a worker thread pool is not a connection pool").containsExactly("WORKERS_SATURATED");
    }

    @Test
    void shouldVoteOncePerSystemWhenSeveralPoolsArePending() {
        insert(metric("rms", "hikaricp_connections_pending", 12, "pool", "HikariPool-1"),
                metric("rms", "hikaricp_connections_pending", 8, "pool", "HikariPool-2"),
                metric("rms", "hikaricp_connections_pending", 1, "pool", "HikariPool-3"));
        fire();

        assertThat(symptoms()).hasSize(2);
        assertThat(votes()).hasSize(1);
        assertThat(confidence("DB_CONNECTION_POOL_EXHAUSTED")).isEqualTo(0.6);
    }

    @Test
    void shouldIgnoreResolvedAlertsAndHealthyPools() {
        insert(resolved("MysqlTooManyConnections", "rms"), metric("rms", "hikaricp_connections_pending", 0),
                metric("rms", "db_connections_utilization", 0.4), log("rms", "INFO", "HikariPool-1 - Start completed."));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the facts and the alert's reading").isEqualTo(5);
    }
}
