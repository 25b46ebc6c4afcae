package com.saypro.triage.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/** Signing in and out, throttling, CSRF, security headers, tokens and the audit of it all. */
@TriageIntegrationTest
class SignInAndTokenTests extends IntegrationTestSupport {

    @Autowired
    UserAccounts users;

    @Test
    void shouldSignInWithTheFormChangeTheSessionIdAndSignOut() {
        users.create("dana", "Dana", "dana-password", Set.of(Role.ANALYST));
        Session browser = new Session();
        Response loginPage = browser.get("/login");
        assertThat(loginPage.status()).isEqualTo(200);
        String before = sessionCookie(loginPage);

        Response login = browser.postForm("/login", "username=dana&password=dana-password");

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).doesNotContain("error");
        assertThat(sessionCookie(login)).as("a new session id after sign-in").isNotEmpty().isNotEqualTo(before);
        assertThat(browser.get("/").body()).contains("dana");
        assertThat(users.find("dana").orElseThrow().lastLoginAt()).isNotNull();

        Response logout = browser.postForm("/logout", "");
        assertThat(logout.location()).endsWith("/login?logout");
        assertThat(browser.get("/").status()).isEqualTo(302);
    }

    @Test
    void shouldRefuseAWrongPasswordAndThenEveryAttemptOfAThrottledAccount() {
        users.create("eve", null, "eve-password-1", Set.of(Role.ANALYST));
        for (int i = 0; i < 5; i++) {
            assertThat(new Session().postForm("/login", "username=eve&password=guess" + i).location())
                    .endsWith("/login?error");
        }

        Response right = new Session().postForm("/login", "username=eve&password=eve-password-1");
        Response basic = anonymous("GET", "/api/v1/incidents", null, "Authorization", basic("eve", "eve-password-1"));

        assertThat(right.location()).as("even the right password waits").endsWith("/login?locked");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.body()).contains("Too many failed sign-ins");
    }

    @Test
    void shouldRefuseAFormPostWithoutTheCsrfToken() {
        assertThat(post("/api/v1/alerts/alertmanager", AlertMother.diskFullOnRms()).status()).isEqualTo(200);
        long id = jdbc.queryForObject("SELECT MAX(id) FROM incident", Long.class);
        Session admin = signIn("admin", ADMIN_PASSWORD);

        Response forged = admin.postFormWithToken("/incidents/" + id + "/resolve", "", null);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, id)).isEqualTo("OPEN");
    }

    @Test
    void shouldSendTheSecurityHeadersWithAPolicyThatAllowsNoInlineScript() {
        Response page = anonymous("GET", "/login", null);

        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("object-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.body()).contains("name=\"_csrf\"");
    }

    @Test
    void shouldMarkTheSessionCookieSecureAndSendHstsBehindATlsProxy() {
        Response direct = anonymous("GET", "/login", null);
        Response proxied = anonymous("GET", "/login", null, "X-Forwarded-Proto", "https");

        assertThat(direct.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(direct.header("Strict-Transport-Security")).isEmpty();
        assertThat(proxied.header("Set-Cookie")).contains("Secure").contains("HttpOnly");
        assertThat(proxied.header("Strict-Transport-Security")).contains("max-age=");
    }

    @Test
    void shouldTellAnonymousCallersOnlyWhetherTriageIsUpAndAdminsTheDetails() {
        Response anonymous = anonymous("GET", "/actuator/health", null);
        Response admin = get("/actuator/health");

        assertThat(anonymous.json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(anonymous.body()).doesNotContain("details").doesNotContain("H2").doesNotContain("MariaDB");
        assertThat(admin.json().get("components").has("db")).isTrue();
    }

    @Test
    void shouldRefuseSignalsWithoutAValidTokenOrAsSomethingOtherThanJsonAndStoreNothing() {
        String alert = AlertMother.diskFullOnRms();

        Response none = anonymous("POST", "/api/v1/alerts/alertmanager", alert, "Content-Type", "application/json");
        Response wrong = anonymous("POST", "/api/v1/alerts/alertmanager", alert, "Content-Type", "application/json",
                "Authorization", "Bearer not-a-token");
        Response plain = anonymous("POST", "/api/v1/alerts/alertmanager", alert, "Content-Type", "text/plain",
                "Authorization", "Bearer " + INGEST_TOKEN);
        Response form = anonymous("POST", "/api/v1/alerts/alertmanager", "a=b", "Content-Type",
                "application/x-www-form-urlencoded", "Authorization", "Bearer " + INGEST_TOKEN);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).contains("Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(plain.status()).isEqualTo(415);
        assertThat(form.status()).isEqualTo(415);
        assertThat(signalRows()).isZero();
        assertThat(post("/api/v1/alerts/alertmanager", alert).status()).isEqualTo(200);
    }

    @Test
    void shouldAcceptATokenUntilItIsRevokedShowItsLastUseAndAuditBoth() {
        JsonNode made = post("/api/v1/tokens", "{\"name\":\"alertmanager-eu\",\"scopes\":[\"ingest\"]}").json();
        String secret = made.get("token").asString();
        long id = made.get("info").get("id").longValue();
        assertThat(secret).startsWith("trg_");
        assertThat(jdbc.queryForObject("SELECT token_hash FROM api_token WHERE id = ?", String.class, id))
                .isNotEqualTo(secret).hasSize(64);

        Response used = anonymous("POST", "/api/v1/alerts", AlertMother.genericAlert("HostHighCpuLoad", "lms"),
                "Content-Type", "application/json", "Authorization", "Bearer " + secret);
        assertThat(used.status()).isEqualTo(200);
        assertThat(get("/admin").body()).contains("alertmanager-eu");
        assertThat(jdbc.queryForObject("SELECT last_used_at FROM api_token WHERE id = ?", Object.class, id)).isNotNull();

        assertThat(anonymous("DELETE", "/api/v1/tokens/" + id, null, "Authorization", basic("admin", ADMIN_PASSWORD))
                .status()).isEqualTo(200);
        Response after = anonymous("POST", "/api/v1/alerts", AlertMother.genericAlert("HostHighCpuLoad", "lms"),
                "Content-Type", "application/json", "Authorization", "Bearer " + secret);
        assertThat(after.status()).isEqualTo(401);

        JsonNode audit = get("/api/v1/audit?kind=token").json();
        assertThat(audit.findValuesAsString("action")).contains("token.created", "token.revoked");
        assertThat(audit.toString()).doesNotContain(secret);
    }

    @Test
    void shouldAuditUserChangesWithoutEverRecordingAPasswordAndOfferNoWayToEditTheLog() {
        assertThat(post("/api/v1/users", "{\"username\":\"rita\",\"password\":\"rita-password\",\"roles\":[\"REVIEWER\"]}")
                .status()).isEqualTo(201);
        assertThat(anonymous("PUT", "/api/v1/users/rita", "{\"roles\":[\"REVIEWER\",\"ANALYST\"]}", "Content-Type",
                "application/json", "Authorization", basic("admin", ADMIN_PASSWORD)).status()).isEqualTo(200);

        JsonNode audit = get("/api/v1/audit?kind=user").json();
        assertThat(audit.findValuesAsString("action")).contains("user.created", "user.updated");
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("admin");
        assertThat(audit.get(0).get("before").asString()).contains("REVIEWER").doesNotContain("ANALYST");
        assertThat(audit.get(0).get("after").asString()).contains("ANALYST,REVIEWER");
        assertThat(audit.toString()).doesNotContain("rita-password").doesNotContain("bcrypt");
        assertThat(get("/audit").body()).contains("user.updated");

        Response delete = anonymous("DELETE", "/api/v1/audit", null, "Authorization", basic("admin", ADMIN_PASSWORD));
        assertThat(delete.status()).isBetween(400, 499);
    }

    @Test
    void shouldRefuseAWeakPasswordOrABadUsernameClearly() {
        Response weak = post("/api/v1/users", "{\"username\":\"sam\",\"password\":\"short\",\"roles\":[\"ANALYST\"]}");
        Response markup = post("/api/v1/users",
                "{\"username\":\"<script>\",\"password\":\"long-enough-1\",\"roles\":[\"ANALYST\"]}");
        Response noRole = post("/api/v1/users", "{\"username\":\"sam\",\"password\":\"long-enough-1\",\"roles\":[\"ROOT\"]}");

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("field").asString()).isEqualTo("password");
        assertThat(markup.json().get("field").asString()).isEqualTo("username");
        assertThat(noRole.json().get("field").asString()).isEqualTo("roles");
        assertThat(users.find("sam")).isEmpty();
    }

    private static String sessionCookie(Response response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("");
    }
}
