package com.saypro.triage.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and checks kb-seed/systems.yaml (a seed without the file describes no systems). */
final class SystemsSeed {

    static final String FILE = "systems.yaml";
    static final double MAX_PRIOR = 0.3;
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern WORKFLOW_CODE = Pattern.compile("[a-z][a-z0-9_]*");

    private SystemsSeed() {
    }

    record SeedSystem(String code, String name, List<String> aliases, List<String> aliasPatterns,
            List<SeedComponent> components, List<SeedWorkflow> workflows, Map<String, Double> priors,
            String verifyWindow, String correlationWindow) {

        KbSystem.Windows windows() {
            return new KbSystem.Windows(duration(verifyWindow), duration(correlationWindow));
        }

        SeedSystem {
            aliases = aliases == null ? List.of() : aliases;
            aliasPatterns = aliasPatterns == null ? List.of() : aliasPatterns;
            components = components == null ? List.of() : components;
            workflows = workflows == null ? List.of() : workflows;
            priors = priors == null ? Map.of() : new LinkedHashMap<>(priors);
        }
    }

    record SeedComponent(String name, String role) {
    }

    record SeedWorkflow(String code, String kind, String transactions) {
    }

    /** A window as the seed writes it ("30m", "2h", "1d"); null when absent. */
    static java.time.Duration duration(String text) {
        return text == null || text.isBlank() ? null
                : org.springframework.boot.convert.DurationStyle.detectAndParse(text.trim());
    }

    /** From a folder, or from the copy in the jar when {@code dir} is null; priors may name these causes. */
    static List<SeedSystem> read(Path dir, Set<String> causeCodes) {
        List<SeedSystem> systems = KbSeedReader.optionalList(dir, FILE, "systems", SeedSystem.class);
        check(systems, causeCodes);
        return systems;
    }

    static void check(List<SeedSystem> systems, Set<String> causeCodes) {
        List<String> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        // Every name (code or alias, ignoring case) belongs to one system.
        Map<String, String> claimed = new HashMap<>();
        for (SeedSystem system : systems) {
            String code = system.code();
            for (String window : java.util.Arrays.asList(system.verifyWindow(), system.correlationWindow())) {
                try {
                    java.time.Duration d = duration(window);
                    if (d != null && (d.compareTo(java.time.Duration.ofMinutes(1)) < 0
                            || d.compareTo(java.time.Duration.ofDays(7)) > 0)) {
                        problems.add("system " + code + ": window '" + window + "' must be between 1m and 7d");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("system " + code + ": window '" + window + "' is not a duration like 30m or 2h");
                }
            }
            if (code == null || code.length() > 100 || !CODE.matcher(code).matches()) {
                problems.add("system code '" + code + "' must be lower case (letters, digits, '.', '_', '-'),"
                        + " at most 100 characters");
                continue;
            }
            if (!codes.add(code)) {
                problems.add("system " + code + " is defined twice");
                continue;
            }
            claim(claimed, code, code, "code", problems);
        }
        for (SeedSystem system : systems) {
            if (system.code() == null || !CODE.matcher(system.code()).matches()) {
                continue;
            }
            String at = "system " + system.code();
            if (system.name() == null || system.name().isBlank()) {
                problems.add(at + ": name is missing");
            } else if (system.name().strip().length() > 200) {
                problems.add(at + ": name must be at most 200 characters");
            }
            for (String alias : system.aliases()) {
                if (alias == null || alias.isBlank() || alias.strip().length() > 100) {
                    problems.add(at + ": alias '" + alias + "' must be a name of 1 to 100 characters");
                } else {
                    claim(claimed, key(alias), system.code(), "alias '" + alias + "'", problems);
                }
            }
            for (String pattern : system.aliasPatterns()) {
                regex(pattern, at + ": alias pattern", problems);
            }
            Set<String> components = new HashSet<>();
            for (SeedComponent component : system.components()) {
                if (component.name() == null || component.name().isBlank() || component.name().length() > 200) {
                    problems.add(at + ": component name '" + component.name() + "' must be 1 to 200 characters");
                } else if (!components.add(component.name())) {
                    problems.add(at + ": component " + component.name() + " is listed twice");
                }
                if (!KbSystem.ROLES.contains(component.role())) {
                    problems.add(at + ": component " + component.name() + " has role '" + component.role()
                            + "', not one of " + KbSystem.ROLES);
                }
            }
            Set<String> workflows = new HashSet<>();
            for (SeedWorkflow workflow : system.workflows()) {
                String code = workflow.code();
                if (code == null || code.length() > 100 || !WORKFLOW_CODE.matcher(code).matches()) {
                    problems.add(at + ": workflow code '" + code + "' must be lower_snake_case");
                } else if (!workflows.add(code)) {
                    problems.add(at + ": workflow " + code + " is listed twice");
                }
                if (!KbSystem.WORKFLOW_KINDS.contains(workflow.kind())) {
                    problems.add(at + ": workflow " + code + " has kind '" + workflow.kind() + "', not one of "
                            + KbSystem.WORKFLOW_KINDS);
                }
                if (workflow.transactions() != null && !workflow.transactions().isEmpty()) {
                    regex(workflow.transactions(), at + ": workflow " + code + " transactions", problems);
                }
            }
            system.priors().forEach((cause, prior) -> {
                if (causeCodes != null && !causeCodes.contains(cause)) {
                    problems.add(at + ": prior for cause " + cause + ", which is not in causes.yaml");
                }
                if (prior == null || !(prior >= 0 && prior <= MAX_PRIOR)) {
                    problems.add(at + ": prior for " + cause + " must be a probability from 0 to " + MAX_PRIOR
                            + " (was " + prior + ")");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new KbSeedException("The knowledge-base seed is inconsistent:\n  " + String.join("\n  ", problems));
        }
    }

    /** How names are compared: trimmed, ignoring case. */
    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static void claim(Map<String, String> claimed, String key, String system, String what,
            List<String> problems) {
        String owner = claimed.putIfAbsent(key, system);
        if (owner != null && !owner.equals(system)) {
            problems.add("system " + system + ": " + what + " is already a name of system " + owner);
        }
    }

    private static void regex(String regex, String what, List<String> problems) {
        if (regex == null || regex.isBlank() || regex.length() > 500) {
            problems.add(what + " '" + regex + "' must be a regular expression of 1 to 500 characters");
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(what + " '" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
    }
}
