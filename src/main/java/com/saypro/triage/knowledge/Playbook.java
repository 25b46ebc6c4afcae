package com.saypro.triage.knowledge;

import java.util.List;

/** A remediation playbook: ordered steps of kind check, fix or verify. */
public record Playbook(String code, String title, String risk, String rollback, List<Step> steps, String origin) {

    public enum StepKind {
        CHECK, FIX, VERIFY
    }

    /** {@code answers}: the question (code) whose answer a check step finds out, or null. */
    public record Step(int position, StepKind kind, String text, String answers) {
    }
}
