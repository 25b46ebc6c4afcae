package com.saypro.triage.diagnosis.facts;

import java.util.List;

/**
 * What one log line says, classified once by Triage's log classifiers before the rules run,
 * so rules match a {@code kind} instead of repeating regular expressions. {@code detail} adds
 * what the kind needs (for {@code API_CALL} the call, as "get /api/users/me", and after "|"
 * the request id when the line carries one). One line may give several findings.
 */
public final class LogFinding {

    /** The kinds of finding, with what each one means. */
    public static final List<String> KINDS = List.of(
            "DB_CONNECTION_ERROR",   // the application cannot open or keep a database connection
            "DB_AUTH_FAILED",        // the database refused the application's credentials
            "DB_POOL_TIMEOUT",       // no free connection in the application's pool in time
            "DB_LOCK_TIMEOUT",       // a statement waited too long for a row/table lock
            "DB_DEADLOCK",           // the database detected a deadlock
            "SLOW_QUERY",            // a slow-query log entry or an over-long statement
            "ACCESS_DENIED",         // authorisation refused: the user lacks a role/permission (403)
            "AUTHENTICATION_FAILED", // the user or client could not be authenticated (401, bad credentials, token)
            "TOKEN_VALIDATION",      // a token was validated (introspection, JWKS/key fetch, userinfo)
            "VALIDATION_ERROR",      // input rejected by validation (400, constraint violations)
            "NETWORK_TIMEOUT",       // a network read/connect timed out
            "CONNECTION_RESET",      // a connection reset / broken pipe
            "CONNECTION_REFUSED",    // a (non-database) service refused the connection
            "DNS_FAILURE",           // a host name could not be resolved
            "TLS_ERROR",             // TLS handshake or certificate validation failed
            "OUT_OF_MEMORY",         // out of memory: JVM OutOfMemoryError, kernel OOM killer
            "DISK_NO_SPACE",         // no space left on device, quota exceeded
            "HUNG_TASK",             // kernel hung-task messages (blocked on I/O)
            "THREAD_DEADLOCK",       // a thread dump reports deadlocked threads
            "UPSTREAM_ERROR",        // a proxy/client got 502/503/504 or an upstream failure
            "UNHANDLED_EXCEPTION",   // an application exception not covered above
            "API_CALL");             // an API call made on a request path (detail = the call)

    private final long logId;
    private final String system;
    private final String component;
    private final String kind;
    private final String detail;
    private final String excerpt;
    private final long minutesBeforeIncident;

    public LogFinding(long logId, String system, String component, String kind, String detail, String excerpt,
            long minutesBeforeIncident) {
        this.logId = logId;
        this.system = system;
        this.component = component == null ? "" : component;
        this.kind = kind;
        this.detail = detail == null ? "" : detail;
        this.excerpt = excerpt == null ? "" : excerpt;
        this.minutesBeforeIncident = minutesBeforeIncident;
    }

    public long getLogId() { return logId; }
    public String getSystem() { return system; }
    public String getComponent() { return component; }
    public String getKind() { return kind; }
    public String getDetail() { return detail; }
    public String getExcerpt() { return excerpt; }
    public long getMinutesBeforeIncident() { return minutesBeforeIncident; }

    @Override
    public String toString() {
        return "Log line classified " + kind + (detail.isEmpty() ? "" : " (" + detail + ")") + " on " + system
                + (component.isEmpty() ? "" : "/" + component) + ": " + excerpt;
    }
}
