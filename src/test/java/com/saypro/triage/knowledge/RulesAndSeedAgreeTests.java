package com.saypro.triage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.rules.RuleSource;

/** Every code a rule names exists in the seed, and every seeded cause is reachable by some rule. */
class RulesAndSeedAgreeTests {

    private static final Pattern CAUSE = Pattern.compile("new\\s+CandidateCause\\(\\s*\"([A-Z0-9_]+)\"");
    private static final Pattern QUESTION = Pattern.compile("new\\s+Question\\(\\s*\"([A-Z0-9_]+)\"");
    private static final Pattern PLAYBOOK = Pattern
            .compile("new\\s+PlaybookRecommendation\\(\\s*\"([A-Z0-9_]+)\"\\s*,\\s*\"([A-Z0-9_]+)\"");

    private final KbSeed seed = KbSeedReader.read(Path.of("kb-seed"));
    private final String rules = RuleFiles.fromDirectory(Path.of("rules")).stream().map(RuleSource::content)
            .collect(Collectors.joining("\n"));

    @Test
    void shouldOnlyVoteForCausesInTheKnowledgeBase() {
        Set<String> known = seed.causes().stream().map(KbSeed.SeedCause::code).collect(Collectors.toSet());
        assertThat(codes(CAUSE, 1)).isNotEmpty().isSubsetOf(known);
    }

    @Test
    void shouldReachEverySeededCauseFromSomeRule() {
        Set<String> voted = codes(CAUSE, 1);
        assertThat(seed.causes()).extracting(KbSeed.SeedCause::code).allSatisfy(code -> assertThat(voted).contains(code));
    }

    @Test
    void shouldOnlyAskQuestionsInTheKnowledgeBase() {
        Set<String> known = seed.questions().stream().map(KbSeed.SeedQuestion::code).collect(Collectors.toSet());
        assertThat(codes(QUESTION, 1)).isNotEmpty().isSubsetOf(known);
    }

    @Test
    void shouldOnlyRecommendPlaybooksInTheKnowledgeBase() {
        Set<String> known = seed.playbooks().stream().map(KbSeed.SeedPlaybook::code).collect(Collectors.toSet());
        assertThat(codes(PLAYBOOK, 2)).isNotEmpty().isSubsetOf(known);
    }

    private Set<String> codes(Pattern pattern, int group) {
        Set<String> codes = new TreeSet<>();
        Matcher m = pattern.matcher(rules);
        while (m.find()) {
            codes.add(m.group(group));
        }
        return codes;
    }
}
