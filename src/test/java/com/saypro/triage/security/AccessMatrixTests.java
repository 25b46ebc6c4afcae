package com.saypro.triage.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * The role matrix: for each role, and for machines and nobody, each kind of action on pages and
 * on the API, allowed or refused. Pages are used from a signed-in browser session (forms carry
 * the CSRF token), the API with HTTP Basic or a token.
 */
@TriageIntegrationTest
class AccessMatrixTests extends IntegrationTestSupport {

    private static final String PASSWORD = "matrix-password-1";

    @Autowired
    UserAccounts users;

    @Autowired
    ApiTokens tokens;

    private long incident;

    @BeforeEach
    void peopleAndAnIncident() {
        for (Role role : Role.values()) {
            users.create(role.name().toLowerCase() + "-user", role.name(), PASSWORD, Set.of(role));
        }
        assertThat(post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).status()).isEqualTo(200);
        incident = jdbc.queryForObject("SELECT MAX(id) FROM incident", Long.class);
    }

    /** Who acts: a role's user, or a machine token of one scope, or nobody. */
    enum Who {
        ANALYST, ENGINEER, REVIEWER, ADMIN, INGEST_TOKEN, READ_TOKEN, NOBODY;

        boolean person() {
            return ordinal() <= ADMIN.ordinal();
        }
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                // page, who may see it
                Arguments.of("/", Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN)),
                Arguments.of("/incidents/{id}", Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN)),
                Arguments.of("/rules/source?rule=x", Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN)),
                Arguments.of("/rules/stats", Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN)),
                Arguments.of("/audit", Set.of(Who.REVIEWER, Who.ADMIN)),
                Arguments.of("/admin", Set.of(Who.ADMIN)));
    }

    @ParameterizedTest(name = "page {0}")
    @MethodSource("pages")
    void shouldShowEachPageOnlyToItsRolesAndSendOthersToSignIn(String page, Set<Who> allowed) {
        String path = page.replace("{id}", String.valueOf(incident));
        for (Who who : Who.values()) {
            if (!who.person()) {
                continue;
            }
            Response response = session(who).get(path);
            int expected = allowed.contains(who) ? (path.startsWith("/rules/source") ? 404 : 200) : 403;
            assertThat(response.status()).as("%s GET %s", who, path).isEqualTo(expected);
        }
        Response anonymous = anonymous("GET", path, null);
        assertThat(anonymous.status()).as("nobody GET %s", path).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");
    }

    static Stream<Arguments> apiActions() {
        return Stream.of(
                Arguments.of("read incidents", "GET", "/api/v1/incidents", null,
                        Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN, Who.READ_TOKEN)),
                Arguments.of("read a diagnosis", "GET", "/api/v1/incidents/{id}/diagnosis", null,
                        Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN, Who.READ_TOKEN)),
                Arguments.of("read systems", "GET", "/api/v1/systems", null,
                        Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN, Who.READ_TOKEN)),
                Arguments.of("send alerts", "POST", "/api/v1/alerts",
                        AlertMother.genericAlert("HostHighCpuLoad", "lms"), Set.of(Who.INGEST_TOKEN)),
                Arguments.of("send metrics", "POST", "/api/v1/metrics",
                        "{\"system\":\"lms\",\"metric\":\"error_rate\",\"value\":0.2}", Set.of(Who.INGEST_TOKEN)),
                Arguments.of("answer a question", "POST", "/api/v1/incidents/{id}/answers",
                        "{\"question\":\"DISK_SPACE_OK\",\"answer\":\"yes\"}", Set.of(Who.ANALYST, Who.ADMIN)),
                Arguments.of("resolve an incident", "POST", "/api/v1/incidents/{id}/resolve", "{}",
                        Set.of(Who.ANALYST, Who.ADMIN)),
                Arguments.of("start a playbook", "POST", "/api/v1/incidents/{id}/playbook-runs",
                        "{\"playbook\":\"DISK_CLEANUP\"}", Set.of(Who.ANALYST, Who.ADMIN)),
                Arguments.of("read playbook runs", "GET", "/api/v1/incidents/{id}/playbook-runs", null,
                        Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN, Who.READ_TOKEN)),
                Arguments.of("read the audit log", "GET", "/api/v1/audit", null, Set.of(Who.REVIEWER, Who.ADMIN)),
                Arguments.of("list users", "GET", "/api/v1/users", null, Set.of(Who.ADMIN)),
                Arguments.of("make a token", "POST", "/api/v1/tokens", "{\"name\":\"t\",\"scopes\":[\"read\"]}",
                        Set.of(Who.ADMIN)),
                Arguments.of("read rule statistics", "GET", "/api/v1/rules/stats", null,
                        Set.of(Who.ANALYST, Who.ENGINEER, Who.REVIEWER, Who.ADMIN, Who.READ_TOKEN)),
                Arguments.of("see health details", "GET", "/actuator/info", null, Set.of(Who.ADMIN)),
                Arguments.of("read metrics", "GET", "/actuator/metrics", null, Set.of(Who.ADMIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiActions")
    void shouldAllowEachApiActionOnlyToItsRolesAndScopes(String action, String method, String path, String body,
            Set<Who> allowed) {
        String readToken = tokens.issue("matrix-read", Set.of(Scope.READ)).secret();
        for (Who who : Who.values()) {
            // Every caller finds the incident still open (the one before may have resolved it).
            jdbc.update("UPDATE incident SET status = 'OPEN' WHERE id = ?", incident);
            String resolved = path.replace("{id}", String.valueOf(incident));
            String[] headers = switch (who) {
                case INGEST_TOKEN -> new String[] { "Authorization", "Bearer " + INGEST_TOKEN };
                case READ_TOKEN -> new String[] { "Authorization", "Bearer " + readToken };
                case NOBODY -> new String[0];
                default -> new String[] { "Authorization", basic(who.name().toLowerCase() + "-user", PASSWORD) };
            };
            String[] all = body == null ? headers : concat(headers, "Content-Type", "application/json");
            Response response = anonymous(method, resolved, body, all);
            if (allowed.contains(who)) {
                assertThat(response.status()).as("%s may %s: %s", who, action, response.body()).isBetween(200, 299);
            } else {
                assertThat(response.status()).as("%s may not %s", who, action).isEqualTo(who == Who.NOBODY ? 401 : 403);
                assertThat(response.contentType()).contains("json");
            }
        }
    }

    @ParameterizedTest(name = "{0} works incidents from the page: {1}")
    @MethodSource("formPosters")
    void shouldLetOnlyAnalystsAndAdminsAnswerAndResolveFromThePage(Who who, boolean allowed) {
        Session session = session(who);
        Response answer = session.postForm("/incidents/" + incident + "/answers",
                "question=DISK_SPACE_OK&answer=yes");
        Response resolve = session.postForm("/incidents/" + incident + "/resolve", "");
        assertThat(answer.status()).isEqualTo(allowed ? 302 : 403);
        assertThat(resolve.status()).isEqualTo(allowed ? 302 : 403);
        assertThat(count("answer")).isEqualTo(allowed ? 1 : 0);
        assertThat(jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, incident))
                .isEqualTo(allowed ? "VERIFYING" : "OPEN");
    }

    static Stream<Arguments> formPosters() {
        return Stream.of(Arguments.of(Who.ANALYST, true), Arguments.of(Who.ENGINEER, false),
                Arguments.of(Who.REVIEWER, false), Arguments.of(Who.ADMIN, true));
    }

    private Session session(Who who) {
        return signIn(who.name().toLowerCase() + "-user", PASSWORD);
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
