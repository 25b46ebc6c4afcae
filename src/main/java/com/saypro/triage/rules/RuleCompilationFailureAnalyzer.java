package com.saypro.triage.rules;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a rule compile error at start-up into a short report naming file, line and column. */
class RuleCompilationFailureAnalyzer extends AbstractFailureAnalyzer<RuleCompilationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuleCompilationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the rule files listed above (file:line:column) and start Triage again. "
                        + "Triage never runs with a half-loaded rule base.",
                cause);
    }
}
