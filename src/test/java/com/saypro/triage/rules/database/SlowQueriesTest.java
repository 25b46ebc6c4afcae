package com.saypro.triage.rules.database;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
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

class SlowQueriesTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("database/SlowQueries.drl");
    }

    private static Symptom slowDbTime(String system, String transaction) {
        return new Symptom("SLOW_DB_TIME", system, transaction, "8000 ms, 85% in the database");
    }

    @Test
    void shouldSuggestSlowQueryFromDatabaseBoundTransactionAlone() {
        insert(slowDbTime("rms", "RoyaltyPaymentBatch"));
        fire();

        assertFired("Slow transaction dominated by database time suggests an inefficient query");
        assertThat(rankedCauses()).containsExactly("SLOW_DATABASE_QUERY");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isEqualTo(0.6);
        assertThat(questionCodes()).containsExactly("SLOW_QUERY_LOG");
        // symptom + vote + question
        assertThat(workingMemorySize()).isEqualTo(3);
    }

    @Test
    void shouldCountSeveralSlowTransactionsOfOneSystemOnce() {
        insert(slowDbTime("rms", "RoyaltyPaymentBatch"), slowDbTime("rms", "RoyaltyStatement"),
                slowDbTime("rms", "PayoutExport"));
        fire();

        assertThat(votes()).hasSize(1);
        assertThat(confidence("SLOW_DATABASE_QUERY")).isEqualTo(0.6);
    }

    @Test
    void shouldBeConfidentWhenDatabaseTimeAndSlowQueryAlertAgree() {
        insert(slowDbTime("rms", "RoyaltyPaymentBatch"), alert("MysqlSlowQueries", "rms", "job", "mysqld"));
        fire();

        assertFired("Firing alert recognised from the catalog shows its symptom",
                "Database-bound slow transaction with slow queries reported confirms an inefficient query");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isGreaterThan(0.85);
    }

    @Test
    void shouldBeConfidentWhenTheSlowQueryLogConfirms() {
        insert(slowDbTime("rms", "RoyaltyPaymentBatch"), answer("SLOW_QUERY_LOG", "yes"));
        fire();

        assertThat(confidence("SLOW_DATABASE_QUERY")).isGreaterThan(0.85);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldCounterSlowQueryWhenTheSlowQueryLogIsClean() {
        insert(slowDbTime("rms", "RoyaltyPaymentBatch"), answer("SLOW_QUERY_LOG", "no"));
        fire();

        assertFired("Slow query log without the queries counters an inefficient query");
        assertThat(confidence("SLOW_DATABASE_QUERY")).isLessThan(0.2);
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldAddAModestVoteForGrowingDataVolume() {
        insert(slowDbTime("rms", "RoyaltyPaymentBatch"), answer("DATA_VOLUME_GROWTH", "yes"));
        fire();

        assertThat(confidence("SLOW_DATABASE_QUERY")).isEqualTo(0.7);
    }

    @Test
    void shouldIgnoreAnswersWithoutSlowDatabaseWork() {
        insert(answer("DATA_VOLUME_GROWTH", "yes"), answer("SLOW_QUERY_LOG", "yes"));
        fire();

        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRecogniseSlowQueryAlertVariants() {
        insert(alert("PostgresqlSlowQueries", "a"), alert("PostgresqlLongRunningQueries", "b"),
                alert("MariadbSlowQuery", "c"), alert("MysqlSlowQueries", "d"), alert("PostgresqlDown", "e"));
        fire();

        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("DB_SLOW_QUERIES")).extracting(Symptom::getSystem)
                .containsExactlyInAnyOrder("a", "b", "c", "d");
        // slow-query alerts are one kind of evidence, however many databases raise them
        assertThat(confidence("SLOW_DATABASE_QUERY")).isEqualTo(0.55);
    }

    @Test
    void shouldSeeSlowQueriesInMetricsAboveThresholdsOnly() {
        insert(metric("a", "slow_queries_rate", 0.4), metric("b", "slow_queries_rate", 0),
                metric("c", "db_query_time_p95_ms", 2300), metric("d", "db_query_time_p95_ms", 250));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void shouldSeeSlowQueriesInMysqlAndPostgresSlowLogs() {
        insert(log("a", "INFO", "# Query_time: 12.503  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 4812733"),
                log("b", "LOG", "LOG:  duration: 4523.112 ms  statement: SELECT * FROM royalty_line WHERE author_id = 42"),
                log("c", "WARN", "Slow query detected (3.2 s): SELECT ..."),
                log("d", "INFO", "query executed in 3 ms"));
        fire();

        assertThat(symptoms()).extracting(Symptom::getSystem).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(questionCodes()).containsExactly("SLOW_QUERY_LOG");
    }

    @Test
    void shouldIgnoreResolvedSlowQueryAlerts() {
        insert(new Alert(4_000_000, "MysqlSlowQueries", "rms", "", "warning", "resolved", Map.of(), Map.of(),
                FactMother.OPENED_AT.minusSeconds(900), FactMother.OPENED_AT.minusSeconds(300), "fp", 15));
        fire();

        assertThat(symptomCodes()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(workingMemorySize()).as("the alert and its reading").isEqualTo(2);
    }
}
