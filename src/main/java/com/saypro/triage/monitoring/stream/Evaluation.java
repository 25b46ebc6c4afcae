package com.saypro.triage.monitoring.stream;

/**
 * "Look at this series now": inserted with each reading that is the newest of its series, at
 * the reading's measured time, and retracted once the threshold rules have seen it.
 */
public final class Evaluation {

    private final Reading reading;

    public Evaluation(Reading reading) {
        this.reading = reading;
    }

    public Reading getReading() { return reading; }
    public String getSystem() { return reading.getSystem(); }
    public String getMetric() { return reading.getMetric(); }
    public String getSeries() { return reading.getSeries(); }
    /** The value of the reading that asked for the evaluation (the newest of its series). */
    public double getValue() { return reading.getValue(); }
    public long getAt() { return reading.getAt(); }
}
