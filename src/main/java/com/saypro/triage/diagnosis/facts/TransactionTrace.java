package com.saypro.triage.diagnosis.facts;

import java.time.Instant;

/**
 * One traced transaction (APM style): total time, time in the database and time in
 * external calls; the rest is application time.
 */
public final class TransactionTrace {

    private final long id;
    private final String system;
    private final String transaction;
    private final long durationMs;
    private final long dbMs;
    private final long externalMs;
    private final boolean error;
    private final Instant timestamp;
    private final long minutesBeforeIncident;
    private final String workflow;

    public TransactionTrace(long id, String system, String transaction, long durationMs, long dbMs,
            long externalMs, boolean error, Instant timestamp, long minutesBeforeIncident) {
        this(id, system, transaction, durationMs, dbMs, externalMs, error, timestamp, minutesBeforeIncident, "");
    }

    /** {@code workflow}: the business workflow the transaction belongs to, from the systems knowledge, or "". */
    public TransactionTrace(long id, String system, String transaction, long durationMs, long dbMs,
            long externalMs, boolean error, Instant timestamp, long minutesBeforeIncident, String workflow) {
        this.id = id;
        this.system = system;
        this.transaction = transaction;
        this.durationMs = durationMs;
        this.dbMs = dbMs;
        this.externalMs = externalMs;
        this.error = error;
        this.timestamp = timestamp;
        this.minutesBeforeIncident = minutesBeforeIncident;
        this.workflow = workflow == null ? "" : workflow;
    }

    public long getId() { return id; }
    public String getSystem() { return system; }
    public String getTransaction() { return transaction; }
    public long getDurationMs() { return durationMs; }
    public long getDbMs() { return dbMs; }
    public long getExternalMs() { return externalMs; }
    public boolean isError() { return error; }
    public Instant getTimestamp() { return timestamp; }
    public long getMinutesBeforeIncident() { return minutesBeforeIncident; }

    /** The business workflow this transaction belongs to (e.g. {@code login}), or "" when none is known. */
    public String getWorkflow() { return workflow; }

    /** Time spent outside the database and external calls. */
    public long getAppMs() { return Math.max(0, durationMs - dbMs - externalMs); }

    /** Fraction (0..1) of the total time spent in the database. */
    public double getDbShare() { return share(dbMs); }

    /** Fraction (0..1) of the total time spent in external calls. */
    public double getExternalShare() { return share(externalMs); }

    /** Fraction (0..1) of the total time spent in the application itself. */
    public double getAppShare() { return share(getAppMs()); }

    private double share(long part) {
        return durationMs <= 0 ? 0 : Math.min(1.0, (double) part / durationMs);
    }

    @Override
    public String toString() {
        return "Trace " + transaction + (workflow.isEmpty() ? "" : " (workflow " + workflow + ")") + " on " + system + ": " + durationMs + " ms (db " + dbMs + " ms, external "
                + externalMs + " ms" + (error ? ", error" : "") + ")";
    }
}
