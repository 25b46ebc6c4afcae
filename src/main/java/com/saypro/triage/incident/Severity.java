package com.saypro.triage.incident;

import java.util.List;

/** critical > warning > info. */
public final class Severity {

    private static final List<String> ORDER = List.of("info", "warning", "critical");

    private Severity() {
    }

    public static String max(String a, String b) {
        return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
    }
}
