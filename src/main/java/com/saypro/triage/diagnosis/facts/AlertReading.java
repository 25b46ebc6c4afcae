package com.saypro.triage.diagnosis.facts;

/**
 * What Triage understood of one alert before the rules run: the symptom it reports, the
 * resource and kind of failure, and the role of the part it concerns. {@code source} says how
 * the alert was recognised: {@code "catalog"} when an entry of the alert catalog
 * ({@code kb-seed/alerts/}) matched its name, {@code "words"} when no entry matched and the
 * symptom was inferred from the words of its name, labels, annotations and query;
 * {@code basis} is the matching catalog pattern or the words found. A symptom {@code "NONE"}
 * marks a known alert that does not report a failure (a watchdog, for instance).
 */
public final class AlertReading {

    public static final String CATALOG = "catalog";
    public static final String WORDS = "words";
    public static final String NO_SYMPTOM = "NONE";

    private final long alertId;
    private final String alertName;
    private final String system;
    private final String component;
    private final boolean firing;
    private final boolean critical;
    private final String symptom;
    private final String resource;
    private final String kind;
    private final String role;
    private final String family;
    private final String source;
    private final String basis;

    public AlertReading(long alertId, String alertName, String system, String component, boolean firing,
            boolean critical, String symptom, String resource, String kind, String role, String family,
            String source, String basis) {
        this.alertId = alertId;
        this.alertName = alertName == null ? "" : alertName;
        this.system = system;
        this.component = component == null ? "" : component;
        this.firing = firing;
        this.critical = critical;
        this.symptom = symptom;
        this.resource = resource == null ? "" : resource;
        this.kind = kind == null ? "" : kind;
        this.role = role == null ? "" : role;
        this.family = family == null ? "" : family;
        this.source = source;
        this.basis = basis == null ? "" : basis;
    }

    public long getAlertId() { return alertId; }
    public String getAlertName() { return alertName; }
    public String getSystem() { return system; }
    public String getComponent() { return component; }
    public boolean isFiring() { return firing; }
    public boolean isCritical() { return critical; }
    public String getSymptom() { return symptom; }
    public String getResource() { return resource; }
    public String getKind() { return kind; }
    public String getRole() { return role; }
    public String getFamily() { return family; }
    public String getSource() { return source; }
    public String getBasis() { return basis; }

    /** True when the symptom was inferred from the alert's words rather than found in the catalog. */
    public boolean isInferred() { return WORDS.equals(source); }

    /** True for a known alert that reports no failure. */
    public boolean isInformational() { return NO_SYMPTOM.equals(symptom); }

    @Override
    public String toString() {
        String what = (resource.isEmpty() ? "" : resource + " ") + kind;
        return "Alert " + alertName + (isInferred()
                ? " recognised from its words (" + basis + ")"
                : " recognised from the alert catalog" + (family.isEmpty() ? "" : " (" + family + ")"))
                + ": " + what.trim() + (isInformational() ? ", not a failure" : " -> " + symptom);
    }
}
