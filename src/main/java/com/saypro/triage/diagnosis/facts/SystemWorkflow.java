package com.saypro.triage.diagnosis.facts;

import java.util.Objects;

/**
 * A business workflow of the incident's system, from the systems knowledge
 * ({@code kb-seed/systems.yaml}): {@code code} as metrics and traces name it
 * ({@code royalty_payment}, {@code course_registration}, {@code login}) and {@code kind},
 * what sort of work it is: {@code batch} (bulk processing), {@code transaction} (a user's
 * request that writes data), {@code login} (signing in), {@code query} (reading).
 */
public final class SystemWorkflow {

    private final String system;
    private final String code;
    private final String kind;

    public SystemWorkflow(String system, String code, String kind) {
        this.system = system;
        this.code = code;
        this.kind = kind == null ? "" : kind;
    }

    public String getSystem() { return system; }
    public String getCode() { return code; }
    public String getKind() { return kind; }

    @Override
    public boolean equals(Object other) {
        return other instanceof SystemWorkflow w && Objects.equals(system, w.system) && code.equals(w.code);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, code);
    }

    @Override
    public String toString() {
        return "Workflow " + code + " of " + system + (kind.isEmpty() ? "" : " (" + kind + ")");
    }
}
