package com.saypro.triage.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Suggested rules: an alert that went with the same confirmed cause in two incidents where no
 * rule voted for it becomes a DRL draft that compiles, names known codes and, once added,
 * makes the cause a candidate; it opens in the editor and is never published by itself.
 */
@TriageIntegrationTest
class RuleSuggestionsTests extends IntegrationTestSupport {

    private static final String ALERT = "PayrollExportStuck";
    private static final String CAUSE = "CLOCK_SKEW";

    @Autowired
    private RulePublisher publisher;
    @Autowired
    private RegressionSuite suite;

    @Test
    void shouldSuggestADraftRuleForAnAlertThatWentWithAConfirmedCauseNoRuleCovered() {
        long first = missedTwice(1);
        assertThat(get("/api/v1/rules/suggestions").json().toString()).as("one incident is not a pattern")
                .doesNotContain(ALERT);
        long second = missedTwice(2);

        JsonNode suggestions = get("/api/v1/rules/suggestions").json();

        JsonNode s = null;
        for (JsonNode candidate : suggestions) {
            if (candidate.get("alertName").asString().equals(ALERT)) {
                s = candidate;
            }
        }
        assertThat(s).as(suggestions.toString()).isNotNull();
        assertThat(s.get("causeCode").asString()).isEqualTo(CAUSE);
        assertThat(s.get("incidents").toString()).isEqualTo("[" + first + "," + second + "]");
        assertThat(s.get("path").asString()).isEqualTo("suggested/PayrollExportStuckClockSkew.drl");
        String drl = s.get("drl").asString();
        assertThat(drl).contains("name == \"PayrollExportStuck\"", "new CandidateCause(\"CLOCK_SKEW\", 0.30");

        RulePublisher.Compiled compiled = publisher.compile(publisher.draftOf(Map.of(s.get("path").asString(), drl),
                Set.of()));
        assertThat(compiled.problems()).isEmpty();
        assertThat(suite.rank(compiled.rules(), second).orElseThrow())
                .anySatisfy(c -> assertThat(c.causeCode()).isEqualTo(CAUSE));

        Session engineer = signIn("admin", ADMIN_PASSWORD);
        assertThat(engineer.get("/rules").body()).contains("Suggested rules", ALERT, "Open as a draft");
        assertThat(engineer.get("/rules/edit?path=" + s.get("path").asString() + "&suggestion=" + s.get("key").asString())
                .body()).contains("PayrollExportStuck firing suggests");
        assertThat(get("/api/v1/rules/versions").json().get(0).get("kind").asString())
                .as("nothing was published").isNotEqualTo("workbench");
    }

    /** An incident with the alert, its cause confirmed though no rule voted for it, then closed. */
    private long missedTwice(int n) {
        Response opened = post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", ALERT, "rms",
                "2026-11-2" + n + "T10:00:00Z", "suggest-" + n, ""));
        long id = opened.json().get("incidents").get(0).longValue();
        assertThat(get("/api/v1/incidents/" + id + "/diagnosis").json().toString()).doesNotContain(CAUSE);
        Response resolved = post("/api/v1/incidents/" + id + "/resolve",
                "{\"resolution\": \"confirmed\", \"causeCode\": \"" + CAUSE + "\", \"fix\": \"synced the clocks\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        jdbc.update("UPDATE incident SET status = 'CLOSED', closed_at = resolved_at, verify_until = NULL WHERE id = ?", id);
        return id;
    }
}
