package com.saypro.triage.knowledge;

import java.util.List;

/** The knowledge base as written in kb-seed/*.yaml. */
record KbSeed(List<SeedCause> causes, List<SeedPlaybook> playbooks, List<SeedQuestion> questions) {

    record SeedCause(String code, String title, String category, String description, List<String> playbooks) {
    }

    record SeedPlaybook(String code, String title, String risk, String rollback, List<SeedStep> steps) {
    }

    /** {@code answers}: optional, the question code a check step finds the answer to. */
    record SeedStep(String kind, String text, String answers) {
    }

    record SeedQuestion(String code, String text, String help, List<String> options) {
    }
}
