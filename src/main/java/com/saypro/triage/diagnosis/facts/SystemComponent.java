package com.saypro.triage.diagnosis.facts;

import java.util.Objects;

/**
 * A part of the incident's system, from the systems knowledge: {@code name} as signals name
 * it (their {@code component}) and {@code role}: {@code app}, {@code database}, {@code cache},
 * {@code queue}, {@code frontend}, {@code identity_provider}, {@code proxy}, {@code external}.
 */
public final class SystemComponent {

    private final String system;
    private final String name;
    private final String role;

    public SystemComponent(String system, String name, String role) {
        this.system = system;
        this.name = name;
        this.role = role == null ? "" : role;
    }

    public String getSystem() { return system; }
    public String getName() { return name; }
    public String getRole() { return role; }

    @Override
    public boolean equals(Object other) {
        return other instanceof SystemComponent c && Objects.equals(system, c.system) && name.equals(c.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(system, name);
    }

    @Override
    public String toString() {
        return "Component " + name + " of " + system + " (" + role + ")";
    }
}
