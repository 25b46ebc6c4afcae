package com.saypro.triage.rules;

import java.util.List;
import java.util.stream.Collectors;

/** The rule files do not compile; nothing of them was loaded. */
public class RuleCompilationException extends RuntimeException {

    private final List<RuleProblem> problems;

    public RuleCompilationException(String origin, List<RuleProblem> problems) {
        super("The rule base in " + origin + " does not compile (" + problems.size() + " error"
                + (problems.size() == 1 ? "" : "s") + "):\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> getProblems() {
        return problems;
    }
}
