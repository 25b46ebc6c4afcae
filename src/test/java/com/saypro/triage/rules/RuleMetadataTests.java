package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

/**
 * Every rule that votes for a cause says so in its metadata: {@code @cause} names the cause(s)
 * of its {@code CandidateCause}s and {@code @group} the evidence group the assembler combines
 * its vote in. The voting rules are found in the DRL text; the metadata is read from the
 * compiled rule base, as the assembler reads it.
 */
class RuleMetadataTests {

    private static final Set<String> SKIPPED_FOLDERS = Set.of(
            "rms", "lms"); // rewritten separately

    private static final Pattern RULE = Pattern.compile(
            "(?ms)^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"(.*?)^\\s*then\\s*$(.*?)^\\s*end\\s*$");
    private static final Pattern CANDIDATE_CAUSE = Pattern.compile("new\\s+CandidateCause\\s*\\(\\s*(\"([^\"]*)\")?");
    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static KieBase kieBase;
    private static List<VotingRule> votingRules;
    private static List<String> allRuleKeys;

    /** A rule of the DRL text: its package, name, and the cause codes its consequence votes for. */
    record VotingRule(String file, String packageName, String name, Set<String> causes, boolean literalCauses) {

        String key() {
            return packageName + "." + name;
        }

        @Override
        public String toString() {
            return file + ": \"" + name + "\"";
        }
    }

    @BeforeAll
    static void compileTheRuleDirectoryAndFindTheVotingRules() {
        List<RuleSource> sources = RuleFiles.fromDirectory(RuleFileTestSupport.RULES_DIR);
        kieBase = new RuleBaseCompiler().compile("rules", sources).kieBase();
        votingRules = new ArrayList<>();
        allRuleKeys = new ArrayList<>();
        for (RuleSource source : sources) {
            String folder = Path.of(source.path()).getParent() == null ? "" : Path.of(source.path()).getParent().toString();
            String text = withoutComments(source.content());
            String packageName = packageOf(text);
            Matcher rule = RULE.matcher(text);
            while (rule.find()) {
                allRuleKeys.add(packageName + "." + rule.group(1));
                if (SKIPPED_FOLDERS.contains(folder)) {
                    continue;
                }
                Matcher vote = CANDIDATE_CAUSE.matcher(rule.group(3));
                Set<String> causes = new TreeSet<>();
                boolean literal = true;
                boolean votes = false;
                while (vote.find()) {
                    votes = true;
                    if (vote.group(2) == null) {
                        literal = false;
                    } else {
                        causes.add(vote.group(2));
                    }
                }
                if (votes) {
                    votingRules.add(new VotingRule(source.path(), packageName, rule.group(1), causes, literal));
                }
            }
        }
    }

    @Test
    void shouldFindEveryCompiledRuleInTheRuleText() {
        Set<String> compiled = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getRules().stream().map(r -> p.getName() + "." + r.getName()))
                .collect(Collectors.toSet());

        assertThat(allRuleKeys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(compiled);
        assertThat(votingRules).hasSizeGreaterThan(50);
    }

    @Test
    void shouldNameTheCauseOfEveryVoteLiterally() {
        assertThat(votingRules).filteredOn(r -> !r.literalCauses()).isEmpty();
    }

    @Test
    void shouldDeclareCauseAndGroupOnEveryRuleThatVotes() {
        List<String> missing = votingRules.stream()
                .filter(r -> blank(metadata(r).get("cause")) || blank(metadata(r).get("group")))
                .map(VotingRule::toString).toList();

        assertThat(missing).as("rules that vote without @cause and @group").isEmpty();
    }

    @Test
    void shouldDeclareExactlyTheCausesTheRuleVotesFor() {
        List<String> mismatched = votingRules.stream()
                .filter(r -> !declaredCauses(r).equals(r.causes()))
                .map(r -> r + " declares " + declaredCauses(r) + " but votes for " + r.causes()).toList();

        assertThat(mismatched).isEmpty();
    }

    @Test
    void shouldNameEvidenceGroupsInKebabCase() {
        List<String> badGroups = votingRules.stream()
                .filter(r -> !blank(metadata(r).get("group")))
                .filter(r -> !KEBAB_CASE.matcher(metadata(r).get("group").toString()).matches())
                .map(r -> r + " group " + metadata(r).get("group")).toList();

        assertThat(badGroups).isEmpty();
    }

    @Test
    void shouldDeclareACauseOnlyOnRulesThatVote() {
        Set<String> voting = votingRules.stream().map(VotingRule::key).collect(Collectors.toSet());
        List<String> declaredWithoutVote = kieBase.getKiePackages().stream()
                .filter(p -> !SKIPPED_FOLDERS.contains(p.getName()))
                .flatMap(p -> p.getRules().stream()
                        .filter(r -> r.getMetaData().containsKey("cause") || r.getMetaData().containsKey("group"))
                        .map(r -> p.getName() + "." + r.getName()))
                .filter(key -> !voting.contains(key)).toList();

        assertThat(declaredWithoutVote).isEmpty();
    }

    private static Map<String, Object> metadata(VotingRule rule) {
        Rule compiled = kieBase.getRule(rule.packageName(), rule.name());
        assertThat(compiled).as("compiled rule %s", rule).isNotNull();
        return compiled.getMetaData();
    }

    private static Set<String> declaredCauses(VotingRule rule) {
        Object cause = metadata(rule).get("cause");
        if (blank(cause)) {
            return Set.of();
        }
        return Arrays.stream(cause.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    private static String packageOf(String text) {
        Matcher m = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /**
     * The DRL text with its comments blanked out (line breaks kept), leaving string literals
     * alone: a regular expression such as {@code "https?://"} is no comment.
     */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                out.append(text, i, end);
                i = end;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (int k = i; k < end; k++) {
                    out.append(text.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void shouldBlankCommentsButNotTextInStrings() {
        String drl = "// a comment\nrule \"A // not a comment\" /* gone */\nthen \"http://x\" // gone too\n";

        String stripped = withoutComments(drl);

        assertThat(stripped).contains("\"A // not a comment\"").contains("\"http://x\"")
                .doesNotContain("a comment\n").doesNotContain("gone");
        assertThat(stripped.lines().count()).isEqualTo(drl.lines().count());
    }
}
