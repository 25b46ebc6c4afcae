package com.saypro.triage.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.saypro.triage.support.Json;
import com.saypro.triage.support.Times;

import tools.jackson.databind.JsonNode;

/**
 * The figures of continuous improvement, over the incidents opened in a window (merged
 * incidents count once, as the one they were merged into):
 * <ul>
 * <li>MTTA: mean time from opening to the first acknowledgement, of the incidents acknowledged;</li>
 * <li>MTTR: mean time from opening to resolution (the fix applied; the incident then goes to
 * verifying), of the incidents resolved;</li>
 * <li>false alarms: incidents resolved as {@code false_alarm}; per alert name, the share of the
 * incidents that alert took part in;</li>
 * <li>fixes that did not hold: resolved incidents that came back (reopened at least once);</li>
 * <li>recurring causes: confirmed causes by how often they were confirmed;</li>
 * <li>accuracy: how often the rules ranked the confirmed cause first or in the top three, and
 * the precision of their votes, per month;</li>
 * <li>overdue action items of post-mortems.</li>
 * </ul>
 * Times are in seconds; a mean over no incidents is null. Months are calendar months in UTC.
 */
@Service
public class ImprovementReports {

    private final JdbcClient jdbc;

    public ImprovementReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One system's figures ({@code system} "all" for the total). */
    public record SystemFigures(String system, int incidents, Long mtta, Long mttr, int acknowledged, int resolved,
            int falseAlarms, int fixesNotHeld, int confirmed) {
    }

    /** One system's figures in one month (the month the incidents opened in). */
    public record MonthFigures(String month, String system, int incidents, Long mtta, Long mttr, int falseAlarms,
            int fixesNotHeld) {
    }

    /** An alert name: in how many incidents it took part, and how many of them were false alarms. */
    public record AlertFalseAlarms(String alertName, int incidents, int falseAlarms, double rate) {
    }

    /** A confirmed cause and how often, and on which systems. */
    public record RecurringCause(String causeCode, String title, int confirmed, List<String> systems,
            int fixesNotHeld) {
    }

    /** A fix that did not hold: the incident, what was done, and how often it came back. */
    public record FixNotHeld(long incidentId, String system, String title, String causeCode, String fix,
            int reopened, Instant resolvedAt) {
    }

    /**
     * How well the diagnosis did, per month (of opening) over the incidents confirmed then:
     * the share whose confirmed cause the rules ranked first, in the top three, and the
     * precision of the rules' votes (votes for the confirmed cause among all supporting votes).
     */
    public record Accuracy(String month, int confirmed, Double topOne, Double topThree, Double rulePrecision) {
    }

    /** An action item of a post-mortem still open after its due date. */
    public record OverdueAction(long postmortemId, String postmortem, long incidentId, String text, String owner,
            LocalDate dueDate, long daysOverdue) {
    }

    private record Row(long id, String system, String title, Instant openedAt, Instant acknowledgedAt,
            Instant resolvedAt, String resolution, String cause, String fix, int reopenCount) {
    }

    private List<Row> rows(Instant from, Instant to) {
        return jdbc.sql("SELECT id, system_name, title, opened_at, acknowledged_at, resolved_at, resolution,"
                + " confirmed_cause, fix_applied, reopen_count FROM incident WHERE merged_into IS NULL"
                + " AND opened_at >= ? AND opened_at < ? ORDER BY opened_at, id")
                .params(Times.toDb(from), Times.toDb(to))
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("system_name"), rs.getString("title"),
                        Times.fromDb(rs, "opened_at"), Times.fromDb(rs, "acknowledged_at"),
                        Times.fromDb(rs, "resolved_at"), rs.getString("resolution"), rs.getString("confirmed_cause"),
                        rs.getString("fix_applied"), rs.getInt("reopen_count")))
                .list();
    }

    /** Per system (by name), then the total as system "all" when there is more than one. */
    public List<SystemFigures> summary(Instant from, Instant to) {
        List<Row> rows = rows(from, to);
        Map<String, List<Row>> bySystem = rows.stream()
                .collect(Collectors.groupingBy(Row::system, TreeMap::new, Collectors.toList()));
        List<SystemFigures> figures = new ArrayList<>();
        bySystem.forEach((system, list) -> figures.add(figures(system, list)));
        return figures;
    }

    /** The figures of all systems together. */
    public SystemFigures total(Instant from, Instant to) {
        return figures("all", rows(from, to));
    }

    /** Per month and system, oldest month first. */
    public List<MonthFigures> monthly(Instant from, Instant to) {
        Map<String, Map<String, List<Row>>> byMonth = new TreeMap<>();
        for (Row row : rows(from, to)) {
            String month = YearMonth.from(row.openedAt().atOffset(ZoneOffset.UTC)).toString();
            byMonth.computeIfAbsent(month, m -> new TreeMap<>()).computeIfAbsent(row.system(), s -> new ArrayList<>())
                    .add(row);
        }
        List<MonthFigures> months = new ArrayList<>();
        byMonth.forEach((month, systems) -> systems.forEach((system, list) -> {
            SystemFigures f = figures(system, list);
            months.add(new MonthFigures(month, system, f.incidents(), f.mtta(), f.mttr(), f.falseAlarms(),
                    f.fixesNotHeld()));
        }));
        return months;
    }

    /** Per alert name, the incidents it took part in and how many were false alarms; highest rate first. */
    public List<AlertFalseAlarms> falseAlarmsByAlert(Instant from, Instant to) {
        record Link(String name, long incident, boolean falseAlarm) {
        }
        List<Link> links = jdbc.sql("SELECT DISTINCT a.name, i.id, i.resolution FROM alert a JOIN incident i"
                + " ON i.id = a.incident_id WHERE i.merged_into IS NULL AND i.opened_at >= ? AND i.opened_at < ?")
                .params(Times.toDb(from), Times.toDb(to))
                .query((rs, n) -> new Link(rs.getString(1), rs.getLong(2), "false_alarm".equals(rs.getString(3))))
                .list();
        Map<String, List<Link>> byName = links.stream().collect(Collectors.groupingBy(Link::name));
        return byName.entrySet().stream().map(e -> {
            int incidents = (int) e.getValue().stream().map(Link::incident).distinct().count();
            int falseAlarms = (int) e.getValue().stream().filter(Link::falseAlarm).map(Link::incident).distinct()
                    .count();
            return new AlertFalseAlarms(e.getKey(), incidents, falseAlarms,
                    incidents == 0 ? 0 : Math.round(falseAlarms * 1000.0 / incidents) / 1000.0);
        }).sorted(Comparator.comparingDouble(AlertFalseAlarms::rate).reversed()
                .thenComparing(Comparator.comparingInt(AlertFalseAlarms::incidents).reversed())
                .thenComparing(AlertFalseAlarms::alertName)).toList();
    }

    /** Confirmed causes, the most often confirmed first. */
    public List<RecurringCause> recurringCauses(Instant from, Instant to) {
        Map<String, String> titles = jdbc.sql("SELECT code, title FROM cause").query((rs, n) -> Map.entry(
                rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, List<Row>> byCause = rows(from, to).stream()
                .filter(r -> "confirmed".equals(r.resolution()) && r.cause() != null)
                .collect(Collectors.groupingBy(Row::cause));
        return byCause.entrySet().stream().map(e -> new RecurringCause(e.getKey(),
                titles.getOrDefault(e.getKey(), e.getKey()), e.getValue().size(),
                e.getValue().stream().map(Row::system).distinct().sorted().toList(),
                (int) e.getValue().stream().filter(r -> r.reopenCount() > 0).count()))
                .sorted(Comparator.comparingInt(RecurringCause::confirmed).reversed()
                        .thenComparing(RecurringCause::causeCode))
                .toList();
    }

    /** The resolved incidents that came back, the most often reopened first. */
    public List<FixNotHeld> fixesNotHeld(Instant from, Instant to) {
        return rows(from, to).stream().filter(r -> r.reopenCount() > 0)
                .map(r -> new FixNotHeld(r.id(), r.system(), r.title(), r.cause(), r.fix(), r.reopenCount(),
                        r.resolvedAt()))
                .sorted(Comparator.comparingInt(FixNotHeld::reopened).reversed()
                        .thenComparingLong(FixNotHeld::incidentId))
                .toList();
    }

    /** Per month, oldest first, the diagnosis' accuracy against the confirmed causes. */
    public List<Accuracy> accuracy(Instant from, Instant to) {
        record Confirmed(String month, String cause, String result) {
        }
        List<Confirmed> rows = jdbc.sql("SELECT i.opened_at, i.confirmed_cause, r.result FROM incident i"
                + " JOIN diagnosis_run r ON r.id = (SELECT MAX(x.id) FROM diagnosis_run x WHERE x.incident_id = i.id)"
                + " WHERE i.resolution = 'confirmed' AND i.confirmed_cause IS NOT NULL AND i.merged_into IS NULL"
                + " AND i.opened_at >= ? AND i.opened_at < ? ORDER BY i.opened_at, i.id")
                .params(Times.toDb(from), Times.toDb(to))
                .query((rs, n) -> new Confirmed(YearMonth.from(Times.fromDb(rs, "opened_at").atOffset(ZoneOffset.UTC))
                        .toString(), rs.getString(2), rs.getString(3)))
                .list();
        Map<String, int[]> byMonth = new TreeMap<>(); // confirmed, first, top three, hits, votes
        for (Confirmed c : rows) {
            int[] f = byMonth.computeIfAbsent(c.month(), m -> new int[5]);
            f[0]++;
            JsonNode candidates = Json.MAPPER.readTree(c.result()).path("candidates");
            for (JsonNode candidate : candidates) {
                boolean right = c.cause().equals(candidate.path("causeCode").asString());
                int rank = candidate.path("rank").asInt();
                if (right && rank == 1) {
                    f[1]++;
                }
                if (right && rank <= 3) {
                    f[2]++;
                }
                for (JsonNode e : candidate.path("evidence")) {
                    if ("supports".equals(e.path("effect").asString())) {
                        f[4]++;
                        f[3] += right ? 1 : 0;
                    }
                }
            }
        }
        List<Accuracy> months = new ArrayList<>();
        byMonth.forEach((month, f) -> months.add(new Accuracy(month, f[0], share(f[1], f[0]), share(f[2], f[0]),
                share(f[3], f[4]))));
        return months;
    }

    /** Open action items past their due date, the longest overdue first. */
    public List<OverdueAction> overdueActions(LocalDate today) {
        return jdbc.sql("SELECT p.id, p.title, p.incident_id, a.text, a.owner, a.due_date FROM postmortem_action a"
                + " JOIN postmortem p ON p.id = a.postmortem_id WHERE a.status = 'OPEN' AND a.due_date < ?"
                + " ORDER BY a.due_date, a.id").param(today)
                .query((rs, n) -> {
                    LocalDate due = rs.getObject("due_date", LocalDate.class);
                    return new OverdueAction(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), due, ChronoUnit.DAYS.between(due, today));
                }).list();
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
    }

    private static SystemFigures figures(String system, List<Row> rows) {
        List<Row> acknowledged = rows.stream().filter(r -> r.acknowledgedAt() != null).toList();
        List<Row> resolved = rows.stream().filter(r -> r.resolvedAt() != null).toList();
        return new SystemFigures(system, rows.size(), mean(acknowledged, Row::acknowledgedAt),
                mean(resolved, Row::resolvedAt), acknowledged.size(), resolved.size(),
                (int) rows.stream().filter(r -> "false_alarm".equals(r.resolution())).count(),
                (int) rows.stream().filter(r -> r.reopenCount() > 0).count(),
                (int) rows.stream().filter(r -> "confirmed".equals(r.resolution())).count());
    }

    /** The mean seconds from opening to {@code end}, rounded; null over no incidents. */
    private static Long mean(List<Row> rows, Function<Row, Instant> end) {
        if (rows.isEmpty()) {
            return null;
        }
        double total = 0;
        for (Row row : rows) {
            total += Math.max(0, Duration.between(row.openedAt(), end.apply(row)).toMillis()) / 1000.0;
        }
        return Math.round(total / rows.size());
    }

    /** Figures as a map, for CSV and JSON with the same names. */
    static Map<String, Object> asMap(SystemFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", f.system());
        m.put("incidents", f.incidents());
        m.put("mtta", f.mtta());
        m.put("mttr", f.mttr());
        m.put("acknowledged", f.acknowledged());
        m.put("resolved", f.resolved());
        m.put("falseAlarms", f.falseAlarms());
        m.put("fixesNotHeld", f.fixesNotHeld());
        m.put("confirmed", f.confirmed());
        return m;
    }
}
