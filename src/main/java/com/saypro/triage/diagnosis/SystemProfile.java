package com.saypro.triage.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.saypro.triage.diagnosis.facts.SystemComponent;
import com.saypro.triage.diagnosis.facts.SystemWorkflow;

/**
 * What the knowledge base says about the incident's system, as a diagnosis needs it: its
 * workflows and components (become facts), which workflow a transaction belongs to, and the
 * base rate (prior) of causes on it.
 */
public record SystemProfile(String system, List<SystemWorkflow> workflows, List<SystemComponent> components,
        Function<String, String> workflowOfTransaction, Map<String, Double> priors) {

    /** A system the knowledge base knows nothing about. */
    public static SystemProfile unknown(String system) {
        return new SystemProfile(system, List.of(), List.of(), t -> "", Map.of());
    }
}
