package com.saypro.triage.rules.lms;

import static com.saypro.triage.rules.FactMother.alert;
import static com.saypro.triage.rules.FactMother.answer;
import static com.saypro.triage.rules.FactMother.change;
import static com.saypro.triage.rules.FactMother.failedTrace;
import static com.saypro.triage.rules.FactMother.log;
import static com.saypro.triage.rules.FactMother.metric;
import static com.saypro.triage.rules.FactMother.trace;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.rules.RuleFileTestSupport;

class CourseRegistrationTest extends RuleFileTestSupport {

    @Override
    protected List<String> ruleFiles() {
        return List.of("lms/CourseRegistration.drl");
    }

    // --- recognising the problem -------------------------------------------------------

    @Test
    void shouldDeriveRegistrationFailingFromCourseRegistrationFailingAlert() {
        insert(alert("CourseRegistrationFailing", "lms"));
        fire();
        assertFired("Course registration failure alert on LMS shows registration failing");
        assertThat(symptomCodes()).containsExactly("REGISTRATION_FAILING");
        assertThat(symptoms()).singleElement().satisfies(s -> {
            assertThat(s.getSystem()).isEqualTo("lms");
            assertThat(s.getComponent()).isEqualTo("course_registration");
        });
    }

    @Test
    void shouldDeriveRegistrationFailingFromAnAlertLabelledWithTheRegistrationWorkflow() {
        insert(alert("WorkflowSuccessRateLow", "lms", "workflow", "course_registration"));
        fire();
        assertFired("LMS alert on the course registration workflow shows registration failing");
        assertThat(symptomCodes()).containsExactly("REGISTRATION_FAILING");
    }

    @Test
    void shouldDeriveRegistrationFailingFromLowRegistrationSuccessRate() {
        insert(metric("lms", "workflow_success_rate", 0.42, "workflow", "course_registration"));
        fire();
        assertThat(symptomCodes()).containsExactly("REGISTRATION_FAILING");
    }

    @Test
    void shouldDeriveRegistrationFailingFromFailedEnrolmentTraces() {
        insert(failedTrace("lms", "POST /courses/{id}/enrol", 120, 0, 0),
                failedTrace("lms", "CourseRegistrationController.register", 140, 0, 0));
        fire();
        assertThat(symptoms()).hasSize(1);
        assertThat(votes()).filteredOn(v -> v.getCauseCode().equals("DB_CONNECTION_FAILURE")).hasSize(1);
    }

    @Test
    void shouldDeriveNothingFromHealthyOrUnrelatedSignals() {
        Alert resolved = new Alert(99, "CourseRegistrationFailing", "lms", "", "warning", "resolved", Map.of(),
                Map.of(), Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T09:20:00Z"), "fp", 60);
        insert(resolved,
                alert("CourseRegistrationFailing", "rms"),
                alert("CourseRegistrationSlow", "lms", "workflow", "course_registration"),
                metric("lms", "workflow_success_rate", 0.97, "workflow", "course_registration"),
                metric("lms", "workflow_success_rate", 0.5, "workflow", "login"),
                trace("lms", "POST /courses/{id}/enrol", 300, 40, 0),
                failedTrace("lms", "GET /courses", 300, 40, 0),
                log("lms", "ERROR", "org.springframework.security.access.AccessDeniedException: Access is denied"));
        fire();
        assertThat(symptoms()).isEmpty();
        assertThat(votes()).isEmpty();
        assertThat(questionCodes()).isEmpty();
        assertThat(workingMemorySize()).isEqualTo(8);
    }

    @Test
    void shouldAskAllThreeQuestionsWhenOnlyTheSymptomIsKnown() {
        insert(alert("CourseRegistrationFailing", "lms"));
        fire();
        assertThat(questionCodes()).containsExactly("AFFECTED_ROLE", "DB_REACHABLE", "FORM_VALIDATION_MESSAGE");
        assertThat(confidence("USER_ROLE_MISCONFIGURATION")).isEqualTo(0.3);
        assertThat(confidence("DB_CONNECTION_FAILURE")).isEqualTo(0.3);
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isEqualTo(0.3);
        // alert + symptom + 3 priors + 3 questions
        assertThat(workingMemorySize()).isEqualTo(8);
    }

    // --- misconfigured roles -----------------------------------------------------------------

    @Test
    void shouldRankRoleMisconfigurationFirstOnAccessDeniedLogsAndARoleChange() {
        insert(alert("CourseRegistrationFailing", "lms"),
                failedTrace("lms", "POST /courses/{id}/enrol", 180, 35, 0),
                log("lms", "WARN", "AccessDeniedException: role STUDENT is not allowed to ENROL in course CS-101"),
                change("lms", "config", "Permission matrix update: moved ENROL from STUDENT to ENROLLED_STUDENT role", 40));
        fire();
        assertFired("Access denied log lines during failing registration suggest misconfigured user roles",
                "Recent role or permission configuration change before failing registration suggests misconfigured user roles");
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        assertThat(confidence("USER_ROLE_MISCONFIGURATION")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("USER_ROLE_MISCONFIGURATION")).containsExactly("ROLE_PERMISSION_REPAIR");
        // a decisive log line withdraws the questions
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldNotCountARoleChangeMadeLongBeforeTheIncident() {
        insert(alert("CourseRegistrationFailing", "lms"),
                change("lms", "config", "role permission cleanup", 600));
        fire();
        assertNotFired("Recent role or permission configuration change before failing registration suggests misconfigured user roles");
    }

    @Test
    void shouldMoveRolesFirstWhenOnlySomeRolesAreAffectedAndWithdrawTheQuestion() {
        insert(alert("CourseRegistrationFailing", "lms"));
        fire();
        assertThat(questionCodes()).contains("AFFECTED_ROLE");
        insert(answer("AFFECTED_ROLE", "yes"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        assertThat(questionCodes()).containsExactly("DB_REACHABLE", "FORM_VALIDATION_MESSAGE");
    }

    @Test
    void shouldCounterRoleMisconfigurationWhenAllRolesFail() {
        insert(alert("CourseRegistrationFailing", "lms"),
                log("lms", "WARN", "403 Forbidden for POST /api/enrolments"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("USER_ROLE_MISCONFIGURATION");
        insert(answer("AFFECTED_ROLE", "no"));
        fire();
        assertThat(confidence("USER_ROLE_MISCONFIGURATION")).isLessThan(0.2);
        assertThat(rankedCauses()).first().isNotEqualTo("USER_ROLE_MISCONFIGURATION");
    }

    // --- database connection failure ---------------------------------------------------------

    @Test
    void shouldRankDbConnectionFailureFirstOnJdbcConnectionErrors() {
        insert(alert("CourseRegistrationErrors", "lms"),
                failedTrace("lms", "POST /courses/{id}/enrol", 30050, 0, 0),
                failedTrace("lms", "POST /courses/{id}/enrol", 30020, 0, 0),
                log("lms", "ERROR", "org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection"),
                log("lms", "ERROR", "java.sql.SQLNonTransientConnectionException: Could not connect to lms-db:3306 : Connection refused"));
        fire();
        assertFired("JDBC connection errors during failing registration suggest a database connection failure",
                "Registration requests failing slowly without reaching the database suggest a database connection failure");
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        assertThat(confidence("DB_CONNECTION_FAILURE")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("DB_CONNECTION_FAILURE")).containsExactly("DB_CONNECTIVITY_RESTORE");
        assertNotFired("Registration requests failing fast without reaching the database suggest front-end validation errors");
    }

    @Test
    void shouldMoveDbConnectionFailureFirstWhenTheDatabaseIsUnreachable() {
        insert(alert("CourseRegistrationFailing", "lms"), answer("DB_REACHABLE", "no"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        assertThat(questionCodes()).isEmpty();
    }

    @Test
    void shouldRuleDbConnectionFailureOutWhenTheDatabaseIsReachable() {
        insert(alert("CourseRegistrationFailing", "lms"),
                log("lms", "ERROR", "Communications link failure"));
        fire();
        assertThat(rankedCauses()).first().isEqualTo("DB_CONNECTION_FAILURE");
        insert(answer("DB_REACHABLE", "yes"));
        fire();
        assertNotFired("Database unreachable from the LMS host suggests a database connection failure");
        assertThat(confidence("DB_CONNECTION_FAILURE")).isLessThan(0.1);
        // the log line no longer decides, so the other questions come back
        assertThat(questionCodes()).containsExactly("AFFECTED_ROLE", "FORM_VALIDATION_MESSAGE");
    }

    // --- front-end validation ------------------------------------------------------------------

    @Test
    void shouldRankFrontendValidationFirstOnFastFailingRequestsWithValidationErrors() {
        insert(alert("CourseRegistrationFailing", "lms"),
                failedTrace("lms", "POST /courses/{id}/enrol", 45, 0, 0),
                failedTrace("lms", "POST /courses/{id}/enrol", 38, 0, 0),
                failedTrace("lms", "POST /courses/{id}/enrol", 52, 0, 0),
                log("lms", "WARN", "MethodArgumentNotValidException: Field error in object 'enrolmentRequest' on field 'courseCode': rejected value [cs-101]; must match \"[A-Z]{2,4}-[0-9]{3}\""),
                change("lms", "deploy", "Registration form v2: new course picker UI", 35));
        fire();
        assertFired("Validation errors and fast-failing registration requests suggest front-end validation errors",
                "Recent deploy of the registration form or validation before failing registration suggests front-end validation errors");
        assertNotFired("Validation error log lines during failing registration suggest front-end validation errors",
                "Registration requests failing fast without reaching the database suggest front-end validation errors");
        assertThat(rankedCauses()).first().isEqualTo("FRONTEND_VALIDATION_ERROR");
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isGreaterThanOrEqualTo(0.8);
        assertThat(recommendedPlaybooks("FRONTEND_VALIDATION_ERROR")).containsExactly("FRONTEND_VALIDATION_FIX");
    }

    @Test
    void shouldGiveFastFailingRequestsAloneAModerateValidationVote() {
        insert(failedTrace("lms", "POST /courses/{id}/enrol", 45, 0, 0),
                failedTrace("lms", "POST /courses/{id}/enrol", 40, 0, 0));
        fire();
        assertFired("Registration requests failing fast without reaching the database suggest front-end validation errors");
        assertThat(rankedCauses()).first().isEqualTo("FRONTEND_VALIDATION_ERROR");
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isBetween(0.5, 0.7);
        assertThat(questionCodes()).contains("FORM_VALIDATION_MESSAGE");
        insert(answer("FORM_VALIDATION_MESSAGE", "yes"));
        fire();
        assertThat(questionCodes()).doesNotContain("FORM_VALIDATION_MESSAGE");
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isGreaterThan(0.8);
    }

    @Test
    void shouldNotTreatADeployOfUnrelatedCodeAsAFormChange() {
        insert(alert("CourseRegistrationFailing", "lms"),
                change("lms", "deploy", "Performance improvements for the platform information page", 30));
        fire();
        assertNotFired("Recent deploy of the registration form or validation before failing registration suggests front-end validation errors");
    }

    @Test
    void shouldRuleFrontendValidationOutWhenTheFormShowsNoMessage() {
        insert(alert("CourseRegistrationFailing", "lms"),
                log("lms", "WARN", "Validation failed for argument [0]: courseCode must not be blank"));
        fire();
        assertFired("Validation error log lines during failing registration suggest front-end validation errors");
        assertThat(rankedCauses()).first().isEqualTo("FRONTEND_VALIDATION_ERROR");
        insert(answer("FORM_VALIDATION_MESSAGE", "no"));
        fire();
        assertThat(confidence("FRONTEND_VALIDATION_ERROR")).isLessThan(0.2);
    }
}
