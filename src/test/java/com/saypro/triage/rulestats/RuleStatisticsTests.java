package com.saypro.triage.rulestats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.diagnosis.DiagnosisEngine;
import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.IncidentFactsLoader;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.security.ApiTokens;
import com.saypro.triage.security.Scope;
import com.saypro.triage.support.AlertMother;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

import tools.jackson.databind.JsonNode;

@TriageIntegrationTest
class RuleStatisticsTests extends IntegrationTestSupport {

    @Autowired
    DiagnosisService diagnoses;

    @Autowired
    IncidentFactsLoader loader;

    @Autowired
    RuleBase ruleBase;

    @Autowired
    RuleFirings firings;

    @Autowired
    RuleMeters meters;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbcClient;

    @BeforeEach
    void noStatisticsYet() {
        firings.flush();
        jdbc.update("DELETE FROM rule_stat_day");
    }

    @Test
    void shouldCountEachRuleThatFiredOncePerDiagnosisRunAndNotTheWhatIfRuns() {
        long id = openSlowRoyaltyIncident();
        firings.flush();
        jdbc.update("DELETE FROM rule_stat_day");
        FactSet facts = loader.load(id).facts();
        CompiledRuleBase rules = ruleBase.current();
        Set<String> fired = new HashSet<>(new DiagnosisEngine().run(rules.kieBase(), facts.all()).firedRules());

        Diagnosis diagnosis = diagnoses.recompute(id);
        firings.flush();

        assertThat(fired).isNotEmpty();
        assertThat(firedCounts()).containsOnlyKeys(fired).allSatisfy((rule, count) -> assertThat(count).isEqualTo(1));
        // The questions were ranked by what-if runs, and those fire rules the real run did not.
        Diagnosis.QuestionView question = diagnosis.questions().get(0);
        Set<String> whatIf = new HashSet<>(new DiagnosisEngine().run(rules.kieBase(),
                facts.withAnswer(question.code(), question.options().get(0)).all()).firedRules());
        whatIf.removeAll(fired);
        assertThat(whatIf).isNotEmpty();

        diagnoses.recompute(id);
        firings.flush();

        assertThat(firedCounts()).containsOnlyKeys(fired).allSatisfy((rule, count) -> assertThat(count).isEqualTo(2));
    }

    @Test
    void shouldCountTheRulesThatVotedForTheCauseRankedFirst() {
        long id = openSlowRoyaltyIncident();
        firings.flush();
        jdbc.update("DELETE FROM rule_stat_day");

        Diagnosis diagnosis = diagnoses.recompute(id);
        firings.flush();

        Set<String> voters = new HashSet<>();
        diagnosis.top().evidence().stream().filter(e -> e.effect().equals(Diagnosis.SUPPORTS))
                .forEach(e -> voters.add(e.rule()));
        Map<String, Integer> rankedFirst = new HashMap<>();
        jdbc.queryForList("SELECT rule_name, ranked_first FROM rule_stat_day").forEach(row -> rankedFirst
                .put((String) row.get("rule_name"), ((Number) row.get("ranked_first")).intValue()));
        assertThat(voters).isNotEmpty();
        rankedFirst.forEach((rule, count) -> assertThat(count).as(rule).isEqualTo(voters.contains(rule) ? 1 : 0));
        assertThat(rankedFirst.keySet()).containsAll(voters);
    }

    @Test
    void shouldAddUpCountsWrittenByTwoNodesAtOnce() throws Exception {
        RuleFirings one = new RuleFirings(jdbcClient, meters);
        RuleFirings two = new RuleFirings(jdbcClient, meters);
        Instant at = Instant.now();
        for (int round = 0; round < 20; round++) {
            List<String> rules = List.of("race rule " + round, "race rule shared");
            one.record(rules, List.of("race rule shared"), at);
            two.record(rules, List.of(), at);
            two.record(rules, List.of(), at.plusMillis(5));
            CompletableFuture<Void> first = CompletableFuture.runAsync(one::flush);
            CompletableFuture<Void> second = CompletableFuture.runAsync(two::flush);
            CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
        }

        Map<String, Integer> fired = firedCounts();
        assertThat(fired).hasSize(21).containsEntry("race rule shared", 60);
        for (int round = 0; round < 20; round++) {
            assertThat(fired).containsEntry("race rule " + round, 3);
        }
        assertThat(jdbc.queryForObject("SELECT ranked_first FROM rule_stat_day WHERE rule_name = 'race rule shared'",
                Integer.class)).isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT last_fired_at FROM rule_stat_day WHERE rule_name = 'race rule 0'",
                LocalDateTime.class)).isEqualTo(LocalDateTime.ofInstant(at.plusMillis(5), ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void shouldComputePrecisionAgainstConfirmedCausesFromFrozenDiagnoses() {
        long rms = openDiskFullIncident("rms", "d15c0000000000a1");
        long lms = openDiskFullIncident("lms", "d15c0000000000b2");
        long other = openDiskFullIncident("erp", "d15c0000000000c3");
        String rule = supportingRule(rms, "DISK_FULL");
        assertThat(supportingRule(lms, "DISK_FULL")).isEqualTo(rule);
        assertThat(supportingRule(other, "DISK_FULL")).isEqualTo(rule);

        assertThat(resolve(rms, "confirmed", "DISK_FULL").status()).isEqualTo(200);
        assertThat(resolve(lms, "confirmed", "CPU_SATURATION").status()).isEqualTo(200);
        assertThat(resolve(other, "false_alarm", null).status()).isEqualTo(200);

        JsonNode stat = stat(get("/api/v1/rules/stats").json(), rule);
        assertThat(stat.get("confirmedHits").intValue()).isEqualTo(1);
        assertThat(stat.get("confirmedMisses").intValue()).isEqualTo(1);
        assertThat(stat.get("precision").doubleValue()).isEqualTo(0.5);
        // A rule that voted in none of the confirmed incidents has no precision.
        get("/api/v1/rules/stats").json().forEach(s -> {
            if (s.get("confirmedHits").intValue() + s.get("confirmedMisses").intValue() == 0) {
                assertThat(s.get("precision").isNull()).as(s.get("rule").asString()).isTrue();
            }
        });

        // Every hit and miss, worked out by hand from the two frozen diagnoses.
        Map<String, int[]> expected = new HashMap<>();
        countVotes(expected, rms, "DISK_FULL");
        countVotes(expected, lms, "CPU_SATURATION");
        Map<String, int[]> actual = new HashMap<>();
        get("/api/v1/rules/stats").json().forEach(s -> {
            if (s.get("confirmedHits").intValue() + s.get("confirmedMisses").intValue() > 0) {
                actual.put(s.get("rule").asString(),
                        new int[] { s.get("confirmedHits").intValue(), s.get("confirmedMisses").intValue() });
            }
        });
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((r, hm) -> assertThat(actual.get(r)).as(r).containsExactly(hm));
    }

    @Test
    void shouldMarkAndFilterTheRulesThatDidNotFireInTheWindow() {
        long id = openDiskFullIncident("rms", "d15c0000000000d4");
        diagnoses.recompute(id);
        String rule = supportingRule(id, "DISK_FULL");
        String old = "Slow workflow traces with database time dominant suggest an inefficient query";
        assertThat(stat(get("/api/v1/rules/stats").json(), old)).isNotNull();
        jdbc.update("DELETE FROM rule_stat_day WHERE rule_name = ?", old);
        jdbc.update("INSERT INTO rule_stat_day (rule_name, stat_day, fired, ranked_first, last_fired_at) VALUES (?, ?, 4, 1, ?)",
                old, LocalDate.now(ZoneOffset.UTC).minusDays(40), LocalDateTime.now(ZoneOffset.UTC).minusDays(40));

        JsonNode month = get("/api/v1/rules/stats?days=30").json();
        JsonNode quarter = get("/api/v1/rules/stats?days=90").json();

        assertThat(stat(month, rule).get("neverFiredInWindow").booleanValue()).isFalse();
        assertThat(stat(month, old).get("neverFiredInWindow").booleanValue()).isTrue();
        assertThat(stat(month, old).get("fired").intValue()).isZero();
        assertThat(stat(month, old).get("lastFired").isNull()).isFalse();
        assertThat(stat(quarter, old).get("neverFiredInWindow").booleanValue()).isFalse();
        assertThat(stat(quarter, old).get("fired").intValue()).isEqualTo(4);
        assertThat(stat(quarter, old).get("rankedFirst").intValue()).isEqualTo(1);

        Response all = get("/rules/stats");
        Response never = get("/rules/stats?never=true&sort=lastFired");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains(html(rule), html(old), "/rules/source?rule=");
        assertThat(never.status()).isEqualTo(200);
        assertThat(never.body()).contains(html(old)).doesNotContain(html(rule));
        assertThat(get("/rules/stats?days=0").status()).isEqualTo(400);
    }

    @Test
    void shouldListEveryRuleInUseWithItsFileCauseAndFigures() {
        JsonNode stats = get("/api/v1/rules/stats").json();

        assertThat(stats.size()).isEqualTo(ruleBase.current().ruleCount());
        assertThat(stats.get(0).propertyNames()).containsExactlyInAnyOrder("rule", "file", "cause", "fired", "rankedFirst",
                "lastFired", "confirmedHits", "confirmedMisses", "precision", "neverFiredInWindow");
        stats.forEach(s -> {
            assertThat(s.get("file").asString()).as(s.get("rule").asString()).endsWith(".drl");
            assertThat(ruleBase.current().sources().stream().filter(f -> f.path().equals(s.get("file").asString()))
                    .findFirst().orElseThrow().content()).contains("rule \"" + s.get("rule").asString() + "\"");
        });
        JsonNode voting = stat(stats, supportingRuleName(stats));
        assertThat(voting.get("cause").asString()).isNotBlank();
        assertThat(get("/api/v1/rules/stats?days=0").status()).isEqualTo(400);
        assertThat(get("/api/v1/rules/stats?days=3651").status()).isEqualTo(400);
        assertThat(anonymous("GET", "/api/v1/rules/stats", null).status()).isEqualTo(401);
        String read = tokens.issue("stats-read", Set.of(Scope.READ)).secret();
        assertThat(anonymous("GET", "/api/v1/rules/stats", null, "Authorization", "Bearer " + read).status())
                .isEqualTo(200);
    }

    @Test
    void shouldExportFiringsRanksAndPrecisionAsMetrics() {
        long id = openDiskFullIncident("rms", "d15c0000000000e5");
        Diagnosis diagnosis = diagnoses.recompute(id);
        String rule = supportingRule(id, "DISK_FULL");
        assertThat(diagnosis.top().causeCode()).isEqualTo("DISK_FULL");
        resolve(id, "confirmed", "DISK_FULL");
        meters.refreshPrecision();

        Response fired = get("/actuator/metrics/triage.rule.fired?tag=rule:" + encode(rule));
        Response first = get("/actuator/metrics/triage.rule.ranked.first?tag=rule:" + encode(rule));
        Response precision = get("/actuator/metrics/triage.rule.precision?tag=rule:" + encode(rule));

        assertThat(fired.status()).isEqualTo(200);
        assertThat(fired.json().get("measurements").get(0).get("value").doubleValue()).isGreaterThanOrEqualTo(1);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("measurements").get(0).get("value").doubleValue()).isGreaterThanOrEqualTo(1);
        assertThat(precision.status()).isEqualTo(200);
        assertThat(precision.json().get("measurements").get(0).get("value").doubleValue()).isEqualTo(1.0);
        assertThat(anonymous("GET", "/actuator/metrics/triage.rule.fired", null).status()).isEqualTo(401);
    }

    private long openSlowRoyaltyIncident() {
        post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing", "RoyaltyPaymentProcessingSlow", "rms",
                "2026-11-20T10:00:00Z", "royalty0000000001", ", \"workflow\": \"royalty_payment\""));
        return get("/api/v1/incidents?status=open").json().get(0).get("id").longValue();
    }

    private long openDiskFullIncident(String system, String fingerprint) {
        assertThat(post("/api/v1/alerts/alertmanager", AlertMother.alertmanager("firing",
                "NodeFilesystemAlmostOutOfSpace", system, "2026-11-20T10:00:00Z", fingerprint,
                ", \"job\": \"node\", \"mountpoint\": \"/var\"")).status()).isEqualTo(200);
        return jdbc.queryForObject("SELECT id FROM incident WHERE system_name = ? AND status = 'OPEN'", Long.class,
                system);
    }

    private Response resolve(long id, String resolution, String cause) {
        return post("/api/v1/incidents/" + id + "/resolve", "{\"resolution\": \"" + resolution + "\""
                + (cause == null ? "" : ", \"causeCode\": \"" + cause + "\"") + "}");
    }

    /** The first rule whose evidence supports the cause in the incident's diagnosis. */
    private String supportingRule(long id, String cause) {
        for (JsonNode candidate : get("/api/v1/incidents/" + id + "/diagnosis").json().get("candidates")) {
            if (candidate.get("causeCode").asString().equals(cause)) {
                for (JsonNode e : candidate.get("evidence")) {
                    if (e.get("effect").asString().equals("supports")) {
                        return e.get("rule").asString();
                    }
                }
            }
        }
        throw new AssertionError("no rule supports " + cause + " in incident " + id);
    }

    private static String supportingRuleName(JsonNode stats) {
        for (JsonNode s : stats) {
            if (!s.get("cause").isNull()) {
                return s.get("rule").asString();
            }
        }
        throw new AssertionError("no rule declares a cause");
    }

    /** Hit or miss per rule that supported a cause in the incident's diagnosis (candidates and ruled out). */
    private void countVotes(Map<String, int[]> counts, long id, String confirmed) {
        JsonNode diagnosis = get("/api/v1/incidents/" + id + "/diagnosis").json();
        Map<String, Set<String>> causes = new HashMap<>();
        for (String part : List.of("candidates", "ruledOut")) {
            for (JsonNode c : diagnosis.get(part)) {
                for (JsonNode e : c.get("evidence")) {
                    if (e.get("effect").asString().equals("supports")) {
                        causes.computeIfAbsent(e.get("rule").asString(), r -> new HashSet<>())
                                .add(c.get("causeCode").asString());
                    }
                }
            }
        }
        causes.forEach((rule, voted) -> counts.computeIfAbsent(rule, r -> new int[2])[voted.contains(confirmed) ? 0 : 1]++);
    }

    private Map<String, Integer> firedCounts() {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.queryForList("SELECT rule_name, fired FROM rule_stat_day").forEach(row -> counts
                .merge((String) row.get("rule_name"), ((Number) row.get("fired")).intValue(), Integer::sum));
        return counts;
    }

    private static JsonNode stat(JsonNode stats, String rule) {
        for (JsonNode s : stats) {
            if (s.get("rule").asString().equals(rule)) {
                return s;
            }
        }
        return null;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
