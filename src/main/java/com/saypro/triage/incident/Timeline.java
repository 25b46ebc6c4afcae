package com.saypro.triage.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.saypro.triage.diagnosis.FactSet;

/** What happened around an incident, newest first: alerts, changes, logs, traces and metrics. */
public final class Timeline {

    static final int MAX_ENTRIES = 200;

    private Timeline() {
    }

    public record Entry(Instant at, String kind, String text, boolean notable) {
    }

    public static List<Entry> of(FactSet facts) {
        List<Entry> entries = new ArrayList<>();
        facts.alerts().forEach(a -> {
            entries.add(new Entry(a.getStartsAt(), "alert", a.getName() + " fired (" + a.getSeverity() + ")"
                    + (a.annotation("summary").isEmpty() ? "" : ": " + a.annotation("summary")), true));
            if (a.getEndsAt() != null && "resolved".equals(a.getStatus())) {
                entries.add(new Entry(a.getEndsAt(), "alert", a.getName() + " resolved", false));
            }
        });
        facts.changes().forEach(c -> entries.add(new Entry(c.getTimestamp(), "change", c.getKind() + " "
                + (c.getVersion() == null || c.getVersion().isEmpty() ? "" : c.getVersion() + " ")
                + c.getDescription() + (c.getAuthor() == null || c.getAuthor().isEmpty() ? "" : " by " + c.getAuthor()),
                true)));
        facts.logs().forEach(l -> entries.add(new Entry(l.getTimestamp(), "log", l.getLevel() + " "
                + (l.getComponent().isEmpty() ? "" : "[" + l.getComponent() + "] ") + l.getMessage(), l.isError())));
        facts.traces().forEach(t -> entries.add(new Entry(t.getTimestamp(), "trace", t.getTransaction() + " "
                + t.getDurationMs() + " ms (db " + t.getDbMs() + " ms, external " + t.getExternalMs() + " ms)"
                + (t.isError() ? ", failed" : ""), t.isError() || t.getDurationMs() >= 5000)));
        facts.metrics().forEach(m -> entries.add(new Entry(m.getTimestamp(), "metric", m.getMetric() + " = "
                + m.getValue() + (m.getUnit().isEmpty() ? "" : " " + m.getUnit())
                + (m.getComponent().isEmpty() ? "" : " [" + m.getComponent() + "]")
                + (m.getWorkflow().isEmpty() ? "" : " workflow " + m.getWorkflow()), false)));
        entries.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return entries.size() > MAX_ENTRIES ? List.copyOf(entries.subList(0, MAX_ENTRIES)) : List.copyOf(entries);
    }
}
