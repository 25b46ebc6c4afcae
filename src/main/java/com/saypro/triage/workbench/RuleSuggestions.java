package com.saypro.triage.workbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.saypro.triage.diagnosis.Diagnosis;
import com.saypro.triage.knowledge.KnowledgeBase;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.Json;

/**
 * Rules that past incidents suggest: an alert that was firing in at least
 * {@value #MIN_INCIDENTS} incidents resolved with the same confirmed root cause, where no rule
 * voted for that cause, is offered to knowledge engineers as a DRL draft voting for the cause
 * when that alert fires. A draft only opens in the workbench editor; it goes live like any
 * other change, through review and compile-test-swap, never by itself. Incidents whose
 * diagnosis was made with the rules in use and still missed the cause are counted; a pattern
 * the rules now cover disappears once its incidents' causes rank with the rules in use.
 */
@Service
public class RuleSuggestions {

    static final int MIN_INCIDENTS = 2;
    private static final int SCANNED = 2_000;

    private final JdbcClient jdbc;
    private final KnowledgeBase knowledge;
    private final RuleBase ruleBase;
    private final RegressionSuite suite;

    public RuleSuggestions(JdbcClient jdbc, KnowledgeBase knowledge, RuleBase ruleBase, RegressionSuite suite) {
        this.jdbc = jdbc;
        this.knowledge = knowledge;
        this.ruleBase = ruleBase;
        this.suite = suite;
    }

    /** A suggested rule: the alert, the cause, the incidents it was learned from, and the draft. */
    public record Suggestion(String key, String alertName, String causeCode, String causeTitle, List<Long> incidents,
            List<String> systems, String path, String drl) {
    }

    private record Missed(long incidentId, String system, String cause, List<String> alerts) {
    }

    /** The suggestions, the best supported first. */
    public List<Suggestion> suggestions() {
        Map<String, List<Missed>> byPattern = new LinkedHashMap<>();
        for (Missed m : missed()) {
            for (String alert : m.alerts()) {
                byPattern.computeIfAbsent(alert + "\u0000" + m.cause(), k -> new ArrayList<>()).add(m);
            }
        }
        List<Suggestion> suggestions = new ArrayList<>();
        byPattern.forEach((pattern, incidents) -> {
            if (incidents.size() < MIN_INCIDENTS) {
                return;
            }
            String alert = pattern.substring(0, pattern.indexOf('\u0000'));
            String cause = pattern.substring(pattern.indexOf('\u0000') + 1);
            if (coveredNow(incidents.get(incidents.size() - 1), cause)) {
                return;
            }
            String title = knowledge.cause(cause).map(c -> c.title()).orElse(cause);
            List<Long> ids = incidents.stream().map(Missed::incidentId).sorted().toList();
            List<String> systems = List.copyOf(new TreeSet<>(incidents.stream().map(Missed::system).toList()));
            String key = slug(alert) + "-" + cause.toLowerCase(Locale.ROOT);
            suggestions.add(new Suggestion(key, alert, cause, title, ids, systems,
                    "suggested/" + fileName(alert, cause) + ".drl", draft(alert, cause, title, ids, systems)));
        });
        suggestions.sort(Comparator.comparing((Suggestion s) -> -s.incidents().size()).thenComparing(Suggestion::key));
        return suggestions;
    }

    public Optional<Suggestion> suggestion(String key) {
        return suggestions().stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Confirmed incidents whose final diagnosis had no candidate for the confirmed cause. */
    private List<Missed> missed() {
        record Row(long id, String system, String cause, String result) {
        }
        List<Row> rows = jdbc.sql("SELECT i.id, i.system_name, i.confirmed_cause, r.result FROM incident i"
                + " JOIN diagnosis_run r ON r.id = (SELECT MAX(x.id) FROM diagnosis_run x WHERE x.incident_id = i.id)"
                + " WHERE i.resolution = 'confirmed' AND i.confirmed_cause IS NOT NULL AND i.merged_into IS NULL"
                + " ORDER BY i.id DESC LIMIT " + SCANNED)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        List<Missed> missed = new ArrayList<>();
        for (Row row : rows) {
            Diagnosis d = Json.MAPPER.readValue(row.result(), Diagnosis.class);
            if (d.candidates().stream().noneMatch(c -> c.causeCode().equals(row.cause()))) {
                List<String> alerts = jdbc.sql("SELECT DISTINCT name FROM alert WHERE incident_id = ? ORDER BY name")
                        .param(row.id()).query(String.class).list();
                missed.add(new Missed(row.id(), row.system(), row.cause(), alerts));
            }
        }
        return missed;
    }

    /** Whether the rules in use now rank the cause for an incident that was missed. */
    private boolean coveredNow(Missed incident, String cause) {
        return suite.rank(ruleBase.current(), incident.incidentId())
                .map(candidates -> candidates.stream().anyMatch(c -> c.causeCode().equals(cause))).orElse(false);
    }

    private static String draft(String alert, String cause, String title, List<Long> ids, List<String> systems) {
        double vote = Math.min(0.5, 0.3 + 0.05 * (ids.size() - MIN_INCIDENTS));
        String quoted = alert.replace("\\", "\\\\").replace("\"", "\\\"");
        String incidents = ids.stream().map(id -> "#" + id).reduce((a, b) -> a + ", " + b).orElse("");
        return String.format(Locale.ROOT, """
                package suggested;

                import com.saypro.triage.diagnosis.facts.Alert;
                import com.saypro.triage.diagnosis.facts.CandidateCause;

                // Suggested by Triage from %d incidents resolved with %s confirmed (%s, on %s) in which
                // the alert %s was firing and no rule voted for that cause. Check that the alert really
                // points at the cause (and not only on these systems), adjust the condition, the vote and
                // the reason, then publish: the regression suite replays the confirmed incidents first.
                rule "%s firing suggests %s (suggested from %d confirmed incidents)" @cause("%s") @group("suggested-%s")
                when
                    $a : Alert( firing, name == "%s", $sys : system )
                then
                    insertLogical( new CandidateCause("%s", %.2f, "alert %s is firing on " + $sys
                            + "; it went with %s in %d confirmed incidents") );
                end
                """, ids.size(), cause, incidents, String.join(", ", systems), quoted, quoted,
                title.toLowerCase(Locale.ROOT).replace("\"", "'"), ids.size(), cause, slug(alert), quoted, cause,
                vote, quoted, title.toLowerCase(Locale.ROOT).replace("\"", "'"), ids.size());
    }

    private static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "alert" : slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    private static String fileName(String alert, String cause) {
        StringBuilder name = new StringBuilder();
        for (String part : (alert + "_" + cause.toLowerCase(Locale.ROOT)).split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String file = name.length() == 0 ? "Suggested" : name.toString();
        return file.length() > 80 ? file.substring(0, 80) : file;
    }
}
