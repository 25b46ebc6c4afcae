package com.saypro.triage.notify;

import java.util.List;

/** Incident severities in rising order: info, warning, critical. */
final class Severities {

    static final List<String> ORDER = List.of("info", "warning", "critical");

    private Severities() {
    }

    static int rank(String severity) {
        return severity == null ? -1 : ORDER.indexOf(severity.toLowerCase(java.util.Locale.ROOT));
    }
}
