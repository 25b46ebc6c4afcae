package com.saypro.triage.diagnosis.facts;

import java.util.Objects;

/**
 * Something observed to be wrong, derived from signals: {@code DISK_FULL},
 * {@code HIGH_ERROR_RATE}, {@code SLOW_RESPONSE}, ... Two symptoms with the same code,
 * system and component are the same symptom (the detail is only for people), so rules that
 * reach one symptom by different roads do not make cause rules fire twice.
 * <p>
 * {@code inferred} marks a symptom that rests only on an alert recognised from its words (no
 * catalog entry knew it); such a symptom is a separate fact from the same symptom observed
 * for sure, and votes that rest only on inferred symptoms count for less (rules/README.md).
 */
public final class Symptom {

    private final String code;
    private final String system;
    private final String component;
    private final String detail;
    private final boolean inferred;

    public Symptom(String code, String system, String component, String detail, boolean inferred) {
        this.inferred = inferred;
        this.code = code;
        this.system = system;
        this.component = component == null ? "" : component;
        this.detail = detail == null ? "" : detail;
    }

    public Symptom(String code, String system, String component, String detail) {
        this(code, system, component, detail, false);
    }

    public Symptom(String code, String system, String detail) {
        this(code, system, "", detail);
    }

    public String getCode() { return code; }
    public String getSystem() { return system; }
    public String getComponent() { return component; }
    public String getDetail() { return detail; }
    public boolean isInferred() { return inferred; }

    @Override
    public boolean equals(Object other) {
        return other instanceof Symptom s && code.equals(s.code) && Objects.equals(system, s.system)
                && component.equals(s.component) && inferred == s.inferred;
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, system, component, inferred);
    }

    @Override
    public String toString() {
        return "Symptom " + code + " on " + system + (component.isEmpty() ? "" : " [" + component + "]")
                + (detail.isEmpty() ? "" : ": " + detail) + (inferred ? " (inferred from an alert's words)" : "");
    }
}
