package com.saypro.triage.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.saypro.triage.audit.Actor;
import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.IncidentFactsLoader.Loaded;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;
import com.saypro.triage.timeline.IncidentEvent;

/**
 * One line of {@code GET /api/v1/incidents/{id}/timeline}: the recorded entries (status,
 * assignments, answers, top-cause changes, playbook steps, notes) merged with the incident's
 * signals, summarised: each alert's firing and resolution, and per metric, log level and
 * transaction one line with counts and extremes instead of one per sample.
 */
public record TimelineEntry(Instant at, String kind, String summary, String actor) {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /**
     * The recorded entries and the signals, oldest first: each alert that is a fact of the
     * incident, and the other signals summarised. When the incident's alerts were summarised for
     * its facts ({@link Loaded#alertsSummarised()}), one line at its first alert says how many
     * more fired and are not listed, so the gap shows.
     */
    static List<TimelineEntry> of(List<IncidentEvent> recorded, Loaded signals) {
        return of(recorded, signals.facts(), Map.of(), signals.alertsHeld() - signals.facts().alerts().size());
    }

    /**
     * As {@link #of(List, Loaded)}, but with the alerts summarised per alert name like the
     * other signals: one line when a name first fired (how often, the last time) and one when
     * the last of them resolved. For post-mortems, where a flapping alert would drown the rest.
     * {@code held}: how many alerts of each name the incident holds, when its facts leave some out.
     */
    static List<TimelineEntry> condensed(List<IncidentEvent> recorded, FactSet signals, Map<String, Integer> held) {
        return of(recorded, signals, held, -1);
    }

    /** {@code leftOut}: the alerts the listed ones leave out; negative: alerts summarised per name. */
    private static List<TimelineEntry> of(List<IncidentEvent> recorded, FactSet signals, Map<String, Integer> held,
            int leftOut) {
        List<TimelineEntry> entries = new ArrayList<>();
        recorded.forEach(e -> entries.add(new TimelineEntry(e.at(), e.kind(), e.summary(), e.actor())));
        if (leftOut < 0) {
            summariseAlerts(signals.alerts(), held, entries);
        } else {
            listAlerts(signals.alerts(), leftOut, entries);
        }
        signals.changes().forEach(c -> entries.add(new TimelineEntry(c.getTimestamp(), IncidentEvent.SIGNAL,
                c.getKind() + " " + (c.getVersion() == null || c.getVersion().isEmpty() ? "" : c.getVersion() + " ")
                        + c.getDescription(), c.getAuthor() == null || c.getAuthor().isEmpty() ? Actor.SYSTEM
                                : c.getAuthor())));
        summariseMetrics(signals.metrics(), entries);
        summariseLogs(signals.logs(), entries);
        summariseTraces(signals.traces(), entries);
        entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return entries;
    }

    /**
     * Each alert's firing and resolution; when {@code leftOut} alerts are not among them, one
     * line at the first alert says so.
     */
    private static void listAlerts(List<Alert> alerts, int leftOut, List<TimelineEntry> entries) {
        alerts.forEach(a -> {
            entries.add(new TimelineEntry(a.getStartsAt(), IncidentEvent.SIGNAL, "alert " + a.getName() + " fired ("
                    + a.getSeverity() + ")" + (a.annotation("summary").isEmpty() ? "" : ": " + a.annotation("summary")),
                    Actor.SYSTEM));
            if (a.getEndsAt() != null && "resolved".equals(a.getStatus())) {
                entries.add(new TimelineEntry(a.getEndsAt(), IncidentEvent.SIGNAL, "alert " + a.getName() + " resolved",
                        Actor.SYSTEM));
            }
        });
        if (leftOut > 0) {
            alerts.stream().map(Alert::getStartsAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder())
                    .ifPresent(first -> entries.add(new TimelineEntry(first, IncidentEvent.SIGNAL, leftOut + " more "
                            + (leftOut == 1 ? "alert" : "alerts") + " fired and are not listed here one by one:"
                            + " the timeline lists the first alert of each name and its newest; the incident's"
                            + " alerts list has every alert", Actor.SYSTEM)));
        }
    }

    private static void summariseAlerts(List<Alert> alerts, Map<String, Integer> held, List<TimelineEntry> entries) {
        Map<String, List<Alert>> byName = alerts.stream().collect(Collectors.groupingBy(Alert::getName, TreeMap::new,
                Collectors.toList()));
        byName.forEach((name, list) -> {
            List<Instant> starts = list.stream().map(Alert::getStartsAt).filter(java.util.Objects::nonNull).sorted()
                    .toList();
            String severity = list.stream().map(Alert::getSeverity).reduce(Severity::max).orElse("");
            Instant first = starts.isEmpty() ? null : starts.get(0);
            int fired = Math.max(list.size(), held.getOrDefault(name, 0));
            entries.add(new TimelineEntry(first, IncidentEvent.SIGNAL, fired == 1
                    ? "alert " + name + " fired (" + severity + ")"
                    : "alert " + name + " fired " + fired + " times (" + severity + "), the last at "
                            + TIME.format(starts.get(starts.size() - 1)), Actor.SYSTEM));
            List<Alert> resolved = list.stream().filter(a -> a.getEndsAt() != null && "resolved".equals(a.getStatus()))
                    .toList();
            if (!resolved.isEmpty()) {
                Instant last = resolved.stream().map(Alert::getEndsAt).max(Comparator.naturalOrder()).orElseThrow();
                entries.add(new TimelineEntry(last, IncidentEvent.SIGNAL, "alert " + name + " resolved"
                        + (list.size() == 1 ? "" : " (" + resolved.size() + " of " + list.size() + ")"), Actor.SYSTEM));
            }
        });
    }

    private static void summariseMetrics(List<MetricSample> samples, List<TimelineEntry> entries) {
        Map<String, List<MetricSample>> byMetric = samples.stream().collect(Collectors.groupingBy(
                m -> m.getMetric() + (m.getComponent().isEmpty() ? "" : " [" + m.getComponent() + "]")
                        + (m.getWorkflow().isEmpty() ? "" : " workflow " + m.getWorkflow()),
                TreeMap::new, Collectors.toList()));
        byMetric.forEach((name, list) -> {
            DoubleSummaryStatistics stats = list.stream().mapToDouble(MetricSample::getValue).summaryStatistics();
            Instant first = list.stream().map(MetricSample::getTimestamp).min(Comparator.naturalOrder()).orElse(null);
            entries.add(new TimelineEntry(first, IncidentEvent.SIGNAL, list.size() == 1
                    ? "metric " + name + " = " + number(stats.getMax())
                    : "metric " + name + ": " + list.size() + " samples, min " + number(stats.getMin()) + ", max "
                            + number(stats.getMax()), Actor.SYSTEM));
        });
    }

    private static void summariseLogs(List<LogEvent> logs, List<TimelineEntry> entries) {
        Map<String, List<LogEvent>> byLevel = logs.stream().collect(Collectors.groupingBy(
                l -> l.getLevel() + (l.getComponent().isEmpty() ? "" : " [" + l.getComponent() + "]"), TreeMap::new,
                Collectors.toList()));
        byLevel.forEach((level, list) -> {
            LogEvent first = list.stream().min(Comparator.comparing(LogEvent::getTimestamp)).orElseThrow();
            entries.add(new TimelineEntry(first.getTimestamp(), IncidentEvent.SIGNAL, list.size() == 1
                    ? "log " + level + ": " + first.getMessage()
                    : list.size() + " log lines " + level + ", the first: " + first.getMessage(), Actor.SYSTEM));
        });
    }

    private static void summariseTraces(List<TransactionTrace> traces, List<TimelineEntry> entries) {
        Map<String, List<TransactionTrace>> byTransaction = traces.stream().collect(Collectors.groupingBy(
                TransactionTrace::getTransaction, TreeMap::new, Collectors.toList()));
        byTransaction.forEach((name, list) -> {
            Instant first = list.stream().map(TransactionTrace::getTimestamp).min(Comparator.naturalOrder()).orElse(null);
            long failed = list.stream().filter(TransactionTrace::isError).count();
            long slowest = list.stream().mapToLong(t -> (long) t.getDurationMs()).max().orElse(0);
            entries.add(new TimelineEntry(first, IncidentEvent.SIGNAL, "transaction " + name + ": " + list.size()
                    + (list.size() == 1 ? " trace" : " traces") + ", slowest " + slowest + " ms"
                    + (failed == 0 ? "" : ", " + failed + " failed"), Actor.SYSTEM));
        });
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(Math.round(value * 1000) / 1000.0);
    }
}
