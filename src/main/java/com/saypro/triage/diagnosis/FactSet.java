package com.saypro.triage.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.AlertReading;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.LogFinding;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.SystemComponent;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;
import com.saypro.triage.diagnosis.facts.TransactionTrace;

/**
 * Everything one diagnosis sees, in a fixed order (each list sorted by id): the signals and
 * answers, and what Triage read from them with its knowledge before the rules run (recognised
 * alerts, classified log lines, the system's workflows and components, and its priors: the
 * base rate of each cause). Stored whole with every run, so a run replays exactly even after
 * the knowledge changed. {@link #all()} gives the facts for the session; the priors are not
 * facts, the scoring reads them. {@code priorNotes} says, per cause whose prior was learned
 * from past incidents, what it was learned from.
 */
public record FactSet(IncidentContext context, List<Alert> alerts, List<MetricSample> metrics, List<LogEvent> logs,
        List<TransactionTrace> traces, List<ChangeEvent> changes, List<Answer> answers, List<AlertReading> readings,
        List<LogFinding> findings, List<SystemWorkflow> workflows, List<SystemComponent> components,
        Map<String, Double> priors, Map<String, String> priorNotes) {

    /** Signals and answers only, nothing read from them yet. */
    public FactSet(IncidentContext context, List<Alert> alerts, List<MetricSample> metrics, List<LogEvent> logs,
            List<TransactionTrace> traces, List<ChangeEvent> changes, List<Answer> answers) {
        this(context, alerts, metrics, logs, traces, changes, answers, List.of(), List.of(), List.of(), List.of(),
                Map.of(), Map.of());
    }

    /** The facts in the order they go into the session. */
    public List<Object> all() {
        List<Object> facts = new ArrayList<>();
        facts.add(context);
        facts.addAll(workflows);
        facts.addAll(components);
        facts.addAll(alerts);
        facts.addAll(readings);
        facts.addAll(metrics);
        facts.addAll(logs);
        facts.addAll(findings);
        facts.addAll(traces);
        facts.addAll(changes);
        facts.addAll(answers);
        return facts;
    }

    /** The same facts with {@code question} answered {@code value} (replacing an earlier answer to it). */
    public FactSet withAnswer(String question, String value) {
        List<Answer> changed = new ArrayList<>(answers.stream().filter(a -> !a.getQuestion().equals(question)).toList());
        changed.add(new Answer(question, value));
        changed.sort(java.util.Comparator.comparing(Answer::getQuestion));
        return new FactSet(context, alerts, metrics, logs, traces, changes, List.copyOf(changed), readings, findings,
                workflows, components, priors, priorNotes);
    }

    /** The same signals with what was read from them, and the system's priors, replaced. */
    public FactSet withReadings(List<AlertReading> newReadings, List<LogFinding> newFindings,
            List<SystemWorkflow> newWorkflows, List<SystemComponent> newComponents, List<TransactionTrace> newTraces,
            Map<String, Double> newPriors) {
        return new FactSet(context, alerts, metrics, logs, newTraces, changes, answers, newReadings, newFindings,
                newWorkflows, newComponents, newPriors, Map.of());
    }

    /**
     * The same facts with the priors learned from past incidents: {@code learned} replaces
     * the priors, {@code notes} says per cause what it was learned from.
     */
    public FactSet withLearnedPriors(Map<String, Double> learned, Map<String, String> notes) {
        return new FactSet(context, alerts, metrics, logs, traces, changes, answers, readings, findings, workflows,
                components, learned, notes);
    }
}
