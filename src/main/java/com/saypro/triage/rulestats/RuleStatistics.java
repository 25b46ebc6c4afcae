package com.saypro.triage.rulestats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.saypro.triage.diagnosis.RuleMetadata;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.rules.RuleSource;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.BadRequestException;

/**
 * The figures of every rule of the rule base in use over the last {@code days} UTC calendar
 * days (today included): firings and first ranks from {@code rule_stat_day} (written first, so
 * the latest runs count), precision from {@link RulePrecision}.
 */
@Service
public class RuleStatistics {

    public static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 3650;
    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private final JdbcClient jdbc;
    private final RuleBase ruleBase;
    private final RuleFirings firings;
    private final RulePrecision precision;
    private final Map<String, Map<String, Place>> placesByVersion = new ConcurrentHashMap<>();

    /** Where a rule is: its file and the offset of its header line in it. */
    record Place(String file, int offset) {
    }

    RuleStatistics(JdbcClient jdbc, RuleBase ruleBase, RuleFirings firings, RulePrecision precision) {
        this.jdbc = jdbc;
        this.ruleBase = ruleBase;
        this.firings = firings;
        this.precision = precision;
    }

    /** Checks a window asked for: 1 to 3650 days, 30 when none. */
    public static int days(Integer days) {
        if (days == null) {
            return DEFAULT_DAYS;
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new BadRequestException("days", "must be between 1 and " + MAX_DAYS);
        }
        return days;
    }

    /** Every rule in use, by file and then as the file lists them. */
    public List<RuleStat> all(int days) {
        firings.flush();
        CompiledRuleBase rules = ruleBase.current();
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
        record Window(String rule, long fired, long rankedFirst) {
        }
        Map<String, Window> window = new HashMap<>();
        jdbc.sql("SELECT rule_name, SUM(fired), SUM(ranked_first) FROM rule_stat_day WHERE stat_day >= ?"
                + " GROUP BY rule_name").param(from)
                .query((rs, n) -> new Window(rs.getString(1), rs.getLong(2), rs.getLong(3))).list()
                .forEach(w -> window.put(w.rule(), w));
        Map<String, Instant> lastFired = new HashMap<>();
        jdbc.sql("SELECT rule_name, MAX(last_fired_at) AS last_fired_at FROM rule_stat_day GROUP BY rule_name")
                .query((rs, n) -> Map.entry(rs.getString(1), Times.fromDb(rs, "last_fired_at"))).list()
                .forEach(e -> lastFired.put(e.getKey(), e.getValue()));
        Map<String, RulePrecision.Tally> confirmed = precision.byRule();
        Map<String, Place> places = placesByVersion.computeIfAbsent(rules.version(), v -> places(rules.sources()));
        List<RuleStat> stats = new ArrayList<>();
        rules.kieBase().getKiePackages().forEach(p -> p.getRules().forEach(rule -> {
            String name = rule.getName();
            Window w = window.getOrDefault(name, new Window(name, 0, 0));
            RulePrecision.Tally t = confirmed.getOrDefault(name, new RulePrecision.Tally(0, 0));
            List<String> causes = RuleMetadata.causes(rule);
            Place place = places.get(name);
            stats.add(new RuleStat(name, place == null ? null : place.file(),
                    causes.isEmpty() ? null : String.join(",", causes), w.fired(), w.rankedFirst(),
                    lastFired.get(name), t.hits(), t.misses(), t.precision(), w.fired() == 0));
        }));
        stats.sort(Comparator.comparing((RuleStat s) -> s.file() == null ? "" : s.file())
                .thenComparing(s -> places.containsKey(s.rule()) ? places.get(s.rule()).offset() : Integer.MAX_VALUE)
                .thenComparing(RuleStat::rule));
        return stats;
    }

    /** The DRL file of each rule: the file with its header line {@code rule "name"}. */
    static Map<String, Place> places(List<RuleSource> sources) {
        Map<String, Place> places = new HashMap<>();
        for (RuleSource source : sources) {
            Matcher m = RULE_HEADER.matcher(source.content());
            while (m.find()) {
                places.putIfAbsent(m.group(1), new Place(source.path(), m.start()));
            }
        }
        return places;
    }
}
