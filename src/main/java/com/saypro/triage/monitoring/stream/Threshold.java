package com.saypro.triage.monitoring.stream;

import java.util.Comparator;
import java.util.List;

/**
 * A threshold on one metric, for one system or, with system {@code *}, for every system that
 * has none of its own. Crossed when {@code samplesNeeded} of the last {@code samplesOf}
 * readings of a series are beyond {@code value} (above it, or below it for
 * {@code comparison = below}) and stay so for {@code forSeconds}; cleared when fewer than
 * {@code samplesNeeded} of them are beyond {@code clear} (the hysteresis: for "above", clear
 * is at or below value).
 */
public final class Threshold {

    public static final String EVERY_SYSTEM = "*";
    public static final String ABOVE = "above";
    public static final String BELOW = "below";

    private final String system;
    private final String metric;
    private final String alert;
    private final String comparison;
    private final double value;
    private final double clear;
    private final long forSeconds;
    private final int samplesNeeded;
    private final int samplesOf;
    private final String severity;
    private final String origin;

    public Threshold(String system, String metric, String alert, String comparison, double value, double clear,
            long forSeconds, int samplesNeeded, int samplesOf, String severity, String origin) {
        this.system = system;
        this.metric = metric;
        this.alert = alert;
        this.comparison = comparison;
        this.value = value;
        this.clear = clear;
        this.forSeconds = forSeconds;
        this.samplesNeeded = samplesNeeded;
        this.samplesOf = samplesOf;
        this.severity = severity;
        this.origin = origin;
    }

    public String getSystem() { return system; }
    public String getMetric() { return metric; }
    public String getAlert() { return alert; }
    public String getComparison() { return comparison; }
    public double getValue() { return value; }
    public double getClear() { return clear; }
    public long getForSeconds() { return forSeconds; }
    public int getSamplesNeeded() { return samplesNeeded; }
    public int getSamplesOf() { return samplesOf; }
    public String getSeverity() { return severity; }
    public String getOrigin() { return origin; }

    /** For this system: its own threshold, or the one for every system. */
    public boolean appliesTo(String code) {
        return system.equals(code) || EVERY_SYSTEM.equals(system);
    }

    /** True once a breach that began at {@code since} has lasted the for-duration at {@code now}. */
    public boolean heldLongEnough(long since, long now) {
        return now - since >= forSeconds * 1000;
    }

    /** {@code samplesNeeded} of the last {@code samplesOf} readings are beyond the threshold. */
    public boolean breachedBy(List<Reading> readings) {
        return countBeyond(readings, value) >= samplesNeeded;
    }

    /** Fewer than {@code samplesNeeded} of the last {@code samplesOf} readings are beyond the clear level. */
    public boolean recoveredBy(List<Reading> readings) {
        return countBeyond(readings, clear) < samplesNeeded;
    }

    private int countBeyond(List<Reading> readings, double level) {
        return (int) readings.stream().sorted(Comparator.comparingLong(Reading::getAt).reversed()).limit(samplesOf)
                .filter(r -> BELOW.equals(comparison) ? r.getValue() < level : r.getValue() > level).count();
    }

    /** "above 5000 for 5m (1 of 1 samples)". */
    public String describe() {
        return comparison + " " + number(value) + (forSeconds == 0 ? "" : " for " + duration(forSeconds))
                + (samplesOf == 1 ? "" : " (" + samplesNeeded + " of " + samplesOf + " samples)");
    }

    /** "at or below 4000", or "fewer than 3 of 5 samples above 0.02". */
    public String describeClear() {
        if (samplesNeeded == 1) {
            return (ABOVE.equals(comparison) ? "at or below " : "at or above ") + number(clear);
        }
        return "fewer than " + samplesNeeded + " of " + samplesOf + " samples " + comparison + " " + number(clear);
    }

    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    public static String duration(long seconds) {
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + "m" : seconds + "s";
    }

    @Override
    public String toString() {
        return "Threshold " + system + " " + metric + " " + describe();
    }
}
