package com.saypro.triage.diagnosis.recognition;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.LogFinding;

/**
 * Reads a log line once and says what it reports, as {@link LogFinding}s of the kinds in
 * {@link LogFinding#KINDS}. One line may report several things (an API call answered 403 is
 * an {@code API_CALL} and an {@code ACCESS_DENIED}); a line that reports nothing of interest
 * gives no finding.
 *
 * <p>Each kind has its own small set of phrases, written for what real software prints
 * (database servers and drivers, connection pools, Spring, Hibernate, JVM, Go, Python and
 * Node clients, nginx, HAProxy, Envoy, the Linux kernel, identity providers). Where two
 * subsystems use the same words the kinds are kept apart on purpose:
 * <ul>
 * <li>a database refusing the application's login ({@code Access denied for user 'app'@'host'},
 *     {@code password authentication failed for user}) is {@code DB_AUTH_FAILED}; an application
 *     refusing a user an action ({@code AccessDeniedException}, 403, missing authority) is
 *     {@code ACCESS_DENIED};</li>
 * <li>a client read/connect timeout is {@code NETWORK_TIMEOUT}; a lock wait timeout is
 *     {@code DB_LOCK_TIMEOUT}, a statement timeout {@code SLOW_QUERY}, a connection pool's
 *     checkout timeout {@code DB_POOL_TIMEOUT};</li>
 * <li>a refused connection to a database (JDBC URL, database port, driver exception) is
 *     {@code DB_CONNECTION_ERROR}; to any other service {@code CONNECTION_REFUSED};</li>
 * <li>generic wrappers ("Unable to acquire JDBC Connection") count as a database connection
 *     error only when the line does not say the actual reason (credentials or pool).</li>
 * </ul>
 *
 * <p>{@link LogFinding#getDetail()} carries:
 * <ul>
 * <li>{@code API_CALL}: the call, lower case, as {@code "get /api/users/me"} (method and path,
 *     host and query string dropped) or {@code "calling user-service /permissions"}, then
 *     {@code "|"} and the request, trace, session or correlation id when the line has one;</li>
 * <li>{@code DB_CONNECTION_ERROR}: {@code server_down}, {@code too_many_connections},
 *     {@code unknown_database}, {@code connection_lost}, {@code unreachable} or {@code failed}
 *     (only a wrapper says a connection could not be had);</li>
 * <li>{@code UPSTREAM_ERROR}: {@code timeout}, {@code unavailable} or {@code circuit_open};</li>
 * <li>{@code OUT_OF_MEMORY}: {@code kernel}, {@code container}, {@code jvm_heap}, {@code jvm}
 *     or {@code process};</li>
 * <li>{@code TLS_ERROR}: {@code certificate_expired} when the certificate has expired;</li>
 * <li>{@code SLOW_QUERY}: {@code timeout} when a statement was cancelled for running too long;</li>
 * <li>other kinds: empty.</li>
 * </ul>
 *
 * <p>All patterns are compiled once. They are bounded (no unbounded wildcards between two
 * alternatives) and only the first {@value #MAX_SCANNED} characters of a message are read,
 * so a long stack trace costs time in proportion to its length.
 */
public final class LogClassifier {

    /** Characters of a message that are read; the rest of a very long message is ignored. */
    static final int MAX_SCANNED = 16_384;

    /** Length of a finding's excerpt. */
    static final int EXCERPT_LENGTH = 160;

    private static final LogClassifier STANDARD = new LogClassifier();

    /** The classifier with the built-in phrases. It holds no state and is safe to share. */
    public static LogClassifier standard() {
        return STANDARD;
    }

    /** What the line reports, in the order of {@link LogFinding#KINDS}; empty when nothing. */
    public List<LogFinding> classify(LogEvent event) {
        Line line = Line.of(event.getMessage(), event.isError());
        Map<Kind, Hit> hits = new EnumMap<>(Kind.class);
        database(line, hits);
        network(line, hits);
        resources(line, hits);
        proxies(line, hits);
        identity(line, hits);
        validation(line, hits);
        apiCall(line, hits);
        unhandledException(line, hits);

        List<LogFinding> findings = new ArrayList<>(hits.size());
        for (Map.Entry<Kind, Hit> entry : hits.entrySet()) {
            Hit hit = entry.getValue();
            findings.add(new LogFinding(event.getId(), event.getSystem(), event.getComponent(), entry.getKey().name(),
                    hit.detail(), excerpt(event.getMessage(), hit.start()), event.getMinutesBeforeIncident()));
        }
        return findings;
    }

    /** The kinds, in the order of {@link LogFinding#KINDS} (a test keeps the two lists equal). */
    enum Kind {
        DB_CONNECTION_ERROR, DB_AUTH_FAILED, DB_POOL_TIMEOUT, DB_LOCK_TIMEOUT, DB_DEADLOCK, SLOW_QUERY,
        ACCESS_DENIED, AUTHENTICATION_FAILED, TOKEN_VALIDATION, VALIDATION_ERROR, NETWORK_TIMEOUT,
        CONNECTION_RESET, CONNECTION_REFUSED, DNS_FAILURE, TLS_ERROR, OUT_OF_MEMORY, DISK_NO_SPACE, HUNG_TASK,
        THREAD_DEADLOCK, UPSTREAM_ERROR, UNHANDLED_EXCEPTION, API_CALL
    }

    /** The message as read: the original and a lower-case copy of the same length. */
    private record Line(String raw, String text, boolean error) {

        static Line of(String message, boolean error) {
            String raw = message.length() > MAX_SCANNED ? message.substring(0, MAX_SCANNED) : message;
            char[] lower = raw.toCharArray();
            for (int i = 0; i < lower.length; i++) {
                lower[i] = Character.toLowerCase(lower[i]);
            }
            return new Line(raw, new String(lower), error);
        }

        Hit find(Phrases phrases) {
            return find(phrases, "");
        }

        Hit find(Phrases phrases, String detail) {
            int start = phrases.find(text);
            return start < 0 ? null : new Hit(start, detail);
        }

        boolean has(Phrases phrases) {
            return phrases.find(text) >= 0;
        }
    }

    private record Hit(int start, String detail) {

        Hit withDetail(String newDetail) {
            return new Hit(start, newDetail);
        }
    }

    private static void put(Map<Kind, Hit> hits, Kind kind, Hit hit) {
        if (hit != null) {
            hits.putIfAbsent(kind, hit);
        }
    }

    private static Hit firstOf(Hit... candidates) {
        for (Hit hit : candidates) {
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static Phrases any(String... alternatives) {
        return Phrases.any(alternatives);
    }

    /**
     * An HTTP status code where a line reports one: "status=403", "HTTP/1.1" 504", "-> 503",
     * "returned 401", "POST /api/x 400". Not a bare number ("took 503 ms").
     */
    private static Phrases status(String codes) {
        return new Phrases(Pattern.compile(statusExpression(codes)), codes.split("\\|"));
    }

    private static String statusExpression(String codes) {
        return "(?:\\bstatus(?:[ _-]?code)?\"?\\s?[=:]?\\s?\"?"
                + "|\\bhttp(?:/\\d(?:\\.\\d)?)?\"?\\s"
                + "|->\\s?|=>\\s?"
                + "|\\b(?:returned|responded(?: with)?|responding with|received|got)\\s(?:an?\\s)?(?:status\\s|http\\s)?"
                + "|\\bresponse(?:\\s(?:code|status))?:?\\s"
                + "|\\b(?:get|post|put|patch|delete|head|options)\\s/\\S{0,500}+\\s)"
                + "(?:" + codes + ")\\b(?!\\s?(?:ms|s|rows?|records?|items?|bytes?|messages?|events?|times?|users?)\\b)";
    }

    // ------------------------------------------------------------------------------ database

    private static final Phrases DB_AUTH_FAILED = any(
            "access denied for user ['\"`][^'\"`\\n]{0,80}['\"`]@",
            "\\(using password: (?:yes|no)\\)",
            "\\berror 1045\\b", "er_access_denied_error", "er_dbaccess_denied_error",
            "\\b(?:password|ident|peer|md5|scram-sha-256|ldap|gss|sspi|cert|radius|pam) authentication failed for user",
            "no pg_hba\\.conf entry for", "pg_hba\\.conf rejects connection",
            "fatal:\\s{1,3}role \"[^\"\\n]{1,80}\" does not exist",
            "\\bsqlstate\\W{0,3}(?:28000|28p01)\\b",
            "\\bora-(?:01017|28000)\\b",
            "exception authenticating mongocredential", "mongosecurityexception",
            "mongo\\w{0,20}(?:error|exception)\\W{1,3}authentication failed");
    private static final Phrases MSSQL_LOGIN_FAILED = any("login failed for user '[^'\\n]{0,128}'");
    private static final Phrases MSSQL_CONTEXT = any("sqlserverexception", "\\bmssql", "\\bsql server\\b", "\\b18456\\b",
            "sqlexception");

    private static final Phrases DB_POOL_TIMEOUT = any(
            "connection is not available, request timed out after",
            "timeout waiting for idle object",
            "cannot get a connection, pool error",
            "unable to fetch a connection in \\d+ seconds",
            "\\b(?:connection|jdbc|db|database|datasource|hikari|sql) ?pool (?:is |was |has been )?(?:exhausted|empty)",
            "no (?:free|idle|available) (?:db |database |jdbc )?connections? (?:available )?in (?:the )?(?:connection )?pool",
            "checkout a connection has timed out",
            "queuepool limit of size \\d+ overflow -?\\d+ reached",
            "timeout period elapsed prior to obtaining a connection from the pool",
            "timeout acquiring a connection\\. the pool is probably full",
            "connectionacquiretimeouterror",
            "(?:timed out|timeout) (?:while )?(?:waiting (?:for|to) )?(?:acquir|obtain|get|check)\\w{0,4} (?:a )?"
                    + "(?:database |db |jdbc )?connection from (?:the )?pool");

    private static final Phrases DB_DEADLOCK = any(
            "deadlock found when trying to get lock",
            "deadlock detected(?<!java-level deadlock detected)(?<!thread deadlock detected)(?<!threads deadlock detected)",
            "deadlockloserdataaccessexception",
            "chosen as the deadlock victim",
            "\\bora-00060\\b",
            "latest detected deadlock",
            "er_lock_deadlock",
            "\\bsqlstate\\W{0,3}40p01\\b");
    /** Hibernate's name for a lock failure that is usually a deadlock; weaker than the phrases. */
    private static final Phrases DB_DEADLOCK_WEAK = any("lockacquisitionexception");

    private static final Phrases DB_LOCK_TIMEOUT = any(
            "lock wait timeout exceeded",
            "canceling statement due to lock timeout",
            "could not obtain lock on (?:row|relation|table)",
            "lock request time out period exceeded",
            "\\bora-00054\\b", "er_lock_wait_timeout",
            "\\bsqlstate\\W{0,3}55p03\\b",
            "\\bsqlite_busy\\b", "\\bdatabase is locked\\b",
            "locktimeoutexception", "cannotacquirelockexception");
    private static final Phrases DB_LOCK_TIMEOUT_WEAK = any("pessimisticlockexception", "pessimisticlockingfailureexception");

    private static final Phrases SLOW_QUERY_TIMEOUT = any(
            "canceling statement due to statement timeout",
            "\\bstatement timeout\\b",
            "maximum statement execution time exceeded",
            "query execution was interrupted",
            "statement cancell?ed due to timeout",
            "sqltimeoutexception", "querytimeoutexception", "mysqltimeoutexception");
    private static final Phrases SLOW_QUERY = any(
            "\\bslow(?<!\\b0 slow)(?<!\\bno slow) (?:quer(?:y|ies)|sql|statements?)\\b(?! ?log\\b)(?!\\s?[:=]\\s?0\\b)",
            "\\blong[- ]running (?:quer(?:y|ies)|statements?|transactions?)\\b",
            "\\bfull table scan\\b", "\\busing filesort\\b");
    /** A statement's duration: MySQL's slow log, PostgreSQL's log_min_duration_statement, "query took N ms". */
    private static final Phrases QUERY_DURATION = any(
            "# query_time: (\\d{1,9}(?:\\.\\d{1,9})?)",
            "\\bduration: (\\d{1,12}(?:\\.\\d{1,9})?) ms\\s{1,4}(?:statement|execute|parse|bind)\\b",
            "\\bquery took (\\d{1,12}(?:\\.\\d{1,9})?) ?(ms|milliseconds|s|sec|seconds)\\b");
    /** Statements logged with a duration below this are not slow queries (audit logging logs them all). */
    private static final double SLOW_QUERY_MS = 500;

    private static final Phrases DB_SERVER_DOWN = any(
            "the database system is (?:shutting down|starting up|in recovery mode|not yet accepting connections)",
            "server shutdown in progress",
            "terminating connection due to administrator command");
    private static final Phrases DB_TOO_MANY_CONNECTIONS = any(
            "too many connections", "sorry, too many clients already", "remaining connection slots are reserved",
            "max_user_connections", "no more connections allowed");
    private static final Phrases DB_UNKNOWN_DATABASE = any(
            "unknown database '", "fatal:\\s{1,3}database \"[^\"\\n]{1,80}\" does not exist");
    private static final Phrases DB_CONNECTION_LOST = any(
            "server closed the connection unexpectedly",
            "(?:mysql|mariadb) server has gone away",
            "lost connection to (?:mysql |mariadb )?server",
            "no operations allowed after connection closed",
            "this connection has been closed",
            "an i/o error occurred while sending to the backend");
    private static final Phrases DB_UNREACHABLE = any(
            "communications link failure",
            "can't connect to (?:local )?(?:mysql |mariadb )?server",
            "could not connect to (?:the )?(?:database )?server",
            "connection to server (?:at|on) [^\\n]{0,300}?failed",
            "could not connect to address=",
            "socket fail to connect to",
            "the connection attempt failed",
            "mongosocketopenexception", "mongotimeoutexception",
            "could not translate host name \"");
    /** Says only that no database connection could be had; the reason is elsewhere or absent. */
    private static final Phrases DB_CONNECT_WRAPPER = any(
            "\\b(?:cannot|could not|couldn't|unable to|failed to) (?:get|open|acquire|obtain|create|establish) "
                    + "(?:a )?(?:jdbc|database|db) connection",
            "cannotgetjdbcconnectionexception", "jdbcconnectionexception", "could not open jpa entitymanager",
            "sqltransientconnectionexception", "sqlnontransientconnectionexception",
            "cannot create poolableconnectionfactory",
            "\\bsqlstate\\W{0,3}08[0-9a-z]{3}\\b",
            "(?:psycopg2?|pymysql|mysqldb|sqlalchemy\\.exc)\\.operationalerror");

    private static final Phrases REFUSED = any(
            "connection refused", "\\beconnrefused\\b", "connection to \\S{1,300} refused", "actively refused",
            "errno 111\\b");
    /** Marks a line as being about a database connection. */
    private static final Phrases DB_CONTEXT = any(
            "jdbc:", "postmaster", "\\b(?:3306|3307|5432|5433|1433|1521|27017|26257)\\b",
            "\\b(?:mysql|mariadb|postgres(?:ql)?|psql|pgsql|psycopg2?|libpq|pymysql|mongodb|mongo|oracle|sqlserver|mssql"
                    + "|cockroachdb)\\b",
            "\\bpq: ", "communicationsexception", "psqlexception", "sqlexception", "hikari", "\\bdatasource\\b",
            "\\bsqlstate\\b");

    private static void database(Line line, Map<Kind, Hit> hits) {
        Hit auth = line.find(DB_AUTH_FAILED);
        if (auth == null && line.has(MSSQL_CONTEXT)) {
            auth = line.find(MSSQL_LOGIN_FAILED);
        }
        put(hits, Kind.DB_AUTH_FAILED, auth);
        Hit pool = line.find(DB_POOL_TIMEOUT);
        put(hits, Kind.DB_POOL_TIMEOUT, pool);

        Hit deadlock = line.find(DB_DEADLOCK);
        Hit lock = line.find(DB_LOCK_TIMEOUT);
        if (deadlock == null && lock == null) {
            deadlock = line.find(DB_DEADLOCK_WEAK);
        }
        if (deadlock == null && lock == null) {
            lock = line.find(DB_LOCK_TIMEOUT_WEAK);
        }
        put(hits, Kind.DB_DEADLOCK, deadlock);
        put(hits, Kind.DB_LOCK_TIMEOUT, lock);

        put(hits, Kind.SLOW_QUERY, firstOf(line.find(SLOW_QUERY_TIMEOUT, "timeout"), line.find(SLOW_QUERY),
                slowStatement(line)));

        Hit refused = line.find(REFUSED);
        Hit connection = firstOf(
                line.find(DB_SERVER_DOWN, "server_down"),
                line.find(DB_TOO_MANY_CONNECTIONS, "too_many_connections"),
                line.find(DB_UNKNOWN_DATABASE, "unknown_database"),
                line.find(DB_CONNECTION_LOST, "connection_lost"),
                line.find(DB_UNREACHABLE, "unreachable"),
                refused != null && line.has(DB_CONTEXT) ? refused.withDetail("unreachable") : null);
        if (connection == null && auth == null && pool == null) {
            connection = line.find(DB_CONNECT_WRAPPER, "failed");
        }
        put(hits, Kind.DB_CONNECTION_ERROR, connection);
        if (refused != null && !hits.containsKey(Kind.DB_CONNECTION_ERROR)) {
            put(hits, Kind.CONNECTION_REFUSED, refused);
        }
    }

    private static Hit slowStatement(Line line) {
        if (!QUERY_DURATION.mayMatch(line.text())) {
            return null;
        }
        Matcher m = QUERY_DURATION.pattern.matcher(line.text());
        while (m.find()) {
            double ms;
            if (m.group(1) != null) {
                ms = Double.parseDouble(m.group(1)) * 1000;
            } else if (m.group(2) != null) {
                ms = Double.parseDouble(m.group(2));
            } else {
                ms = Double.parseDouble(m.group(3)) * (m.group(4).startsWith("m") ? 1 : 1000);
            }
            if (ms >= SLOW_QUERY_MS) {
                return new Hit(m.start(), "");
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------ network

    private static final Phrases NETWORK_TIMEOUT = any(
            "sockettimeoutexception", "\\bread timed out", "\\bconnect timed out", "\\bi/o timeout\\b",
            "\\betimedout\\b", "\\besockettimedout\\b", "client\\.timeout exceeded", "timeout awaiting response headers",
            "tls handshake timeout", "\\bdeadline[_ ]?exceeded\\b",
            "[.$]readtimeout\\b", "\\breadtimeout(?:exception|error)\\b",
            "[.$]connecttimeout\\b", "\\bconnecttimeout(?:exception|error)\\b",
            "\\bhttp(?:connect)?timeoutexception\\b", "\\bsocket\\.timeout\\b", "\\btimeout of \\d+ ?ms exceeded",
            "\\boperation timed out\\b",
            "\\b(?:request|call|rpc|connection|connect|read|write)s? to \\S{1,200} timed out",
            "\\btimed out (?:while )?(?:waiting for (?:a |the )?response|connecting to|reading from)",
            "httpclient\\.timeout", "errno 110\\b");
    /** Also what a database pool says when its checkout times out; then it is not a network timeout. */
    private static final Phrases NETWORK_TIMEOUT_WEAK = any("\\bconnection timed out\\b");

    private static final Phrases CONNECTION_RESET = any(
            "connection reset", "\\beconnreset\\b", "broken pipe", "\\bepipe\\b", "socket hang up",
            "forcibly closed by the remote host", "connection prematurely closed", "prematurecloseexception",
            "remote end closed connection without response", "remotedisconnected", "connectionreseterror",
            "unexpected end of file from server", "errno 104\\b", "connection closed by (?:the )?(?:remote )?peer");

    private static final Phrases DNS_FAILURE = any(
            "unknownhostexception", "unresolvedaddressexception", "temporary failure in name resolution",
            "name or service not known", "nodename nor servname provided", "\\bno such host\\b",
            "getaddrinfo (?:enotfound|eai_again)", "\\beai_again\\b", "could not resolve host",
            "failed to resolve '", "nameresolutionerror", "\\b(?:dns lookup|dns resolution|name resolution) failed",
            "could not translate host name", "\\bhost not found\\b", "server misbehaving", "\\bservfail\\b",
            // CoreDNS logs every NXDOMAIN answer of the search-path expansion; those are routine
            "\\bnxdomain\\b(?! qr\\b)", "could not be resolved",
            // CoreDNS's errors plugin: an upstream resolver failed to answer
            "plugin/errors: \\d+ \\S{1,255} \\w{1,10}: ");

    private static final Phrases TLS_EXPIRED = any(
            "certificate has expired", "\\bcertificate (?:is )?expired\\b", "certificateexpiredexception",
            "\\bcert_has_expired\\b");
    private static final Phrases TLS_ERROR = any(
            "sslhandshakeexception", "sslpeerunverifiedexception", "certpathvalidatorexception",
            "pkix path (?:building|validation) failed", "unable to find valid certification path",
            "certificate verify failed", "certificate_verify_failed", "\\bx509: ",
            "\\btls: (?:handshake failure|bad certificate|unknown certificate|protocol version|failed to verify"
                    + "|certificate required)",
            "remote error: tls", "tls handshake error", "ssl_do_handshake\\(\\) failed", "ssl handshake failed",
            "handshake_failure", "received fatal alert", "unable to verify the first certificate",
            "unable_to_verify_leaf_signature", "self[- ]signed certificate in certificate chain",
            "depth_zero_self_signed_cert", "self_signed_cert_in_chain", "err_tls_cert_altname_invalid",
            "no subject alternative (?:dns )?names? (?:matching|present)", "\\bsslerror\\b", "\\bssl_error_",
            "ssl routines", "wrong version number");

    private static void network(Line line, Map<Kind, Hit> hits) {
        Hit timeout = line.find(NETWORK_TIMEOUT);
        if (timeout == null && !hits.containsKey(Kind.DB_POOL_TIMEOUT)) {
            timeout = line.find(NETWORK_TIMEOUT_WEAK);
        }
        put(hits, Kind.NETWORK_TIMEOUT, timeout);
        put(hits, Kind.CONNECTION_RESET, line.find(CONNECTION_RESET));
        put(hits, Kind.DNS_FAILURE, line.find(DNS_FAILURE));
        put(hits, Kind.TLS_ERROR, firstOf(line.find(TLS_EXPIRED, "certificate_expired"), line.find(TLS_ERROR)));
    }

    // ------------------------------------------------------------------------------ host and runtime

    private static final Phrases OOM_KERNEL = any(
            "out of memory: kill(?:ed)? process", "invoked oom-killer", "\\boom-kill:", "oom_kill_process",
            "\\bkilled process \\d+ \\(");
    private static final Phrases OOM_CONTAINER = any("memory cgroup out of memory", "\\boomkilled\\b");
    private static final Phrases OOM_JVM_HEAP = any(
            "outofmemoryerror: (?:java heap space|gc overhead limit exceeded|requested array size exceeds vm limit)");
    // \b keeps -XX:+HeapDumpOnOutOfMemoryError (a JVM option, not an error) out
    private static final Phrases OOM_JVM = any("\\boutofmemoryerror\\b", "insufficient memory for the java runtime",
            "native memory allocation \\(\\w{1,20}\\) failed");
    private static final Phrases OOM_PROCESS = any(
            "cannot allocate memory", "memoryerror(?<!\\wmemoryerror)\\b", "javascript heap out of memory",
            "runtime: out of memory", "std::bad_alloc", "oom command not allowed",
            "\\bout of memory\\b(?!\\s(?:alerts?|errors?|events?|kills?)\\s?[:=]?\\s?0\\b)");

    private static final Phrases DISK_NO_SPACE = any(
            "no space left on device", "\\benospc\\b", "disk quota exceeded", "\\bedquot\\b",
            "\\berrcode[:=]? ?28\\b", "\\berrno[:=]? ?28\\b",
            "\\bdisk(?<!not disk)(?<!no disk) (?:is )?full\\b", "not enough space on the disk", "could not extend file",
            "the table '[^'\\n]{1,128}' is full", "flood[- ]stage disk watermark", "high disk watermark \\[",
            "insufficient (?:disk|storage) space", "out of disk space");

    private static final Phrases HUNG_TASK = any(
            "\\btask \\S{1,80} blocked for more than \\d+ seconds", "hung_task_timeout_secs");

    private static final Phrases THREAD_DEADLOCK = any(
            "found (?:one|\\d+) java-level deadlocks?", "all goroutines are asleep - deadlock",
            "deadlocked threads? (?:detected|found)", "\\bthreads? deadlock(?:ed)? detected");

    private static void resources(Line line, Map<Kind, Hit> hits) {
        put(hits, Kind.OUT_OF_MEMORY, firstOf(
                line.find(OOM_CONTAINER, "container"),
                line.find(OOM_KERNEL, "kernel"),
                line.find(OOM_JVM_HEAP, "jvm_heap"),
                line.find(OOM_JVM, "jvm"),
                line.find(OOM_PROCESS, "process")));
        put(hits, Kind.DISK_NO_SPACE, line.find(DISK_NO_SPACE));
        put(hits, Kind.HUNG_TASK, line.find(HUNG_TASK));
        put(hits, Kind.THREAD_DEADLOCK, line.find(THREAD_DEADLOCK));
    }

    // ------------------------------------------------------------------------------ proxies and upstreams

    private static final Phrases UPSTREAM_TIMEOUT = any(
            "upstream timed out", "\\bgateway time-?out\\b", "upstream request timeout", "\\$gatewaytimeout\\b");
    private static final Phrases UPSTREAM_TIMEOUT_STATUS = status("504");
    private static final Phrases UPSTREAM_UNAVAILABLE = any(
            "while connecting to upstream", "no live upstreams", "upstream prematurely closed connection",
            "while reading response header from upstream", "no healthy upstream",
            "upstream connect error or disconnect/reset", "has no server available", "\\bserver \\S{1,100}/\\S{1,100} is down\\b",
            "<nosrv>", "\\bbad gateway\\b", "\\$badgateway\\b", "\\bservice (?:temporarily )?unavailable\\b",
            "\\$serviceunavailable\\b", "\\b50[23] server error",
            "\\bupstream (?:service|server|dependency|host) (?:is )?(?:unavailable|down|unreachable)");
    private static final Phrases UPSTREAM_UNAVAILABLE_STATUS = status("502|503");
    private static final Phrases CIRCUIT_OPEN = any(
            "circuit ?breaker\\b[^\\n]{0,80}?\\b(?:is|to) open\\b", "callnotpermittedexception",
            "does not permit further calls", "short-circuited");

    private static void proxies(Line line, Map<Kind, Hit> hits) {
        put(hits, Kind.UPSTREAM_ERROR, firstOf(
                line.find(UPSTREAM_TIMEOUT, "timeout"),
                line.find(UPSTREAM_TIMEOUT_STATUS, "timeout"),
                line.find(UPSTREAM_UNAVAILABLE, "unavailable"),
                line.find(UPSTREAM_UNAVAILABLE_STATUS, "unavailable"),
                line.find(CIRCUIT_OPEN, "circuit_open")));
    }

    // ------------------------------------------------------------------------------ identity

    private static final Phrases TOKEN_VALIDATION = any(
            "\\btoken introspection\\b", "\\bintrospect(?:ing|ion|ed)?\\b[^\\n]{0,40}?\\btoken",
            "\\btokens?\\b[^\\n]{0,40}?\\bintrospect", "/introspect\\b",
            "\\bjwks\\b", "\\bjwk ?set\\b", "remotejwkset", "jwks_uri", "/\\.well-known/(?:jwks\\.json|openid-configuration)",
            "/protocol/openid-connect/(?:certs|userinfo|token/introspect)",
            "\\bfetch(?:ing|ed)? (?:the )?(?:public|signing|verification|jwt|jwk) keys?\\b", "\\bpublic key set\\b",
            "\\b(?:retriev|download|refresh|reload|load)\\w{0,4} (?:the )?(?:remote )?jwks?\\b",
            "\\b(?:retriev|download|refresh|reload|load)\\w{0,4} (?:the )?(?:signing|public) keys\\b",
            "\\buserinfo\\b",
            "\\bvalidat(?:ing|ed|e) (?:the |an? )?(?:access |bearer |id |jwt |oauth2? |refresh )?token",
            "\\btoken validation\\b", "\\btoken (?:was |is )?validated\\b");

    private static final Phrases AUTHENTICATION_FAILED = any(
            "badcredentialsexception", "\\bbad credentials\\b",
            "\\binvalid (?:user(?:name)?(?: or |/)password|credentials|login|password)\\b",
            "\\bincorrect (?:user(?:name)?|password)\\b", "\\bwrong password\\b",
            "\\bauthentication(?<!\\b0 authentication)(?<!\\bno authentication) (?:failed|failure|error)\\b",
            "authenticationexception", "authenticationcredentialsnotfoundexception", "full authentication is required",
            "\\blog[io]n (?:failed|failure|attempt failed)\\b", "\\bsign-?in (?:failed|failure|attempt failed)\\b",
            "\\bfailed(?<!\\b0 failed)(?<!\\bno failed) (?:login|logon|sign-?in)s?\\b(?!\\s?[:=]\\s?0\\b)", "\\bfailed to authenticate\\b",
            "failed password for", "\\binvalid user \\S{1,64} from", "pam_unix\\([^)\\n]{1,64}\\): authentication failure",
            "\\b401\\W{1,3}unauthori[sz]ed\\b", "\\$unauthorized\\b", "\\b401 client error",
            "\\bjwt (?:has )?expired\\b", "expiredjwtexception", "\\btoken (?:has |is )?expired\\b",
            "\\bexpired (?:access |bearer |jwt |id |refresh )?token\\b", "tokenexpirederror",
            "\\binvalid[_ ](?:access[_ ]|bearer[_ ]|jwt[_ ]|id[_ ]|refresh[_ ])?token\\b", "\\binvalid_grant\\b",
            "\\binvalid_client\\b", "jwtexception", "jwtvalidationexception", "jwtverificationexception",
            "invalidbearertokenexception", "badjwtexception", "jsonwebtokenerror", "\\bjwt malformed\\b",
            "malformedjwtexception", "\\binvalid (?:jwt |token )?signature\\b", "signature verification failed", "\\bjwt signature does not match",
            "error occurred while attempting to decode the jwt", "\\btoken is not (?:yet )?(?:valid|active)\\b",
            "\\baccount (?:is |has been )(?:locked|disabled)\\b",
            "\\buser (?:is |has been )(?:locked|disabled)\\b", "\\baccount (?:locked|disabled)\\b",
            "lockedexception", "disabledexception", "usernamenotfoundexception", "error=invalid_user_credentials",
            "\\bwrongpass\\b", "\\bnoauth authentication required", "ldap: error code 49");
    private static final Phrases AUTHENTICATION_FAILED_STATUS = status("401");

    private static final Phrases ACCESS_DENIED = any(
            // java.nio.file.AccessDeniedException is a file permission, not an authorisation decision
            "accessdeniedexception(?<!file\\.accessdeniedexception)(?!: ?(?:/|[a-z]:\\\\))", "authorizationdeniedexception",
            // MySQL's "Access denied for user 'app'@'host'" is the database refusing a login
            "\\baccess (?:is )?denied\\b(?! for user ['\"`][^'\"`\\n]{0,80}['\"`]@)(?!; you need)", "\\baccessdenied\\b",
            "\\b403\\W{1,3}forbidden\\b", "\\$forbidden\\b", "\\bforbiddenexception\\b", "\\bis forbidden: user \"",
            "\\b403 client error",
            "\\bmissing(?<!\\b0 missing)(?<!\\bno missing) (?:required )?(?:role|authorit(?:y|ies)|permissions?|scopes?|privileges?|grants?)\\b",
            "\\blacks? (?:the )?(?:required )?(?:role|authority|permission|privilege|scope)",
            "\\binsufficient[_ ](?:privileges?|permissions?|scope|authority|rights|access)\\b",
            "\\bdoes(?:n't| not) have (?:the )?(?:required )?(?:role|authority|permission|privilege|scope|access right)",
            "\\bnot (?:authori[sz]ed|permitted|allowed) to\\b", "\\bunauthori[sz]ed to\\b",
            "granted=false", "\\bpermission_denied\\b", "code = permissiondenied");
    private static final Phrases ACCESS_DENIED_STATUS = status("403");
    private static final Phrases PERMISSION_DENIED = any("\\bpermission denied\\b");
    /** "permission denied" from the operating system or a database grant, not an application's decision. */
    private static final Phrases PERMISSION_DENIED_ELSEWHERE = any(
            "\\beacces\\b", "errno 13\\b", "\\(13: permission denied", "permissionerror",
            "/[^\\s:'\"]{1,200}'?:\\s?permission denied",
            "permission denied(?: \\(publickey|: ['\"]?/|, open|, mkdir"
                    + "| for (?:table|relation|schema|database|sequence|function|view|tablespace|column))",
            "operation not permitted");

    private static void identity(Line line, Map<Kind, Hit> hits) {
        put(hits, Kind.TOKEN_VALIDATION, line.find(TOKEN_VALIDATION));
        if (!hits.containsKey(Kind.DB_AUTH_FAILED)) {
            put(hits, Kind.AUTHENTICATION_FAILED,
                    firstOf(line.find(AUTHENTICATION_FAILED), line.find(AUTHENTICATION_FAILED_STATUS)));
        }
        Hit denied = firstOf(line.find(ACCESS_DENIED), line.find(ACCESS_DENIED_STATUS));
        if (denied == null && !line.has(PERMISSION_DENIED_ELSEWHERE)) {
            denied = line.find(PERMISSION_DENIED);
        }
        put(hits, Kind.ACCESS_DENIED, denied);
    }

    // ------------------------------------------------------------------------------ input validation

    private static final Phrases VALIDATION_ERROR = any(
            "methodargumentnotvalidexception", "(?:jakarta|javax)\\.validation\\.\\w{0,40}exception",
            "org\\.springframework\\.validation\\.bindexception", "webexchangebindexception", "field error in object '",
            "\\bvalidation(?<!(?:token|jwt|certificate|cert|signature|chain|path|hostname|tls|ssl|checksum|schema|config"
                    + "|configuration|integrity) validation) (?:failed|errors?)\\b",
            "\\bmust not be (?:blank|null|empty)\\b", "\\bmust match \"", "\\bsize must be between\\b",
            "\\bmust be (?:a well-formed|a valid|greater than|less than|between|positive|negative|a future|a past"
                    + "|at least|at most)\\b",
            "\\bcan't be blank\\b", "\\bfield required\\b", "\\bvalue is not a valid\\b", "\"[\\w.]{1,64}\" is required",
            "\\bvalidationerror\\b", "\\bvalidationexception\\b",
            "\\b400\\W{1,3}bad request\\b", "\\$badrequest\\b", "\\b400 client error", "\\b422 unprocessable",
            "httpmessagenotreadableexception", "missingservletrequestparameterexception",
            "methodargumenttypemismatchexception", "servletrequestbindingexception",
            "\\binvalid (?:request|input|parameter|argument|payload|request body|json|format|value|email)s?\\b",
            "\\binvalid [a-z]{2,20} (?:code|format|number)\\b");
    private static final Phrases VALIDATION_ERROR_STATUS = status("400|422");
    private static final Phrases CONSTRAINT_VIOLATION = any(
            "constraintviolationexception(?<!exception\\.constraintviolationexception)(?<!integrityconstraintviolationexception)");
    /** A database integrity constraint, not input validation. */
    private static final Phrases DB_CONSTRAINT = any(
            "could not execute statement", "duplicate (?:entry|key)", "integrity constraint",
            "violates (?:foreign key|unique|not-null|check|exclusion) constraint");

    private static void validation(Line line, Map<Kind, Hit> hits) {
        Hit invalid = firstOf(line.find(VALIDATION_ERROR), line.find(VALIDATION_ERROR_STATUS));
        if (invalid == null && !line.has(DB_CONSTRAINT)) {
            invalid = line.find(CONSTRAINT_VIOLATION);
        }
        put(hits, Kind.VALIDATION_ERROR, invalid);
    }

    // ------------------------------------------------------------------------------ API calls

    private static final String PATH = "(/[^\\s?#\"'(),;\\[\\]{}<>|]{0,400})";
    private static final String HOST = "(?:https?://[^/\\s\"'?#]{1,255})?";
    private static final Pattern API_METHOD_PATH = Pattern.compile(
            "(?<![\\w/.-])(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\"?[ \\t]{1,3}\"?" + HOST + PATH);
    private static final Pattern API_LOWER_CASE = Pattern.compile("(?<![\\w/.-])(get|post|put|patch|delete) (/api/[^\\s?#\"'(),;\\[\\]{}<>|]{0,400})");
    private static final Pattern API_FIELDS = Pattern.compile(
            "(?i)\\bmethod\"?\\s?[=:]\\s?\"?(get|post|put|patch|delete|head|options)\\b[^\\n]{0,200}?"
            + "\\b(?:path|uri|url|route|endpoint)\"?\\s?[=:]\\s?\"?" + HOST + PATH);
    private static final Pattern API_FIELDS_PATH_FIRST = Pattern.compile(
            "(?i)\\b(?:path|uri|url|route|endpoint)\"?\\s?[=:]\\s?\"?" + HOST + PATH
            + "[^\\n]{0,200}?\\bmethod\"?\\s?[=:]\\s?\"?(get|post|put|patch|delete|head|options)\\b");
    private static final Pattern API_CALLING = Pattern.compile("(?i)\\bcalling ([\\w.-]{1,100}) " + PATH);
    /** Route tables printed at start-up: "Mapped GET /api/users/me", "route GET /x". */
    private static final Pattern API_ROUTE_TABLE = Pattern.compile("(?i)(?:mapped|mapping|route|registered|handler)[\\s\"{\\[]{1,3}$");
    /** Probes, scrapes and static files are not API calls. */
    private static final Pattern API_NOT_A_CALL = Pattern.compile(
            "(?i)/(?:healthz?|healthcheck|readyz|livez|ready|live|ping|metrics|favicon\\.ico)/?"
            + "|/actuator(?:/[^/]{0,100}){0,4}|.{0,400}\\.(?:js|mjs|css|map|png|jpe?g|gif|svg|ico|woff2?|ttf|eot|webp)");
    private static final Pattern REQUEST_ID = Pattern.compile(
            "(?i)(?<![\\w-])(?:x-)?(?:req(?:uest)?[-_.]?id|req|trace[-_.]?id|session(?:[-_.]?id)?|correlation[-_.]?id"
            + "|login[-_.]?id)\"?\\s?[=:]\\s?\"?([\\w-]{1,64})");

    private static void apiCall(Line line, Map<Kind, Hit> hits) {
        String raw = line.raw();
        if (raw.indexOf('/') < 0) {
            return;
        }
        String call = null;
        int start = -1;
        Matcher m = API_METHOD_PATH.matcher(raw);
        while (call == null && m.find()) {
            int from = Math.max(0, m.start() - 12);
            if (!API_ROUTE_TABLE.matcher(raw.substring(from, m.start())).find() && isCall(m.group(2))) {
                call = m.group(1) + " " + m.group(2);
                start = m.start();
            }
        }
        for (Pattern fields : List.of(API_LOWER_CASE, API_FIELDS)) {
            m = fields.matcher(raw);
            if (call == null && m.find() && isCall(m.group(2))) {
                call = m.group(1) + " " + m.group(2);
                start = m.start();
            }
        }
        m = API_FIELDS_PATH_FIRST.matcher(raw);
        if (call == null && m.find() && isCall(m.group(1))) {
            call = m.group(2) + " " + m.group(1);
            start = m.start();
        }
        m = API_CALLING.matcher(raw);
        if (call == null && m.find() && isCall(m.group(2))) {
            call = "calling " + m.group(1) + " " + m.group(2);
            start = m.start();
        }
        if (call == null) {
            return;
        }
        call = TRAILING_PUNCTUATION.matcher(call).replaceFirst("");
        Matcher id = REQUEST_ID.matcher(raw);
        String detail = id.find() ? call + "|" + id.group(1) : call;
        put(hits, Kind.API_CALL, new Hit(start, detail.toLowerCase(java.util.Locale.ROOT)));
    }

    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.:!]+$");

    private static boolean isCall(String path) {
        return path.length() > 1 && !API_NOT_A_CALL.matcher(path).matches();
    }

    // ------------------------------------------------------------------------------ other exceptions

    /** A class name ending in Exception or Error ("IOException", "java.lang.Exception", "TypeError"). */
    private static final Pattern EXCEPTION_NAME = Pattern.compile("(?:Exception|Error)\\b");
    private static final Phrases UNHANDLED_MARKER = any(
            "traceback \\(most recent call last\\)", "exception in thread \"", "\\bunhandled (?:exception|error|promise rejection)", "\\buncaught (?:exception|error)",
            "unhandledpromiserejection", "(?:^|\n)panic: ",
            "\n\tat [\\w$.<>/]{1,300}\\(", "\n {2,8}at [\\w$.<>/ ]{1,300}\\(");

    private static void unhandledException(Line line, Map<Kind, Hit> hits) {
        for (Kind kind : hits.keySet()) {
            if (kind != Kind.API_CALL && kind != Kind.TOKEN_VALIDATION) {
                return;
            }
        }
        Hit marker = line.find(UNHANDLED_MARKER);
        if (!line.error() && marker == null) {
            return;
        }
        put(hits, Kind.UNHANDLED_EXCEPTION, marker != null ? marker : exceptionName(line.raw()));
    }

    /** Where the first exception class name starts: "IOException", "java.lang.Exception", "TypeError". */
    private static Hit exceptionName(String raw) {
        Matcher name = EXCEPTION_NAME.matcher(raw);
        while (name.find()) {
            int start = wordStart(raw, name.start());
            if (start < name.start()) {
                return new Hit(start, "");
            }
        }
        return null;
    }

    private static int wordStart(String text, int index) {
        int i = index;
        while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || "_$.".indexOf(text.charAt(i - 1)) >= 0)) {
            i--;
        }
        return i;
    }

    // ------------------------------------------------------------------------------ excerpt

    /**
     * The message on one line, cut to {@value #EXCERPT_LENGTH} characters. When what was found
     * lies further in (a "Caused by" deep in a stack trace), the excerpt is the start of the
     * message, " ... ", and the text around what was found.
     */
    static String excerpt(String message, int start) {
        String head = flat(message, 0, Math.min(message.length(), EXCERPT_LENGTH * 2));
        if (start + 40 <= EXCERPT_LENGTH || flat(message, 0, Math.min(message.length(), start)).length() + 40 <= EXCERPT_LENGTH) {
            return cut(head, EXCERPT_LENGTH);
        }
        String from = head.substring(0, Math.min(head.length(), 60)).stripTrailing();
        String around = flat(message, Math.max(0, start - 20), Math.min(message.length(), start + EXCERPT_LENGTH));
        return cut(from + " ... " + around, EXCERPT_LENGTH);
    }

    private static String flat(String text, int from, int to) {
        return text.substring(from, to).replaceAll("\\s+", " ").strip();
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 3).stripTrailing() + "...";
    }
}
