package com.saypro.triage.knowledge;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A system Triage watches, as the knowledge base describes it: the names signals use for it
 * ({@code aliases}, matched ignoring case, and {@code aliasPatterns}, regular expressions
 * matched against the whole name ignoring case), its components, its business workflows and
 * the base rate of causes on it ({@code priors}: cause code to probability, 0..0.3). A
 * system first seen in a signal (origin AUTO) has a code and a name and nothing else yet.
 */
public record KbSystem(String code, String name, String origin, List<String> aliases, List<String> aliasPatterns,
        List<Component> components, List<Workflow> workflows, Map<String, Double> priors, Windows windows) {

    public static final List<String> ROLES = List.of("app", "database", "cache", "queue", "frontend",
            "identity_provider", "proxy", "external");
    public static final List<String> WORKFLOW_KINDS = List.of("batch", "transaction", "login", "query");

    public KbSystem {
        aliases = List.copyOf(aliases);
        aliasPatterns = List.copyOf(aliasPatterns);
        components = List.copyOf(components);
        workflows = List.copyOf(workflows);
        priors = Collections.unmodifiableMap(new TreeMap<>(priors));
        windows = windows == null ? Windows.DEFAULTS : windows;
    }

    public KbSystem(String code, String name, String origin, List<String> aliases, List<String> aliasPatterns,
            List<Component> components, List<Workflow> workflows, Map<String, Double> priors) {
        this(code, name, origin, aliases, aliasPatterns, components, workflows, priors, Windows.DEFAULTS);
    }

    /**
     * How long a resolved incident of the system is watched for a recurrence ({@code verify}),
     * and how long after an incident's newest alert an unrelated alert still joins it
     * ({@code correlation}); empty: Triage's defaults.
     */
    public record Windows(java.time.Duration verify, java.time.Duration correlation) {

        public static final Windows DEFAULTS = new Windows(null, null);

        public Optional<java.time.Duration> verifyWindow() {
            return Optional.ofNullable(verify);
        }

        public Optional<java.time.Duration> correlationWindow() {
            return Optional.ofNullable(correlation);
        }
    }

    /** A part of the system as its signals name it ({@code component}), with its role (one of {@link #ROLES}). */
    public record Component(String name, String role) {
    }

    /**
     * A business workflow: its code as metrics and alerts label it ({@code workflow}), its
     * kind (one of {@link #WORKFLOW_KINDS}) and a regular expression over the names of its
     * transaction traces (empty when none is known).
     */
    public record Workflow(String code, String kind, String transactions) {

        /** Whether a trace of this transaction belongs to the workflow (whole name, ignoring case). */
        public boolean covers(String transactionName) {
            return transactionName != null && transactions != null && !transactions.isEmpty()
                    && KbSystem.pattern(transactions).matcher(transactionName).matches();
        }
    }

    /** The workflow a trace of this transaction belongs to: the first, in order, whose pattern matches. */
    public Optional<String> workflowOfTransaction(String transactionName) {
        return workflows.stream().filter(w -> w.covers(transactionName)).map(Workflow::code).findFirst();
    }

    /** The component of that name (exact), if the knowledge base knows it. */
    public Optional<Component> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /** Compiled once: the knowledge base holds few patterns, and traces are matched often. */
    static Pattern pattern(String regex) {
        if (PATTERNS.size() > 10_000) {
            PATTERNS.clear();
        }
        return PATTERNS.computeIfAbsent(regex,
                r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
}
