package com.saypro.triage.diagnosis.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.saypro.triage.diagnosis.FactSet;
import com.saypro.triage.diagnosis.SystemProfile;
import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.LogFinding;
import com.saypro.triage.diagnosis.facts.TransactionTrace;

/**
 * Reads an incident's signals with Triage's knowledge before the rules run: each alert
 * through the alert catalog, else through its words; each log line through the log
 * classifiers; each trace's transaction to the system's workflow; and the system's workflows
 * and components as facts. Pure: the same signals and knowledge give the same facts.
 */
public final class SignalReader {

    private final AlertCatalog catalog;
    private final Function<Alert, Optional<AlertReading>> words;
    private final Function<LogEvent, List<LogFinding>> logs;

    public SignalReader(AlertCatalog catalog, Function<Alert, Optional<AlertReading>> words,
            Function<LogEvent, List<LogFinding>> logs) {
        this.catalog = catalog;
        this.words = words;
        this.logs = logs;
    }

    public AlertCatalog catalog() {
        return catalog;
    }

    /** The alert as the catalog knows it, else as its words tell, else nothing. */
    public Optional<AlertReading> read(Alert alert) {
        Optional<AlertReading> known = catalog.read(alert);
        return known.isPresent() ? known : words.apply(alert);
    }

    /** What the log classifiers find in one line. */
    public List<LogFinding> classify(LogEvent log) {
        return logs.apply(log);
    }

    public FactSet read(FactSet facts, SystemProfile system) {
        List<AlertReading> readings = new ArrayList<>();
        for (Alert alert : facts.alerts()) {
            read(alert).ifPresent(readings::add);
        }
        List<LogFinding> findings = new ArrayList<>();
        for (LogEvent log : facts.logs()) {
            findings.addAll(logs.apply(log));
        }
        List<TransactionTrace> traces = facts.traces().stream().map(t -> withWorkflow(t, system)).toList();
        return facts.withReadings(List.copyOf(readings), List.copyOf(findings), system.workflows(),
                system.components(), traces, system.priors());
    }

    private static TransactionTrace withWorkflow(TransactionTrace t, SystemProfile system) {
        String workflow = t.getTransaction() == null ? "" : system.workflowOfTransaction().apply(t.getTransaction());
        if (workflow == null || workflow.isEmpty() || workflow.equals(t.getWorkflow())) {
            return t;
        }
        return new TransactionTrace(t.getId(), t.getSystem(), t.getTransaction(), t.getDurationMs(), t.getDbMs(),
                t.getExternalMs(), t.isError(), t.getTimestamp(), t.getMinutesBeforeIncident(), workflow);
    }
}
