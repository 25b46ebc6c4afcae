package com.saypro.triage.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/**
 * Hostile input to sign-in, users and tokens: refused with a clear 4xx and nothing stored, or,
 * where the text is legitimate data (a display name, a token's name), stored as given and shown
 * escaped. Triage stays healthy throughout.
 */
@TriageIntegrationTest
class HostileAdminInputTests extends IntegrationTestSupport {

    static List<String> hostile() {
        return List.of("'; DROP TABLE app_user; --", "<script>alert(1)</script>", "${7*7}",
                "[[${T(java.lang.Runtime).getRuntime()}]]", "__${T(java.lang.Runtime)}__::x", "../../etc/passwd",
                "admin\u0000", "a\r\nSet-Cookie: x=y", "\u202eevil", "x".repeat(10_000));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void shouldRefuseHostileUsernamesAndStoreNothing(String username) {
        int users = count("app_user");
        Response response = post("/api/v1/users", "{\"username\":" + json(username)
                + ",\"password\":\"long-enough-1\",\"roles\":[\"ANALYST\"]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("username");
        assertThat(count("app_user")).isEqualTo(users);
        assertThat(anonymous("GET", "/actuator/health", null).body()).contains("UP");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void shouldStoreHostileDisplayAndTokenNamesAsTextAndShowThemEscaped(String text) {
        String name = text.length() > 100 ? text.substring(0, 100) : text;
        Response user = post("/api/v1/users", "{\"username\":\"mallory\",\"displayName\":" + json(name.replace("\u0000", ""))
                + ",\"password\":\"long-enough-1\",\"roles\":[\"ANALYST\"]}");
        Response token = post("/api/v1/tokens", "{\"name\":" + json(name.replace("\u0000", "")) + ",\"scopes\":[\"read\"]}");

        assertThat(user.status()).isEqualTo(201);
        assertThat(token.status()).isEqualTo(201);
        String page = get("/admin").body();
        assertThat(page).doesNotContain("<script>alert(1)</script>");
        if (text.startsWith("<script>")) {
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assertThat(count("app_user")).isEqualTo(2);
    }

    @Test
    void shouldAnswerMalformedHugeAndDeepBodiesWithAClear400() {
        // Tokens other test classes issued stay (the test order follows the file system).
        int tokens = count("api_token");
        Response malformed = post("/api/v1/users", "{\"username\": \"x\",");
        Response wrongType = post("/api/v1/users", "{\"username\": [1,2], \"password\": {}, \"roles\": \"ADMIN\"}");
        Response deep = post("/api/v1/tokens", "[".repeat(5_000) + "]".repeat(5_000));
        Response huge = post("/api/v1/tokens", "{\"name\":\"" + "x".repeat(3_000_000) + "\",\"scopes\":[\"read\"]}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(deep.status()).isEqualTo(400);
        assertThat(huge.status()).isBetween(400, 413);
        assertThat(count("app_user")).isEqualTo(1);
        assertThat(count("api_token")).isEqualTo(tokens);
        assertThat(anonymous("GET", "/actuator/health", null).body()).contains("UP");
    }

    @Test
    void shouldRefuseHostileSignInsWithoutSigningAnyoneIn() {
        for (String username : hostile()) {
            Response login = new Session().postForm("/login",
                    "username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)
                            + "&password=x");
            assertThat(login.status()).isEqualTo(302);
            assertThat(login.location()).contains("/login?");
        }
        Response traversal = get("/api/v1/users/..%2F..%2Fetc%2Fpasswd");
        assertThat(traversal.status()).isBetween(400, 404);
    }

    private static String json(String s) {
        return com.saypro.triage.support.Json.write(s);
    }
}
