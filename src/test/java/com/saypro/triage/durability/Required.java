package com.saypro.triage.durability;

import org.junit.jupiter.api.Assumptions;

/**
 * What a fault test needs from the machine (a MariaDB server, the mariadbd program): without
 * it the test is skipped with the reason, except with {@code CI=true}, where it must run.
 */
public final class Required {

    private Required() {
    }

    /** {@code problem}: why the test cannot run, or null when it can. */
    public static void orSkip(String problem, String howToFix) {
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and this test is required, but " + problem);
        }
        Assumptions.abort("Skipping: " + problem + ". " + howToFix);
    }
}
