package com.saypro.triage.knowledge;

import java.util.List;

/** A root cause in the knowledge base, with the codes of the playbooks that fix it. */
public record Cause(String code, String title, CauseCategory category, String description, List<String> playbooks,
        String origin) {
}
