package com.saypro.triage.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.kie.api.KieBase;

/**
 * A compiled rule base. {@code version} is a digest of the rule files' paths and texts, so
 * the same files always give the same version and any change gives a new one.
 */
public record CompiledRuleBase(KieBase kieBase, String version, String origin, List<RuleSource> sources) {

    private static final Pattern NON_LOGICAL = Pattern.compile("\\b(insert|update|modify|delete|retract)\\s*\\(");
    private static final Map<String, Boolean> LOGICAL_ONLY = new ConcurrentHashMap<>();

    /**
     * Whether the rules derive facts only with {@code insertLogical}, so that taking a fact out
     * again takes out all it caused (truth maintenance). A file that says {@code insert},
     * {@code modify}, {@code update}, {@code delete} or {@code retract} anywhere, a comment
     * included, makes it false.
     */
    public boolean derivesOnlyLogically() {
        return LOGICAL_ONLY.computeIfAbsent(version,
                v -> sources.stream().noneMatch(s -> NON_LOGICAL.matcher(s.content()).find()));
    }

    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }
}
