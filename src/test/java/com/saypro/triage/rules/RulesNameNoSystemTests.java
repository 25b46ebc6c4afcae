package com.saypro.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Rules reason over symptoms, workflows and component roles, so they serve any system
 * configured with them: no rule compares a system, component or workflow with a literal
 * name, and no rule matches an alert by its name (the alert catalog does that).
 */
class RulesNameNoSystemTests {

    private static final Pattern LITERAL_NAME = Pattern.compile(
            "\\b(system|component|workflow|transaction|getSystem\\(\\)|getWorkflow\\(\\))\\s*(==|!=|matches)\\s*\"(?!\")");
    private static final Pattern ALERT_NAME = Pattern.compile("Alert\\s*\\([^)]*\\bname\\s*(==|matches)\\s*\"");

    @Test
    void shouldNameNoSystemComponentOrWorkflowLiterally() {
        List<String> offences = new ArrayList<>();
        for (RuleSource source : RuleFiles.fromDirectory(RuleFileTestSupport.RULES_DIR)) {
            String[] lines = source.content().split("\n");
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].replaceAll("//.*", "");
                Matcher m = LITERAL_NAME.matcher(code);
                if (m.find()) {
                    offences.add(source.path() + ":" + (i + 1) + ": " + lines[i].trim());
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void shouldMatchNoAlertByItsName() {
        List<String> offences = new ArrayList<>();
        for (RuleSource source : RuleFiles.fromDirectory(RuleFileTestSupport.RULES_DIR)) {
            Matcher m = ALERT_NAME.matcher(source.content().replaceAll("//[^\n]*", ""));
            while (m.find()) {
                offences.add(source.path() + ": " + m.group());
            }
        }
        assertThat(offences).isEmpty();
    }
}
