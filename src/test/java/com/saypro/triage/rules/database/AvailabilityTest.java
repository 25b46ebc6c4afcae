package com.saypro.triage.rules.database;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.alertWithAnnotations;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.FactMother;
import com.saypro.triage.rules.RuleFileTestSupport;

class AvailabilityTest extends RuleFileTestSupport {

    private static long nextId = 2_000_000;

    @Override
    protected List<String> ruleFiles() {
        return List.of("database/Availability.drl");
    }

    private static Alert resolvedAlert(String name, String system, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return new Alert(nextId++, name, system, "", "critical", "resolved", map, Map.of(),
                FactMother.OPENED_AT.minusSeconds(600), FactMother.OPENED_AT.minusSeconds(300), "fp-r" + nextId, 10);
    }

    private static MetricSample metricAt(String system, String name, double value, long minutesBefore) {
        Instant at = FactMother.OPENED_AT.minusSeconds(minutesBefore * 60);
        return new MetricSample(nextId++, system, "", name, value, "", at, Map.of(), minutesBefore);
    }

    @Test
    void shouldSuggestDatabaseDownWhenMysqlExporterReportsMysqlDown() {
        insert(alert("MysqlDown", "rms", "job", "mysqld"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom",
                "Database reported down by monitoring suggests database down");
        assertThat(symptomCodes()).containsExactly("DB_DOWN");
        assertThat(rankedCauses()).containsExactly("DATABASE_DOWN");
        assertThat(confidence("DATABASE_DOWN")).isGreaterThanOrEqualTo(0.6);
        assertThat(questionCodes()).containsExactly("DB_REACHABLE");
        // alert + reading + symptom + vote + question
        assertThat(workingMemorySize()).isEqualTo(5);
    }

    @Test
    void shouldRecogniseNamingVariantsOfDatabaseDownAlerts() {
        for (String name : List.of("MySQLInstanceDown", "MariadbDown", "PostgresqlDown", "PostgresDown", "RedisDown",
                "MongodbDown")) {
            insert(alert(name, "sys-" + name));
        }
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("sys-MySQLInstanceDown",
                "sys-MariadbDown", "sys-PostgresqlDown", "sys-PostgresDown", "sys-RedisDown", "sys-MongodbDown");
    }

    @Test
    void shouldLeaveTargetDownOnDatabaseJobsToTheServiceRules() {
        insert(alert("TargetDown", "rms", "job", "mysqld"),
                alert("InstanceDown", "lms", "job", "postgres-exporter"),
                alert("TargetDown", "web", "job", "node"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DB_DOWN")).isEmpty();
        assertThat(rankedCauses()).doesNotContain("DATABASE_DOWN");
    }

    @Test
    void shouldIgnoreResolvedDatabaseDownAlerts() {
        insert(resolvedAlert("MysqlDown", "rms", "job", "mysqld"));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).as("the alert and its reading").isEqualTo(2);
    }

    @Test
    void shouldNotTakeOtherDownAlertsForDatabaseDown() {
        insert(alert("HostDown", "rms", "job", "node"), alert("NginxDown", "rms"), alert("MysqlTooManyConnections", "rms"));
        fire();

        assertThat(symptomCodes()).doesNotContain("DB_DOWN");
        assertThat(rankedCauses()).doesNotContain("DATABASE_DOWN", "DB_CONNECTION_FAILURE");
    }

    @Test
    void shouldSeeDatabaseDownFromUpMetricOnlyWhileItStaysAtZero() {
        insert(metricAt("rms", "mysql_up", 0, 10));
        fire();
        assertFired("Database up metric at zero shows the database down", "Database up metric at zero suggests database down");
        assertThat(confidence("DATABASE_DOWN")).isEqualTo(0.55);

        insert(metricAt("rms", "mysql_up", 1, 2));
        fire();
        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldNotDeriveAnythingFromHealthyUpMetric() {
        insert(metric("rms", "pg_up", 1));
        fire();
        assertThat(symptomCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(1);
    }

    @Test
    void shouldSuggestDatabaseDownWhenPostgresIsShuttingDown() {
        insert(log("lms", "FATAL", "FATAL:  the database system is shutting down"),
                log("lms", "FATAL", "FATAL: the database system is starting up"));
        fire();

        assertFired("Database shutting down or starting up log shows the database down",
                "Database shutting down or starting up suggests database down");
        assertThat(votes()).hasSize(1);
        assertThat(confidence("DATABASE_DOWN")).isEqualTo(0.6);
        assertThat(confidence("DB_CONNECTION_FAILURE")).isZero();
    }

    @Test
    void shouldLeaveCommunicationsLinkFailureWithoutAlertBetweenDownAndConnectionFailure() {
        insert(log("lms", "ERROR", "com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure"),
                log("lms", "ERROR", "com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure"));
        fire();

        assertFired("Database server unreachable log shows the database down",
                "Application unable to reach the database server suggests database down",
                "Database connection errors while the database is not reported down suggest a connection failure");
        assertThat(confidence("DATABASE_DOWN")).isEqualTo(0.4);
        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.5);
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        assertThat(questionCodes()).containsExactly("DB_REACHABLE");
    }

    @Test
    void shouldRankDatabaseDownFirstWhenAlertAndConnectionErrorsAgree() {
        insert(alert("MysqlDown", "rms", "job", "mysqld"),
                log("rms", "ERROR", "Can't connect to MySQL server on 'db-1' (111)"));
        fire();

        assertNotFired("Database connection errors while the database is not reported down suggest a connection failure");
        assertThat(rankedCauses()).containsExactly("DATABASE_DOWN");
        assertThat(confidence("DATABASE_DOWN")).isEqualTo(0.79);
    }

    @Test
    void shouldRecogniseConnectionRefusedOnDatabasePortOnly() {
        insert(log("rms", "ERROR", "java.net.ConnectException: Connection refused (db-1.internal:5432)"),
                log("web", "ERROR", "connect() failed (111: Connection refused) while connecting to upstream 10.0.0.7:8080"));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactly("rms");
    }

    @Test
    void shouldSuggestConnectionFailureWhenJdbcConnectionCannotBeObtained() {
        insert(log("lms", "ERROR",
                "org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested "
                        + "exception is java.sql.SQLNonTransientConnectionException: Could not create connection"));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(rankedCauses()).containsExactly("DB_CONNECTION_FAILURE");
        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.5);
        assertThat(questionCodes()).containsExactly("DB_REACHABLE");
    }

    @Test
    void shouldLeaveJdbcAcquisitionErrorsToThePoolWhenThePoolIsExhausted() {
        insert(log("lms", "ERROR", "Unable to acquire JDBC Connection"),
                new Symptom("DB_POOL_EXHAUSTED", "lms", "HikariPool-1 timeout"));
        fire();

        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldSuggestConnectionFailureWhenCredentialsAreRejected() {
        insert(log("lms", "ERROR", "java.sql.SQLException: Access denied for user 'lms'@'10.0.3.4' (using password: YES)"),
                log("rms", "FATAL", "FATAL:  password authentication failed for user \"rms\""));
        fire();

        assertFired("Database rejecting the application's credentials suggests a connection failure");
        // rejected logins are one kind of evidence, however many systems log them
        assertThat(votes()).hasSize(1);
        assertThat(symptomCodes()).isEmpty();
        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.7);
        assertThat(questionCodes()).containsExactly("DB_REACHABLE");
    }

    @Test
    void shouldNotReadAnApplicationRefusingAUserAsTheDatabaseRefusingItsLogin() {
        insert(log("lms", "WARN", "Access denied for user 48211 on POST /api/enrolments: missing authority ENROL_COURSE"),
                log("lms", "ERROR", "org.springframework.security.access.AccessDeniedException: Access is denied"));
        fire();

        assertThat(votes()).isEmpty();
        assertThat(symptomCodes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldStrengthenConnectionFailureWhenTheDatabaseIsUnreachableFromTheAppHost() {
        insert(log("lms", "ERROR", "Could not open JDBC Connection for transaction"), answer("DB_REACHABLE", "no"));
        fire();

        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.775);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldCounterDatabaseDownAndConnectionFailureWhenTheDatabaseIsReachable() {
        insert(alert("PostgresqlDown", "lms", "job", "postgres"),
                log("lms", "ERROR", "Access denied for user 'lms'@'%'"),
                answer("DB_REACHABLE", "yes"));
        fire();

        assertFired("Database reachable from the application host counters database down",
                "Application host connecting to the database counters a connection failure");
        assertThat(confidence("DATABASE_DOWN")).isLessThan(0.25);
        assertThat(confidence("DB_CONNECTION_FAILURE")).isLessThan(0.25);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotReactToUnrelatedLogs() {
        insert(log("lms", "ERROR", "NullPointerException in CourseController"), log("lms", "INFO", "user logged in"));
        fire();

        assertThat(votes()).isEmpty();
        assertThat(symptomCodes()).isEmpty();
        assertThat(workingMemorySize()).as("the two lines and the unhandled exception found in the first").isEqualTo(3);
    }
}
