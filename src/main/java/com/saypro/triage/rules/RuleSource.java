package com.saypro.triage.rules;

/** One DRL file: its path relative to the rule directory (with forward slashes) and its text. */
public record RuleSource(String path, String content) {
}
