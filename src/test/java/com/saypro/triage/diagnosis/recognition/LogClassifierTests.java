package com.saypro.triage.diagnosis.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.saypro.triage.diagnosis.facts.LogEvent;
import com.saypro.triage.diagnosis.facts.LogFinding;

/**
 * Log lines in the shape real software prints, each with exactly the kinds it must give. Near
 * misses (lines that share words with another subsystem's failure) are listed with the kinds
 * they must give, often none; an exact comparison keeps every wrong kind out.
 */
class LogClassifierTests {

    private static final LogClassifier CLASSIFIER = LogClassifier.standard();

    static Stream<Arguments> lines() {
        return Stream.of(
                // ---------------------------------------------------------------- MySQL / MariaDB
                line("ERROR", "Access denied for user 'lms'@'10.0.0.5' (using password: YES)", "DB_AUTH_FAILED"),
                line("ERROR", "java.sql.SQLInvalidAuthorizationSpecException: (conn=4411) Access denied for user 'royalty'@'10.20.3.14' (using password: YES)",
                        "DB_AUTH_FAILED"),
                line("ERROR", "Communications link failure\n\nThe last packet sent successfully to the server was 0 milliseconds ago. The driver has not received any packets from the server.",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "HikariPool-1 - Exception during pool initialization.\ncom.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "(conn=2871) Lock wait timeout exceeded; try restarting transaction", "DB_LOCK_TIMEOUT"),
                line("ERROR", "com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException: Deadlock found when trying to get lock; try restarting transaction",
                        "DB_DEADLOCK"),
                line("INFO", "# Query_time: 11.842117  Lock_time: 0.000112  Rows_sent: 2210  Rows_examined: 4812993", "SLOW_QUERY"),
                line("WARN", "Data source rejected establishment of connection,  message from server: \"Too many connections\"",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "Socket fail to connect to address=(host=lms-db.internal)(port=3306)(type=primary). Connection refused",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "Error writing file '/tmp/MYfd=58' (Errcode: 28 - No space left on device)", "DISK_NO_SPACE"),
                line("ERROR", "Query execution was interrupted, maximum statement execution time exceeded", "SLOW_QUERY"),
                line("ERROR", "MySQL server has gone away", "DB_CONNECTION_ERROR"),
                line("ERROR", "Access denied; you need (at least one of) the SUPER privilege(s) for this operation"),

                // ---------------------------------------------------------------- PostgreSQL
                line("ERROR", "FATAL:  password authentication failed for user \"reporting\"", "DB_AUTH_FAILED"),
                line("ERROR", "org.postgresql.util.PSQLException: FATAL: role \"lms_app\" does not exist", "DB_AUTH_FAILED"),
                line("ERROR", "FATAL:  no pg_hba.conf entry for host \"10.0.4.17\", user \"app\", database \"orders\", SSL off",
                        "DB_AUTH_FAILED"),
                line("ERROR", "pq: password authentication failed for user \"billing\"", "DB_AUTH_FAILED"),
                line("ERROR", "org.postgresql.util.PSQLException: Connection to db-primary.internal:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "ERROR:  canceling statement due to lock timeout", "DB_LOCK_TIMEOUT"),
                line("ERROR", "ERROR:  canceling statement due to statement timeout", "SLOW_QUERY"),
                line("ERROR", "ERROR:  deadlock detected\nDETAIL:  Process 4412 waits for ShareLock on transaction 88213; blocked by process 4398.",
                        "DB_DEADLOCK"),
                line("INFO", "LOG:  duration: 4123.551 ms  statement: SELECT * FROM enrolment WHERE course_id = 88", "SLOW_QUERY"),
                line("INFO", "LOG:  duration: 0.412 ms  statement: SELECT 1"),
                line("FATAL", "FATAL:  the database system is shutting down", "DB_CONNECTION_ERROR"),
                line("FATAL", "FATAL:  sorry, too many clients already", "DB_CONNECTION_ERROR"),
                line("ERROR", "psycopg2.OperationalError: connection to server at \"pg.internal\" (10.0.2.8), port 5432 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "could not write to file \"pg_wal/xlogtemp.3121\": No space left on device", "DISK_NO_SPACE"),
                line("ERROR", "ERROR:  permission denied for table enrolments"),
                line("ERROR", "psql: error: could not translate host name \"pg-primary\" to address: Name or service not known",
                        "DB_CONNECTION_ERROR", "DNS_FAILURE"),
                line("ERROR", "failed to query: dial tcp 10.0.2.8:5432: connect: connection refused", "DB_CONNECTION_ERROR"),

                // ---------------------------------------------------------------- other databases
                line("ERROR", "com.microsoft.sqlserver.jdbc.SQLServerException: Login failed for user 'reporting'.", "DB_AUTH_FAILED"),
                line("ERROR", "java.sql.SQLException: ORA-01017: invalid username/password; logon denied", "DB_AUTH_FAILED"),
                line("ERROR", "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.",
                        "DB_DEADLOCK"),
                line("ERROR", "com.mongodb.MongoSecurityException: Exception authenticating MongoCredential{mechanism=SCRAM-SHA-256, userName='catalog', source='admin'}",
                        "DB_AUTH_FAILED"),

                // ---------------------------------------------------------------- pools, JDBC, Spring Data, Hibernate
                line("ERROR", "HikariPool-1 - Connection is not available, request timed out after 30000ms.", "DB_POOL_TIMEOUT"),
                line("ERROR", "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30005ms (total=20, active=20, idle=0, waiting=37)",
                        "DB_POOL_TIMEOUT"),
                line("ERROR", "Enrolment failed for user 48211 course CS-101: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "Could not open JPA EntityManager for transaction; nested exception is org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection\n"
                        + "Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
                        "DB_POOL_TIMEOUT"),
                line("ERROR", "HikariPool-1 - Exception during pool initialization.\norg.postgresql.util.PSQLException: Connection to localhost:5432 refused.",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "org.springframework.dao.CannotAcquireLockException: PreparedStatementCallback; SQL [update seat set taken = 1 where id = ?]; Lock wait timeout exceeded; try restarting transaction",
                        "DB_LOCK_TIMEOUT"),
                line("ERROR", "org.springframework.dao.DeadlockLoserDataAccessException: PreparedStatementCallback; SQL [update account set balance = ? where id = ?]",
                        "DB_DEADLOCK"),
                line("ERROR", "Cannot create PoolableConnectionFactory (Access denied for user 'etl'@'172.18.0.4' (using password: YES))",
                        "DB_AUTH_FAILED"),
                line("WARN", "SQL Error: 0, SQLState: 08001", "DB_CONNECTION_ERROR"),
                line("ERROR", "org.hibernate.exception.ConstraintViolationException: could not execute statement; SQL [n/a]; constraint [uk_enrolment_user_course]",
                        "UNHANDLED_EXCEPTION"),
                line("ERROR", "java.sql.SQLIntegrityConstraintViolationException: Duplicate entry '48211-CS101' for key 'uk_enrolment'",
                        "UNHANDLED_EXCEPTION"),
                line("ERROR", "o.h.engine.jdbc.spi.SqlExceptionHelper : Timeout: Pool empty. Unable to fetch a connection in 30 seconds, none available[size:100; busy:100; idle:0; lastwait:30000].",
                        "DB_POOL_TIMEOUT"),
                line("ERROR", "sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00",
                        "DB_POOL_TIMEOUT"),
                line("WARN", "Slow query took 11842 milliseconds [select rl.* from royalty_line rl where rl.period = ? order by rl.created_at]",
                        "SLOW_QUERY"),
                line("INFO", "Slow query log enabled, threshold 2000 ms"),
                line("INFO", "Database health: slow queries: 0, deadlocks: 0, lock waits: 0"),
                line("INFO", "Connection pool stats: active=3 idle=17 waiting=0"),

                // ---------------------------------------------------------------- authorisation
                line("WARN", "Access denied for user 48211 on POST /api/enrolments: missing authority ENROL_COURSE",
                        "ACCESS_DENIED", "API_CALL"),
                line("ERROR", "org.springframework.security.access.AccessDeniedException: Access Denied", "ACCESS_DENIED"),
                line("DEBUG", "Responding with 403 status code", "ACCESS_DENIED"),
                line("INFO", "POST /api/enrolments 403 Forbidden (user 50342)", "ACCESS_DENIED", "API_CALL"),
                line("WARN", "AccessDeniedException: role STUDENT is not allowed to ENROL in course CS-101 (user 48211)", "ACCESS_DENIED"),
                line("DEBUG", "Failed to authorize ReflectiveMethodInvocation: EnrolmentService.enrol(EnrolmentRequest); with authorization manager PreAuthorizeAuthorizationManager and result AuthorizationDecision [granted=false]",
                        "ACCESS_DENIED"),
                line("WARN", "User alice@example.org does not have the required permission 'course:publish'", "ACCESS_DENIED"),
                line("ERROR", "pods is forbidden: User \"system:serviceaccount:lms:backend\" cannot list resource \"pods\" in API group \"\" in the namespace \"lms\"",
                        "ACCESS_DENIED"),
                line("ERROR", "java.nio.file.AccessDeniedException: /var/lib/app/uploads/48211.pdf", "UNHANDLED_EXCEPTION"),
                line("ERROR", "open /etc/app/tls/server.key: permission denied"),
                line("ERROR", "PermissionError: [Errno 13] Permission denied: '/var/log/app/worker.log'", "UNHANDLED_EXCEPTION"),
                line("INFO", "Permission matrix reloaded from config: 14 roles, 212 grants"),

                // ---------------------------------------------------------------- authentication
                line("WARN", "Authentication failed for user 'jdoe': Bad credentials", "AUTHENTICATION_FAILED"),
                line("DEBUG", "Failed to authenticate since the JWT was invalid", "AUTHENTICATION_FAILED"),
                line("ERROR", "An error occurred while attempting to decode the Jwt: Jwt expired at 2026-02-11T08:14:03Z", "AUTHENTICATION_FAILED"),
                line("INFO", "GET /api/users/me -> 401 (3 ms) [req=9c1d22]", "AUTHENTICATION_FAILED", "API_CALL"),
                line("WARN", "TokenExpiredError: jwt expired", "AUTHENTICATION_FAILED"),
                line("WARN", "Bearer error=\"invalid_token\", error_description=\"An error occurred while attempting to decode the Jwt\"",
                        "AUTHENTICATION_FAILED"),
                line("INFO", "sshd[2211]: Failed password for invalid user admin from 203.0.113.9 port 52211 ssh2", "AUTHENTICATION_FAILED"),
                line("WARN", "type=LOGIN_ERROR, realmId=lms, clientId=lms-web, userId=null, ipAddress=10.0.0.8, error=invalid_user_credentials",
                        "AUTHENTICATION_FAILED"),
                line("WARN", "Login failed for user alice from 10.0.0.7 (bad password)", "AUTHENTICATION_FAILED"),
                line("ERROR", "io.lettuce.core.RedisCommandExecutionException: WRONGPASS invalid username-password pair or user is disabled.",
                        "AUTHENTICATION_FAILED"),
                line("INFO", "User 48211 authenticated successfully (mfa=true)"),
                line("INFO", "Token for client lms-web expires in 300 s, refreshing"),
                line("INFO", "Login stats: 0 failed logins, 1412 successful"),

                // ---------------------------------------------------------------- token validation
                line("INFO", "Token introspection against https://idp.example.org/oauth2/introspect took 3870 ms", "TOKEN_VALIDATION"),
                line("INFO", "Fetching public keys from JWKS endpoint https://idp.example.org/.well-known/jwks.json (cache disabled)",
                        "TOKEN_VALIDATION"),
                line("DEBUG", "validating token took 4310 ms (remote introspection, no cached result)", "TOKEN_VALIDATION"),
                line("INFO", "GET https://idp.example.org/userinfo -> 200 (812 ms) traceId=4bf92f3577b34da6", "TOKEN_VALIDATION", "API_CALL"),
                line("WARN", "Couldn't retrieve remote JWK set: Read timed out", "TOKEN_VALIDATION", "NETWORK_TIMEOUT"),
                line("ERROR", "Token validation failed: Jwt expired at 2026-01-02T10:00:00Z", "TOKEN_VALIDATION", "AUTHENTICATION_FAILED"),

                // ---------------------------------------------------------------- input validation
                line("WARN", "Resolved [org.springframework.web.bind.MethodArgumentNotValidException: Validation failed for argument [0] in public ResponseEntity<EnrolmentDto> "
                        + "EnrolmentController.enrol(EnrolmentRequest): [Field error in object 'enrolmentRequest' on field 'courseCode': rejected value [cs101]; "
                        + "default message [must match \"[A-Z]{2,4}-\\d{3}\"]] ]", "VALIDATION_ERROR"),
                line("INFO", "POST /api/enrolments 400 Bad Request (12 ms)", "VALIDATION_ERROR", "API_CALL"),
                line("ERROR", "jakarta.validation.ConstraintViolationException: enrol.request.email: must be a well-formed email address", "VALIDATION_ERROR"),
                line("WARN", "pydantic_core._pydantic_core.ValidationError: 1 validation error for CreateUser\nemail\n  Field required [type=missing, input_value={'name': 'x'}, input_type=dict]",
                        "VALIDATION_ERROR"),
                line("ERROR", "ActiveRecord::RecordInvalid: Validation failed: Email can't be blank", "VALIDATION_ERROR"),
                line("WARN", "Resolved [org.springframework.http.converter.HttpMessageNotReadableException: JSON parse error: Unexpected character ('}' (code 125))]",
                        "VALIDATION_ERROR"),
                line("ERROR", "java.net.BindException: Address already in use", "UNHANDLED_EXCEPTION"),

                // ---------------------------------------------------------------- Java clients and runtime
                line("ERROR", "Remittance call to payments-gateway failed, retrying (attempt 2/3): java.net.SocketTimeoutException: Read timed out",
                        "NETWORK_TIMEOUT"),
                line("ERROR", "I/O error on POST request for \"https://payments.example.com/v2/remittances\": Connection reset; nested exception is java.net.SocketException: Connection reset",
                        "CONNECTION_RESET"),
                line("ERROR", "java.net.ConnectException: Connection refused (Connection refused)\n\tat java.base/sun.nio.ch.Net.connect0(Native Method)",
                        "CONNECTION_REFUSED"),
                line("ERROR", "I/O error on GET request for \"http://user-service:8080/api/users/48211\": Connection refused", "CONNECTION_REFUSED"),
                line("ERROR", "java.net.UnknownHostException: payments.internal: Name or service not known", "DNS_FAILURE"),
                line("ERROR", "javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
                        "TLS_ERROR"),
                line("ERROR", "javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed\n"
                        + "Caused by: java.security.cert.CertificateExpiredException: NotAfter: Sat Jan 10 23:59:59 UTC 2026", "TLS_ERROR"),
                line("ERROR", "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space", "OUT_OF_MEMORY"),
                line("INFO", "JVM arguments: -Xms2g -Xmx2g -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/dumps"),
                line("ERROR", "java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached",
                        "OUT_OF_MEMORY"),
                line("ERROR", "Found one Java-level deadlock:\n=============================\n\"worker-3\":\n  waiting to lock monitor 0x00007f3a2c004e28 (object 0x00000000d5a1, a java.lang.Object),",
                        "THREAD_DEADLOCK"),
                line("ERROR", "java.util.concurrent.RejectedExecutionException: Task rejected from java.util.concurrent.ThreadPoolExecutor@1f2a[Running, pool size = 8, active threads = 8, queued tasks = 1000]",
                        "UNHANDLED_EXCEPTION"),
                line("ERROR", "java.lang.NullPointerException: Cannot invoke \"Course.getCode()\" because \"course\" is null\n\tat com.example.lms.EnrolmentService.enrol(EnrolmentService.java:88)",
                        "UNHANDLED_EXCEPTION"),
                line("WARN", "Retrying after IOException (attempt 1 of 3)"),
                line("INFO", "Configured HTTP client: connectTimeout=2000ms readTimeout=5000ms maxConnections=50"),

                // ---------------------------------------------------------------- Go
                line("ERROR", "Get \"https://billing.internal/v1/invoices?customer=42\": dial tcp 10.0.7.21:443: i/o timeout", "NETWORK_TIMEOUT"),
                line("ERROR", "Post \"http://ledger:8080/api/entries\": dial tcp 10.0.7.30:8080: connect: connection refused", "CONNECTION_REFUSED"),
                line("ERROR", "dial tcp: lookup ledger.internal on 10.96.0.10:53: no such host", "DNS_FAILURE"),
                line("ERROR", "net/http: request canceled (Client.Timeout exceeded while awaiting headers)", "NETWORK_TIMEOUT"),
                line("ERROR", "rpc error: code = DeadlineExceeded desc = context deadline exceeded", "NETWORK_TIMEOUT"),
                line("INFO", "Job deadline set to 2026-03-01; 12 tasks remaining before the deadline"),
                line("ERROR", "x509: certificate signed by unknown authority", "TLS_ERROR"),
                line("FATAL", "fatal error: all goroutines are asleep - deadlock!", "THREAD_DEADLOCK"),

                // ---------------------------------------------------------------- Python
                line("ERROR", "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.partner.example', port=443): Read timed out. (read timeout=10)",
                        "NETWORK_TIMEOUT"),
                line("ERROR", "requests.exceptions.ConnectionError: HTTPConnectionPool(host='search', port=9200): Max retries exceeded with url: /products/_search "
                        + "(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f2c>: Failed to establish a new connection: [Errno 111] Connection refused'))",
                        "CONNECTION_REFUSED"),
                line("ERROR", "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.partner.example', port=443): Max retries exceeded with url: /v2/orders "
                        + "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))",
                        "TLS_ERROR"),
                line("ERROR", "urllib3.exceptions.NameResolutionError: <urllib3.connection.HTTPSConnection object at 0x7f2c>: Failed to resolve 'api.partner.example' ([Errno -3] Temporary failure in name resolution)",
                        "DNS_FAILURE"),
                line("ERROR", "ConnectionResetError: [Errno 104] Connection reset by peer", "CONNECTION_RESET"),
                line("CRITICAL", "Traceback (most recent call last):\n  File \"etl.py\", line 88, in <module>\n    rows = list(reader)\nMemoryError", "OUT_OF_MEMORY"),
                line("ERROR", "Traceback (most recent call last):\n  File \"/app/worker.py\", line 41, in handle\n    total = order[\"amount\"] / order[\"qty\"]\nZeroDivisionError: division by zero",
                        "UNHANDLED_EXCEPTION"),

                // ---------------------------------------------------------------- Node
                line("ERROR", "Error: connect ECONNREFUSED 10.0.3.4:6379", "CONNECTION_REFUSED"),
                line("ERROR", "Error: getaddrinfo ENOTFOUND auth.internal", "DNS_FAILURE"),
                line("ERROR", "Error: socket hang up", "CONNECTION_RESET"),
                line("FATAL", "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", "OUT_OF_MEMORY"),
                line("ERROR", "AxiosError: timeout of 5000ms exceeded", "NETWORK_TIMEOUT"),
                line("ERROR", "OOM command not allowed when used memory > 'maxmemory'.", "OUT_OF_MEMORY"),

                // ---------------------------------------------------------------- nginx, HAProxy, Envoy, resilience
                line("ERROR", "2026/02/11 08:14:03 [error] 2211#2211: *88121 upstream timed out (110: Connection timed out) while reading response header from upstream, "
                        + "client: 10.0.0.9, server: lms.example.org, request: \"GET /api/courses HTTP/1.1\", upstream: \"http://10.0.1.5:8080/api/courses\", host: \"lms.example.org\"",
                        "UPSTREAM_ERROR", "NETWORK_TIMEOUT", "API_CALL"),
                line("ERROR", "2026/02/11 08:14:05 [error] 2211#2211: *88130 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.9, server: _, "
                        + "request: \"POST /api/login HTTP/1.1\", upstream: \"http://10.0.1.6:8080/api/login\"", "UPSTREAM_ERROR", "CONNECTION_REFUSED", "API_CALL"),
                line("ERROR", "2026/02/11 08:14:07 [error] 2211#2211: *88131 no live upstreams while connecting to upstream, client: 10.0.0.9, request: \"GET / HTTP/1.1\"",
                        "UPSTREAM_ERROR"),
                line("INFO", "10.0.0.9 - - [11/Feb/2026:08:14:03 +0000] \"GET /api/courses?page=2 HTTP/1.1\" 504 167 \"-\" \"Mozilla/5.0\"", "UPSTREAM_ERROR", "API_CALL"),
                line("INFO", "10.0.0.9 - - [11/Feb/2026:08:14:03 +0000] \"GET /static/app.3f9a.js HTTP/1.1\" 200 48211 \"-\" \"Mozilla/5.0\""),
                line("WARN", "Server lms_backend/app2 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms. 1 active and 0 backup servers left.",
                        "UPSTREAM_ERROR", "CONNECTION_REFUSED"),
                line("ERROR", "backend lms_backend has no server available!", "UPSTREAM_ERROR"),
                line("WARN", "upstream connect error or disconnect/reset before headers. reset reason: connection failure", "UPSTREAM_ERROR"),
                line("WARN", "2026/02/11 08:14:09 [error] 2211#2211: *88140 recv() failed (104: Connection reset by peer) while reading response header from upstream",
                        "UPSTREAM_ERROR", "CONNECTION_RESET"),
                line("ERROR", "CircuitBreaker 'userService' is OPEN and does not permit further calls", "UPSTREAM_ERROR"),
                line("INFO", "CircuitBreaker 'userService' changed state from OPEN to HALF_OPEN"),
                line("ERROR", "org.springframework.web.client.HttpServerErrorException$ServiceUnavailable: 503 Service Unavailable: [no body]", "UPSTREAM_ERROR"),
                line("INFO", "Upstream check passed: 3 of 3 servers healthy, 0 errors, error_rate=0"),
                line("INFO", "Processed 503 messages in 2.1 s, no errors"),

                // ---------------------------------------------------------------- kernel, containers, storage
                line("ERROR", "Out of memory: Killed process 31877 (java) total-vm:8123444kB, anon-rss:6021332kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12456kB oom_score_adj:0",
                        "OUT_OF_MEMORY"),
                line("ERROR", "Memory cgroup out of memory: Killed process 4412 (node) total-vm:1845332kB, anon-rss:524288kB", "OUT_OF_MEMORY"),
                line("INFO", "Pod lms-backend-7d9f restarted: last state Terminated, reason OOMKilled, exit code 137", "OUT_OF_MEMORY"),
                line("WARN", "INFO: task jbd2/nvme0n1p1-8:312 blocked for more than 120 seconds.", "HUNG_TASK"),
                line("ERROR", "EXT4-fs error (device nvme0n1p2): ext4_journal_check_start:83: comm kworker/u16:2: Detected aborted journal"),
                line("ERROR", "EXT4-fs (nvme0n1p2): Remounting filesystem read-only"),
                line("INFO", "Disk check: disk space OK (78% free on /var)"),
                line("ERROR", "write /var/lib/prometheus/wal/00001233: no space left on device", "DISK_NO_SPACE"),
                line("WARN", "[o.e.c.r.a.DiskThresholdMonitor] flood stage disk watermark [95%] exceeded on [node-1][/var/lib/elasticsearch] free: 1.2gb[4.1%], all indices on this node will be marked read-only",
                        "DISK_NO_SPACE"),

                // ---------------------------------------------------------------- DNS servers
                line("INFO", "[INFO] 10.244.1.7:51522 - 6232 \"AAAA IN api.lms.svc.cluster.local.cluster.local. udp 64 false 512\" NXDOMAIN qr,aa,rd 157 0.000121s"),
                line("ERROR", "[ERROR] plugin/errors: 2 api.partner.example. A: read udp 10.244.0.3:48211->10.0.0.2:53: i/o timeout",
                        "DNS_FAILURE", "NETWORK_TIMEOUT"),

                // ---------------------------------------------------------------- API calls and quiet lines
                line("INFO", "[req=7f3a9c] GET /api/users/me -> 200 (382 ms)", "API_CALL"),
                line("INFO", "[req=7f3a9c] calling user-service /permissions (296 ms)", "API_CALL"),
                line("INFO", "method=GET path=/api/courses/enrolled?limit=20 status=200 duration_ms=455 request_id=0c9e", "API_CALL"),
                line("INFO", "{\"level\":\"info\",\"msg\":\"request completed\",\"method\":\"POST\",\"url\":\"/api/sessions\",\"status\":201,\"traceId\":\"a1b2c3\"}",
                        "API_CALL"),
                line("INFO", "Mapped GET /api/users/me onto UserController#me()"),
                line("INFO", "GET /actuator/health -> 200 (2 ms)"),
                line("INFO", "Nightly report: 0 errors, no errors in the last hour, error_rate=0"),
                line("INFO", "TLS certificate for lms.example.org renewed, valid until 2026-05-11"),
                line("INFO", "Royalty run 2026-11 started: 48213 statements to process (last month: 21877)"),
                line("INFO", "Cache hit ratio 0.503 after 403 requests"),
                line("WARN", "Disk usage 91% on /var, no space issues expected"),
                line("ERROR", "Error 403: Forbidden", "ACCESS_DENIED"),
                line("ERROR", "AxiosError: Request failed with status code 503", "UPSTREAM_ERROR"),
                line("ERROR", "dial tcp 10.0.3.3:6379: connect: connection refused", "CONNECTION_REFUSED"),
                line("ERROR", "[2026-02-11 08:14:03] production.ERROR: SQLSTATE[HY000] [2002] Connection refused (SQL: select * from users where id = 4)",
                        "DB_CONNECTION_ERROR"),
                line("ERROR", "io.netty.channel.ConnectTimeoutException: connection timed out: payments/10.0.5.5:443", "NETWORK_TIMEOUT"),
                line("WARN", "io.jsonwebtoken.security.SignatureException: JWT signature does not match locally computed signature.",
                        "AUTHENTICATION_FAILED"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("lines")
    void shouldGiveExactlyTheExpectedKinds(String level, String message, Set<String> expected) {
        assertThat(kinds(level, message)).as(message).isEqualTo(expected);
    }

    @Test
    void shouldCoverEveryKindInTheCorpus() {
        Set<String> seen = lines().flatMap(a -> ((Set<?>) a.get()[2]).stream()).map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(LogFinding.KINDS);
    }

    @Test
    void shouldNameTheKindsInTheOrderTheFactClassDeclaresThem() {
        assertThat(Arrays.stream(LogClassifier.Kind.values()).map(Enum::name).toList()).isEqualTo(LogFinding.KINDS);
    }

    @Test
    void shouldDescribeAnApiCallByMethodPathAndRequestId() {
        assertThat(detail("INFO", "[req=7f3a9c] GET /api/users/me -> 200 (382 ms)", "API_CALL")).isEqualTo("get /api/users/me|7f3a9c");
        assertThat(detail("INFO", "[req=7f3a9c] calling user-service /permissions (296 ms)", "API_CALL"))
                .isEqualTo("calling user-service /permissions|7f3a9c");
        assertThat(detail("INFO", "GET /api/users/me?expand=roles -> 200 (371 ms)", "API_CALL")).isEqualTo("get /api/users/me");
        assertThat(detail("INFO", "GET https://idp.example.org/userinfo -> 200 (812 ms) traceId=4bf92f3577b34da6", "API_CALL"))
                .isEqualTo("get /userinfo|4bf92f3577b34da6");
        assertThat(detail("INFO", "method=GET path=/api/courses/enrolled?limit=20 status=200 request_id: 0c9e", "API_CALL"))
                .isEqualTo("get /api/courses/enrolled|0c9e");
        assertThat(detail("INFO", "path=/api/Courses method=DELETE correlationId=Ab-12", "API_CALL")).isEqualTo("delete /api/courses|ab-12");
        assertThat(detail("WARN", "Access denied for user 48211 on POST /api/enrolments: missing authority ENROL_COURSE", "API_CALL"))
                .isEqualTo("post /api/enrolments");
        assertThat(detail("DEBUG", "session=s-88 get /api/users/me took 12 ms", "API_CALL")).isEqualTo("get /api/users/me|s-88");
    }

    @Test
    void shouldSayWhyADatabaseConnectionFailed() {
        assertThat(detail("FATAL", "FATAL:  the database system is starting up", "DB_CONNECTION_ERROR")).isEqualTo("server_down");
        assertThat(detail("ERROR", "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
                "DB_CONNECTION_ERROR")).isEqualTo("too_many_connections");
        assertThat(detail("ERROR", "Unknown database 'lms_prod'", "DB_CONNECTION_ERROR")).isEqualTo("unknown_database");
        assertThat(detail("ERROR", "Lost connection to MySQL server during query", "DB_CONNECTION_ERROR")).isEqualTo("connection_lost");
        assertThat(detail("ERROR", "Communications link failure", "DB_CONNECTION_ERROR")).isEqualTo("unreachable");
        assertThat(detail("ERROR", "Connection refused: jdbc:mariadb://lms-db:3306/lms", "DB_CONNECTION_ERROR")).isEqualTo("unreachable");
        assertThat(detail("ERROR", "org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection", "DB_CONNECTION_ERROR"))
                .isEqualTo("failed");
    }

    @Test
    void shouldSayWhatKindOfUpstreamFailureMemoryExhaustionAndTlsFailure() {
        assertThat(detail("ERROR", "upstream timed out (110: Connection timed out) while reading response header from upstream", "UPSTREAM_ERROR"))
                .isEqualTo("timeout");
        assertThat(detail("ERROR", "no live upstreams while connecting to upstream", "UPSTREAM_ERROR")).isEqualTo("unavailable");
        assertThat(detail("ERROR", "CircuitBreaker 'payments' changed state from CLOSED to OPEN", "UPSTREAM_ERROR")).isEqualTo("circuit_open");
        assertThat(detail("ERROR", "java.lang.OutOfMemoryError: GC overhead limit exceeded", "OUT_OF_MEMORY")).isEqualTo("jvm_heap");
        assertThat(detail("ERROR", "java.lang.OutOfMemoryError: Metaspace", "OUT_OF_MEMORY")).isEqualTo("jvm");
        assertThat(detail("ERROR", "Out of memory: Killed process 31877 (java)", "OUT_OF_MEMORY")).isEqualTo("kernel");
        assertThat(detail("ERROR", "Memory cgroup out of memory: Killed process 4412 (node)", "OUT_OF_MEMORY")).isEqualTo("container");
        assertThat(detail("ERROR", "x509: certificate has expired or is not yet valid", "TLS_ERROR")).isEqualTo("certificate_expired");
        assertThat(detail("ERROR", "x509: certificate signed by unknown authority", "TLS_ERROR")).isEmpty();
        assertThat(detail("ERROR", "ERROR:  canceling statement due to statement timeout", "SLOW_QUERY")).isEqualTo("timeout");
    }

    @Test
    void shouldCarryTheEventsIdentityAndShortenTheExcerpt() {
        String trace = "Enrolment failed for user 48211\n" + "\tat com.example.lms.Frame.call(Frame.java:1)\n".repeat(40)
                + "Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.";
        LogEvent event = new LogEvent(42, "learning", "enrolment-api", "ERROR", trace, "c.e.l.EnrolmentService", Instant.EPOCH, 7);

        List<LogFinding> findings = CLASSIFIER.classify(event);

        assertThat(findings).extracting(LogFinding::getKind).containsExactly("DB_POOL_TIMEOUT");
        LogFinding finding = findings.get(0);
        assertThat(finding.getLogId()).isEqualTo(42);
        assertThat(finding.getSystem()).isEqualTo("learning");
        assertThat(finding.getComponent()).isEqualTo("enrolment-api");
        assertThat(finding.getMinutesBeforeIncident()).isEqualTo(7);
        assertThat(finding.getExcerpt()).hasSizeLessThanOrEqualTo(LogClassifier.EXCERPT_LENGTH)
                .startsWith("Enrolment failed for user 48211").contains("Connection is not available").doesNotContain("\n");
        assertThat(excerpt("INFO", "Token introspection against https://idp.example.org/oauth2/introspect took 3870 ms"))
                .isEqualTo("Token introspection against https://idp.example.org/oauth2/introspect took 3870 ms");
        assertThat(excerpt("ERROR", "x".repeat(500) + " Read timed out")).hasSizeLessThanOrEqualTo(LogClassifier.EXCERPT_LENGTH)
                .startsWith("xxx").contains(" ... ").endsWith("Read timed out");
    }

    @Test
    void shouldFindTheTextEveryMatchOfAnExpressionContains() {
        assertThat(Phrases.requiredText("access denied for user ['\"`][^'\"`\\n]{0,80}['\"`]@")).isEqualTo("access denied for user ");
        assertThat(Phrases.requiredText("\\bslow(?<!\\bno slow) (?:quer(?:y|ies)|sql)\\b")).isEqualTo("slow");
        assertThat(Phrases.requiredText("statement cancell?ed due to timeout")).isEqualTo("ed due to timeout");
        assertThat(Phrases.requiredText("\\(using password: (?:yes|no)\\)")).isEqualTo("(using password: ");
        assertThat(Phrases.requiredText("ssl_do_handshake\\(\\) failed")).isEqualTo("ssl_do_handshake() failed");
        assertThat(Phrases.requiredText("\\b(?:get|post) /api")).isEqualTo(" /api");
        assertThat(Phrases.requiredText("a{2}bc|def")).isEmpty();
        assertThat(Phrases.requiredText("\\d+ ms")).isEqualTo(" ms");
    }

    @Test
    void shouldNeverPassOverALineThatOneOfThePatternsMatches() throws IllegalAccessException {
        List<String> texts = lines().map(a -> ((String) a.get()[1]).toLowerCase(java.util.Locale.ROOT)).toList();
        int checked = 0;
        for (java.lang.reflect.Field field : LogClassifier.class.getDeclaredFields()) {
            if (field.getType() != Phrases.class) {
                continue;
            }
            field.setAccessible(true);
            Phrases phrases = (Phrases) field.get(null);
            for (String text : texts) {
                if (phrases.pattern.matcher(text).find()) {
                    assertThat(phrases.mayMatch(text)).as("%s passes over: %s", field.getName(), text).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    @Test
    void shouldClassifyTenThousandLinesIncludingHostileOnesWithoutCatastrophicBacktracking() {
        List<String> messages = new ArrayList<>();
        lines().forEach(a -> messages.add((String) a.get()[1]));
        messages.add("a".repeat(200_000));
        messages.add("access denied for user '" + "x".repeat(20_000));
        messages.add("GET /" + "a/".repeat(20_000));
        messages.add("connection to " + "x".repeat(20_000) + " refused");
        messages.add("a.".repeat(20_000) + "Exception");
        messages.add("circuit breaker " + " is".repeat(10_000));
        messages.add("method=GET " + "path".repeat(10_000));
        messages.add("\n\tat ".repeat(10_000));
        messages.add("slow query ".repeat(5_000) + "duration: " + "9".repeat(5_000));
        messages.add("token ".repeat(10_000) + "introspect");
        messages.add("status ".repeat(10_000) + "503");
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String message = messages.get(i % messages.size());
            events.add(new LogEvent(i, "learning", "api", i % 2 == 0 ? "ERROR" : "INFO", message, null, Instant.EPOCH, 0));
        }

        int[] findings = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (LogEvent event : events) {
                findings[0] += CLASSIFIER.classify(event).size();
            }
        });
        assertThat(findings[0]).isPositive();
    }

    // ---------------------------------------------------------------- helpers

    private static Arguments line(String level, String message, String... kinds) {
        return Arguments.of(level, message, new TreeSet<>(List.of(kinds)));
    }

    private static Set<String> kinds(String level, String message) {
        return classify(level, message).stream().map(LogFinding::getKind).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String detail(String level, String message, String kind) {
        return classify(level, message).stream().filter(f -> f.getKind().equals(kind)).map(LogFinding::getDetail).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds(level, message) + " for: " + message));
    }

    private static String excerpt(String level, String message) {
        return classify(level, message).get(0).getExcerpt();
    }

    private static List<LogFinding> classify(String level, String message) {
        return CLASSIFIER.classify(new LogEvent(1, "learning", "api", level, message, null, Instant.EPOCH, 0));
    }
}
