package com.saypro.triage.diagnosis;

import java.util.ArrayList;
import java.util.List;

import com.saypro.triage.diagnosis.facts.Alert;
import com.saypro.triage.diagnosis.facts.Answer;
import com.saypro.triage.diagnosis.facts.ChangeEvent;
import com.saypro.triage.diagnosis.facts.IncidentContext;
import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.MetricSample;
import com.saypro.triage.diagnosis.facts.TransactionTrace;

/** Everything one diagnosis sees, in a fixed order (each list sorted by id). */
public record FactSet(IncidentContext context, List<Alert> alerts, List<MetricSample> metrics, List<LogEvent> logs,
        List<TransactionTrace> traces, List<ChangeEvent> changes, List<Answer> answers) {

    /** The facts in the order they go into the session. */
    public List<Object> all() {
        List<Object> facts = new ArrayList<>();
        facts.add(context);
        facts.addAll(alerts);
        facts.addAll(metrics);
        facts.addAll(logs);
        facts.addAll(traces);
        facts.addAll(changes);
        facts.addAll(answers);
        return facts;
    }
}
