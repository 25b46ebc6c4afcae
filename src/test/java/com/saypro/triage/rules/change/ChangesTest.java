package com.saypro.triage.rules.change;

import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.change;
import static com.saypro.triage.rules.FactMother.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Symptom;
import com.saypro.triage.rules.RuleFileTestSupport;

class ChangesTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("change/Changes.drl");
    }

    private static Symptom errors(String system) {
        return new Symptom("HIGH_ERROR_RATE", system, "", "error rate 12.0% (threshold 5%)");
    }

    @Test
    void shouldDeriveRecentChangeSymptomsOnlyForChangesInTheTwoHoursBefore() {
        insert(change("lms", "deploy", "release 4.2", 15), change("lms", "config", "feature flag new-login on", 90),
                change("rms", "schema", "add column royalty.rate_v2", 120), change("lms", "deploy", "release 4.1", 300),
                change("lms", "config", "after the incident", -5), change("lms", "infrastructure", "kernel patch", 10));
        fire();
        assertThat(symptomCodes()).containsExactly("RECENT_CONFIG_CHANGE", "RECENT_DEPLOY", "RECENT_SCHEMA_CHANGE");
        assertThat(symptoms()).hasSize(3);
        assertThat(symptoms()).filteredOn(s -> s.getCode().equals("RECENT_DEPLOY")).singleElement()
                .satisfies(s -> assertThat(s.getDetail()).isEqualTo("deploy: release 4.2 (v1.2.3), 15 min before the incident"));
        assertThat(votes()).isEmpty();
    }

    @Test
    void shouldNotSuspectADeployWhenNothingIsWrong() {
        insert(change("lms", "deploy", "release 4.2", 10));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(2);
    }

    @Test
    void shouldSuggestABadDeploymentStronglyForADeployShortlyBeforeErrors() {
        insert(change("lms", "deploy", "release 4.2", 12), errors("lms"));
        fire();
        assertFired("Deploy within 30 minutes before errors or an outage suggests a bad deployment");
        assertThat(rankedCauses()).containsExactly("BAD_DEPLOYMENT");
        assertThat(confidence("BAD_DEPLOYMENT")).isEqualTo(0.6);
        assertThat(questionCodes()).containsExactly("RECENT_CONFIG_CHANGE");
    }

    @Test
    void shouldSuggestABadDeploymentLessForAnOlderDeploy() {
        insert(change("lms", "deploy", "release 4.2", 75), new Symptom("SERVICE_DOWN", "lms", "web", "availability 0"));
        fire();
        assertFired("Deploy within two hours before errors or an outage suggests a bad deployment");
        assertThat(confidence("BAD_DEPLOYMENT")).isEqualTo(0.35);
    }

    @Test
    void shouldVoteOnceForTheNearestDeployWhateverTheNumberOfSymptoms() {
        insert(change("lms", "deploy", "release 4.1", 100), change("lms", "deploy", "release 4.2", 20), errors("lms"),
                new Symptom("SLOW_RESPONSE", "lms", "login", "p95 8 s"),
                new Symptom("WORKFLOW_FAILING", "lms", "login", "62%"));
        fire();
        assertThat(votes()).singleElement().satisfies(v -> {
            assertThat(v.getConfidence()).isEqualTo(0.6);
            assertThat(v.getReason()).contains("release 4.2");
        });
    }

    @Test
    void shouldNotBlameADeployOfAnotherSystem() {
        insert(change("rms", "deploy", "release 9", 10), errors("lms"));
        fire();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).containsExactly("RECENT_CONFIG_CHANGE", "RECENT_DEPLOY");
    }

    @Test
    void shouldAskAboutUnrecordedChangesOnlyForErrorsOrOutages() {
        insert(new Symptom("SLOW_RESPONSE", "lms", "login", "p95 8 s"));
        fire();
        assertThat(questionCodes()).isEmpty();
        insert(new Symptom("WORKFLOW_FAILING", "lms", "course_registration", "62%"));
        fire();
        assertThat(questionCodes()).containsExactly("RECENT_CONFIG_CHANGE", "RECENT_DEPLOY");
    }

    @Test
    void shouldSuggestABadDeploymentModeratelyWhenTheAnalystReportsAnUnrecordedDeploy() {
        insert(errors("lms"), answer("RECENT_DEPLOY", "yes"));
        fire();
        assertThat(confidence("BAD_DEPLOYMENT")).isEqualTo(0.45);
        assertThat(questionCodes()).containsExactly("RECENT_CONFIG_CHANGE");
    }

    @Test
    void shouldCounterABadDeploymentWhenTheAnalystReportsNoDeploy() {
        insert(change("lms", "deploy", "release 4.2", 12), errors("lms"), answer("RECENT_DEPLOY", "no"));
        fire();
        assertFired("Analyst reports no recent deploy counts against a bad deployment");
        assertThat(confidence("BAD_DEPLOYMENT")).isEqualTo(0.3);
    }

    @Test
    void shouldSuggestAFaultyConfigurationChangeForAChangeShortlyBeforeAnOutage() {
        insert(change("lms", "config", "roles.yaml: student role loses course:enrol", 8),
                new Symptom("WORKFLOW_FAILING", "lms", "course_registration", "62%"));
        fire();
        assertThat(rankedCauses()).containsExactly("CONFIGURATION_CHANGE");
        assertThat(confidence("CONFIGURATION_CHANGE")).isEqualTo(0.55);
        assertThat(questionCodes()).containsExactly("RECENT_DEPLOY");
    }

    @Test
    void shouldSuggestAFaultyConfigurationChangeWhenTheAnalystReportsAnUnrecordedOne() {
        insert(errors("rms"), answer("RECENT_CONFIG_CHANGE", "yes"));
        fire();
        assertThat(confidence("CONFIGURATION_CHANGE")).isEqualTo(0.45);
        assertThat(questionCodes()).containsExactly("RECENT_DEPLOY");
    }

    @Test
    void shouldCounterAFaultyConfigurationChangeWhenTheAnalystReportsNone() {
        insert(errors("rms"), change("rms", "config", "pool size 50 -> 5", 60));
        fire();
        assertThat(confidence("CONFIGURATION_CHANGE")).isEqualTo(0.35);
        insert(answer("RECENT_CONFIG_CHANGE", "no"));
        fire();
        assertThat(confidence("CONFIGURATION_CHANGE")).isEqualTo(0.175);
    }

    @Test
    void shouldSuggestASchemaChangeRegressionWhenQueriesSlowDownAfterAMigration() {
        insert(change("rms", "schema", "drop index idx_royalty_author", 25),
                new Symptom("SLOW_DB_TIME", "rms", "RoyaltyBatch", "80% in the database"));
        fire();
        assertThat(rankedCauses()).containsExactly("SCHEMA_CHANGE_REGRESSION");
        assertThat(confidence("SCHEMA_CHANGE_REGRESSION")).isEqualTo(0.55);
    }

    @Test
    void shouldStrengthenASchemaChangeRegressionWithMissingColumnErrors() {
        insert(change("rms", "schema", "rename column rate to rate_v2", 90),
                new Symptom("DB_SLOW_QUERIES", "rms", "", "slow queries"),
                log("rms", "ERROR", "java.sql.SQLSyntaxErrorException: Unknown column 'rate' in 'field list'"));
        fire();
        assertFired("Schema change followed by missing column or table errors suggests a schema change regression");
        assertThat(confidence("SCHEMA_CHANGE_REGRESSION")).isEqualTo(0.753);
    }

    @Test
    void shouldNotSuspectASchemaChangeForAnUnrelatedOutage() {
        insert(change("rms", "schema", "add column", 20), new Symptom("SERVICE_DOWN", "rms", "", "down"));
        fire();
        assertThat(rankedCauses()).doesNotContain("SCHEMA_CHANGE_REGRESSION");
    }
}
