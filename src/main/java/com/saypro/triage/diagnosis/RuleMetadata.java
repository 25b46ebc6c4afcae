package com.saypro.triage.diagnosis;

import java.util.Arrays;
import java.util.List;

import org.kie.api.definition.rule.Rule;

/**
 * What a rule declares about its votes in DRL metadata: {@code @cause("A,B")} the causes it
 * speaks for, {@code @group("evidence-name")} the evidence its votes rest on (votes of one
 * group for one cause count once: the strongest), {@code @explanation("...")} plain words for
 * the analyst. See rules/README.md.
 */
public final class RuleMetadata {

    public static final String CAUSE = "cause";
    public static final String GROUP = "group";
    public static final String EXPLANATION = "explanation";

    private RuleMetadata() {
    }

    /** The declared evidence group, else the rule's own name (its votes are then their own evidence). */
    public static String group(Rule rule) {
        String group = text(rule, GROUP);
        return group.isEmpty() ? rule.getName() : group;
    }

    public static String explanation(Rule rule) {
        return text(rule, EXPLANATION);
    }

    /** The declared cause codes, empty when the rule declares none. */
    public static List<String> causes(Rule rule) {
        String causes = text(rule, CAUSE);
        return causes.isEmpty() ? List.of()
                : Arrays.stream(causes.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    }

    private static String text(Rule rule, String key) {
        Object value = rule.getMetaData().get(key);
        return value == null ? "" : value.toString().trim();
    }
}
