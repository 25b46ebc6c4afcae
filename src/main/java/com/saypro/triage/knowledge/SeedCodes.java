package com.saypro.triage.knowledge;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cause, question and playbook codes a knowledge-base seed defines: what the rule
 * command line checks rules against when it has no database.
 */
public record SeedCodes(Set<String> causes, Set<String> questions, Set<String> playbooks) {

    /** The seed in {@code dir}, or the copy packed in the application when {@code dir} is null. */
    public static SeedCodes read(Path dir) {
        KbSeed seed = KbSeedReader.read(dir);
        return new SeedCodes(seed.causes().stream().map(KbSeed.SeedCause::code).collect(Collectors.toSet()),
                seed.questions().stream().map(KbSeed.SeedQuestion::code).collect(Collectors.toSet()),
                seed.playbooks().stream().map(KbSeed.SeedPlaybook::code).collect(Collectors.toSet()));
    }
}
