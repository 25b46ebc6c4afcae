package com.saypro.triage.kbedit;

import java.util.List;

/** What an engineer writes for an entry of the knowledge base, as a JSON body or a page's form gives it. */
final class KnowledgeEdits {

    private KnowledgeEdits() {
    }

    /** A cause; {@code code} only when it is created (else it is the path's). */
    record CauseEdit(String code, String title, String category, String description, List<String> playbooks) {
    }

    /** A playbook with its steps in order. */
    record PlaybookEdit(String code, String title, String risk, String rollback, List<StepEdit> steps) {
    }

    /** {@code kind}: check, fix or verify; {@code answers}: the question a check step finds out, or null. */
    record StepEdit(String kind, String text, String answers) {
    }

    /** A question with the answers it allows. */
    record QuestionEdit(String code, String text, String help, List<String> options) {
    }
}
