package com.saypro.triage.diagnosis;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.DatabaseUnavailable;
import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentChanged;

/**
 * Makes every diagnosis that reads and the background ask for, on threads of its own
 * ({@code triage.diagnosis.workers}, 1 by default), so that no request runs the rules.
 * <ul>
 * <li>A reader's request goes ahead of background work and is not delayed. Requests for one
 * incident share a computation: one under way serves a reader who saw no newer facts than it
 * started from; a reader who did gets one more computation after it.</li>
 * <li>Background work is debounced per incident: an incident whose signals were stored here
 * ({@link IncidentChanged}, kind {@code signals}, after the commit) or that the periodic pass
 * ({@link DiagnosisRefresher}) found stale is diagnosed once it has been quiet for
 * {@code triage.diagnosis.debounce} (250 ms), and no later than
 * {@code triage.diagnosis.max-delay} (2 s) after it became stale: an incident taking alerts
 * all the time is diagnosed about every 2 s, not once per alert.</li>
 * <li>Nodes sharing the database diagnose an incident one at a time. A node claims the
 * incident (compare and set on {@code incident.diagnosis_claimed_by} and
 * {@code diagnosis_claimed_until}, a lease of {@code triage.diagnosis.lease}, 60 s) and frees
 * it afterwards; a node that finds it claimed leaves it to the other, and its readers wait
 * for the other's stored result. No transaction or row lock is held while the rules run, so
 * ingestion never waits for a diagnosis.</li>
 * </ul>
 * It stops after the web server has finished the requests in flight: it takes no more work,
 * lets the diagnoses under way finish, and frees the claims of those that do not finish in
 * time.
 */
@Component
public class DiagnosisWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisWorker.class);
    /** How often a reader looks for the result of a diagnosis another node is making. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);
    private static final String OPEN = "('OPEN', 'ACKNOWLEDGED')";
    private static final Set<String> WORKABLE = Set.of("OPEN", "ACKNOWLEDGED");

    /** How a request for an incident's diagnosis ended; a failure completes it exceptionally. */
    enum Outcome {
        /** Diagnosed: by this request, or found diagnosed with the incident's current facts and rules. */
        DONE,
        /** Another node holds the incident's claim and is diagnosing it. */
        CLAIMED_ELSEWHERE,
        /** No such incident (any more), or a resolved one the background leaves as it is. */
        SKIPPED,
        /** This node is stopping. */
        STOPPED
    }

    /** Computes an incident's diagnosis from its current facts and stores it ({@link DiagnosisService#recompute}). */
    @FunctionalInterface
    interface Computation {
        void diagnose(long incidentId);
    }

    /**
     * {@code nodeId}: this node's name in the claims; {@code followSignals}: background work
     * follows the signals stored here; {@code stopWait}: how long stopping waits for the
     * diagnoses under way.
     */
    record Settings(String nodeId, int threads, Duration debounce, Duration maxDelay, Duration lease,
            boolean followSignals, Duration stopWait) {

        Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("triage.diagnosis.workers must be at least 1 (was " + threads + ")");
            }
            if (nodeId == null || nodeId.isBlank() || nodeId.length() > 100) {
                throw new IllegalArgumentException("triage.node-id must be 1 to 100 characters (was '" + nodeId + "')");
            }
        }
    }

    /** Ids still not diagnosed after a wait, the first failure met, and whether anything was asked for. */
    record Waited(boolean asked, Set<Long> notCurrent, RuntimeException failure) {
    }

    /** One incident's work: the readers waiting, the background's timing, the computation under way. */
    private static final class Job {

        final long incidentId;
        /** Order of the first waiting reader's request; 0: no reader waits. */
        long readSequence;
        /** The newest facts revision a waiting reader saw. */
        int seenRevision;
        /** Background work: when the incident became stale and last changed (nanoTime). */
        boolean background;
        long staleSince;
        long changedAt;
        long notBefore;
        /** Completed by the next computation. */
        CompletableFuture<Outcome> next = new CompletableFuture<>();
        /** The computation under way, or null; the facts revision it sees at least; its rule base. */
        CompletableFuture<Outcome> current;
        int currentRevision;
        String currentVersion;

        Job(long incidentId) {
            this.incidentId = incidentId;
        }
    }

    /** Work for a worker's thread that is no incident's diagnosis, and what it gives. */
    private record Task(Runnable work, CompletableFuture<?> result) {
    }

    /** An incident's diagnosis state as stored. */
    private record Row(long id, boolean open, int factsRevision, Integer diagnosedRevision, String diagnosedVersion) {

        /**
         * Diagnosed with facts of {@code revision} or newer and the rules {@code version}; a
         * resolved incident keeps the diagnosis it has.
         */
        boolean diagnosedSince(int revision, String version) {
            return diagnosedRevision != null
                    && (!open || diagnosedRevision >= revision && version.equals(diagnosedVersion));
        }

        boolean current(String version) {
            return diagnosedSince(factsRevision, version);
        }
    }

    private final JdbcClient jdbc;
    private final RuleBase ruleBase;
    private final Computation computation;
    private final Settings settings;

    private final Object lock = new Object();
    private final Map<Long, Job> jobs = new HashMap<>();
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;
    private int running;
    private boolean stopping;
    private List<Thread> threads;
    private volatile boolean databaseAway;

    @Autowired
    DiagnosisWorker(JdbcClient jdbc, RuleBase ruleBase, DiagnosisService diagnoses,
            @Value("${triage.node-id:}") String nodeId,
            @Value("${triage.diagnosis.workers:1}") int threads,
            @Value("${triage.diagnosis.debounce:250ms}") Duration debounce,
            @Value("${triage.diagnosis.max-delay:2s}") Duration maxDelay,
            @Value("${triage.diagnosis.lease:60s}") Duration lease,
            // In the Kafka mode the workers' passes over the systems they own follow the signals instead.
            @Value("${triage.diagnosis.follow-signals:#{'${triage.kafka.bootstrap-servers:}'.isBlank()}}")
            boolean followSignals,
            @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration shutdownPhase) {
        this(jdbc, ruleBase, diagnoses::recompute, new Settings(nodeId.isBlank() ? defaultNodeId() : nodeId.trim(),
                threads, debounce, maxDelay, lease, followSignals, shutdownPhase.multipliedBy(3).dividedBy(4)));
    }

    DiagnosisWorker(JdbcClient jdbc, RuleBase ruleBase, Computation computation, Settings settings) {
        this.jdbc = jdbc;
        this.ruleBase = ruleBase;
        this.computation = computation;
        this.settings = settings;
    }

    /** The host's name, the process id and a random part: unique among the nodes of one database. */
    static String defaultNodeId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "node";
            }
        }
        host = host.length() > 60 ? host.substring(0, 60) : host;
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
    }

    /** True on a worker's thread (a diagnosis made for a reader or the background). */
    static boolean onWorkerThread() {
        return ON_WORKER.get();
    }

    // Requests

    /**
     * A reader needs the incident diagnosed with facts of {@code seenRevision} or newer: done
     * before background work. The future completes when a computation that started after the
     * reader looked has ended (or found the incident current, or claimed elsewhere).
     */
    CompletableFuture<Outcome> request(long incidentId, int seenRevision) {
        synchronized (lock) {
            if (stopping) {
                return CompletableFuture.completedFuture(Outcome.STOPPED);
            }
            Job job = jobs.computeIfAbsent(incidentId, Job::new);
            if (job.current != null && job.currentRevision >= seenRevision
                    && job.currentVersion.equals(ruleBase.current().version())) {
                return job.current.copy();
            }
            if (job.readSequence == 0) {
                job.readSequence = ++sequence;
            }
            job.seenRevision = Math.max(job.seenRevision, seenRevision);
            lock.notifyAll();
            return job.next.copy();
        }
    }

    /** Signals were stored for the incident here: it is diagnosed in the background once they are quiet. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(IncidentChanged change) {
        if (settings.followSignals() && IncidentChanged.SIGNALS.equals(change.kind())) {
            background(change.incidentId(), true);
        }
    }

    /**
     * Hands open incidents that are not diagnosed with their current facts and rules (at most
     * {@code max}) to the background: what other nodes stored, a new rule base, an edited
     * knowledge base. While the database is unavailable it says so once and finds nothing.
     */
    public int queueStale(int max) {
        List<Long> stale;
        try {
            stale = jdbc.sql("SELECT id FROM incident WHERE status IN " + OPEN + " AND (diagnosed_revision IS NULL"
                    + " OR diagnosed_revision <> facts_revision OR diagnosed_version IS NULL OR diagnosed_version <> ?)"
                    + " ORDER BY id LIMIT " + max).param(ruleBase.current().version()).query(Long.class).list();
            databaseBack();
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            databaseAway(e);
            return 0;
        }
        stale.forEach(id -> background(id, false));
        return stale.size();
    }

    /** Background work for the incident: {@code changed} when its facts changed just now. */
    void background(long incidentId, boolean changed) {
        synchronized (lock) {
            if (stopping) {
                return;
            }
            Job job = jobs.computeIfAbsent(incidentId, Job::new);
            long now = System.nanoTime();
            if (!job.background) {
                job.background = true;
                job.staleSince = now;
                job.changedAt = now;
            } else if (changed) {
                job.changedAt = now;
            }
            lock.notifyAll();
        }
    }

    /** Runs {@code work} on a worker's thread, ahead of the background: a diagnosis stored nowhere. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (lock) {
            if (stopping) {
                result.completeExceptionally(new IllegalStateException("Triage is stopping"));
                return result;
            }
            tasks.add(new Task(() -> {
                if (!result.isDone()) {
                    try {
                        result.complete(work.get());
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            }, result));
            lock.notifyAll();
        }
        return result;
    }

    /**
     * Asks for each of these incidents that is not diagnosed with its current facts and rules,
     * and waits until each is diagnosed with the facts it had when asked for (or is no longer
     * there), at most {@code wait} (zero: asks and returns). An incident another node is
     * diagnosing is looked at again every 200 ms until its result is stored. Returns those
     * still not diagnosed.
     */
    Waited awaitCurrent(Collection<Long> incidentIds, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String version = ruleBase.current().version();
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        rows(incidentIds).stream().filter(row -> !row.current(version))
                .forEach(row -> wanted.put(row.id(), row.factsRevision()));
        boolean asked = !wanted.isEmpty();
        RuntimeException failure = null;
        while (!wanted.isEmpty()) {
            Map<Long, CompletableFuture<Outcome>> requests = new LinkedHashMap<>();
            wanted.forEach((id, revision) -> requests.put(id, request(id, revision)));
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                CompletableFuture.allOf(requests.values().toArray(CompletableFuture[]::new))
                        .get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                // each request's outcome is looked at below
            }
            boolean elsewhere = false;
            for (Map.Entry<Long, CompletableFuture<Outcome>> request : requests.entrySet()) {
                Outcome outcome;
                try {
                    outcome = request.getValue().join();
                } catch (RuntimeException e) {
                    failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r : e;
                    wanted.remove(request.getKey());
                    continue;
                }
                if (outcome == Outcome.STOPPED) {
                    return new Waited(asked, wanted.keySet(), failure);
                }
                elsewhere |= outcome == Outcome.CLAIMED_ELSEWHERE;
            }
            if (elsewhere && !pause(Math.min(POLL.toNanos(), deadline - System.nanoTime()))) {
                break;
            }
            Map<Long, Integer> before = Map.copyOf(wanted);
            String rules = ruleBase.current().version();
            wanted.clear();
            rows(before.keySet()).stream().filter(row -> !row.diagnosedSince(before.get(row.id()), rules))
                    .forEach(row -> wanted.put(row.id(), before.get(row.id())));
        }
        return new Waited(asked, wanted.keySet(), failure);
    }

    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Row> rows(Collection<Long> incidentIds) {
        if (incidentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, status, facts_revision, diagnosed_revision, diagnosed_version FROM incident"
                + " WHERE id IN (:ids)").param("ids", incidentIds).query((rs, n) -> {
                    int diagnosed = rs.getInt("diagnosed_revision");
                    Integer diagnosedRevision = rs.wasNull() ? null : diagnosed;
                    return new Row(rs.getLong("id"), WORKABLE.contains(rs.getString("status")),
                            rs.getInt("facts_revision"), diagnosedRevision, rs.getString("diagnosed_version"));
                }).list();
    }

    /** Waits until nothing is asked for or under way, at most {@code wait}; false when something still is. */
    public boolean awaitIdle(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (!jobs.isEmpty() || !tasks.isEmpty() || running > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    // The workers

    private void work() {
        ON_WORKER.set(true);
        Runnable next;
        while ((next = take()) != null) {
            next.run();
        }
    }

    /** The next piece of work, waiting for it: tasks, then readers' incidents, then due background work. */
    private Runnable take() {
        synchronized (lock) {
            while (!stopping) {
                if (!tasks.isEmpty()) {
                    Task task = tasks.remove(0);
                    running++;
                    return () -> {
                        try {
                            task.work().run();
                        } finally {
                            finished(null);
                        }
                    };
                }
                Job read = null;
                Job background = null;
                long backgroundDue = 0;
                for (Job job : jobs.values()) {
                    if (job.current != null) {
                        continue;
                    }
                    if (job.readSequence > 0) {
                        if (read == null || job.readSequence < read.readSequence) {
                            read = job;
                        }
                    } else if (job.background) {
                        long due = due(job);
                        if (background == null || due - backgroundDue < 0) {
                            background = job;
                            backgroundDue = due;
                        }
                    }
                }
                long now = System.nanoTime();
                if (read != null || background != null && backgroundDue - now <= 0) {
                    return start(read != null ? read : background);
                }
                long waitMillis = background == null ? 0
                        : Math.max(1, TimeUnit.NANOSECONDS.toMillis(backgroundDue - now));
                try {
                    lock.wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }
    }

    /** When background work for the job is due: quiet for the debounce, or stale for the maximum delay. */
    private long due(Job job) {
        long quiet = job.changedAt + settings.debounce().toNanos();
        long latest = job.staleSince + settings.maxDelay().toNanos();
        long due = quiet - latest < 0 ? quiet : latest;
        return job.notBefore != 0 && job.notBefore - due > 0 ? job.notBefore : due;
    }

    private Runnable start(Job job) {
        boolean forReader = job.readSequence > 0;
        job.current = job.next;
        job.next = new CompletableFuture<>();
        job.currentRevision = job.seenRevision;
        job.currentVersion = ruleBase.current().version();
        job.readSequence = 0;
        job.seenRevision = 0;
        job.background = false;
        job.notBefore = 0;
        running++;
        return () -> run(job, forReader);
    }

    private void run(Job job, boolean forReader) {
        Outcome outcome = null;
        RuntimeException failure = null;
        try {
            outcome = diagnose(job.incidentId, forReader, revision -> {
                synchronized (lock) {
                    job.currentRevision = Math.max(job.currentRevision, revision);
                }
            });
            databaseBack();
        } catch (RuntimeException e) {
            failure = e;
            if (DatabaseUnavailable.isCause(e)) {
                databaseAway(e);
            } else {
                log.error("Could not diagnose incident {}", job.incidentId, e);
            }
        }
        CompletableFuture<Outcome> done;
        synchronized (lock) {
            done = job.current;
            job.current = null;
            if (outcome == Outcome.CLAIMED_ELSEWHERE && !forReader) {
                // The other node may have read the facts before those that asked for this: look again later.
                long now = System.nanoTime();
                job.background = true;
                job.staleSince = now;
                job.changedAt = now;
                job.notBefore = now + settings.maxDelay().toNanos();
            }
            finished(job);
        }
        if (failure != null) {
            done.completeExceptionally(failure);
        } else {
            done.complete(outcome);
        }
    }

    /** A piece of work ended; the job is forgotten when nothing more is asked of it. */
    private void finished(Job job) {
        synchronized (lock) {
            running--;
            if (job != null && job.readSequence == 0 && !job.background) {
                jobs.remove(job.incidentId);
            }
            lock.notifyAll();
        }
    }

    /**
     * Diagnoses the incident unless it is current, claimed by another node, gone, or (in the
     * background) resolved. {@code factsRevision} hears the facts revision found under the claim.
     */
    private Outcome diagnose(long incidentId, boolean forReader, IntConsumer factsRevision) {
        String version = ruleBase.current().version();
        Row row = row(incidentId);
        if (row == null || !forReader && !row.open()) {
            return Outcome.SKIPPED;
        }
        if (row.current(version)) {
            return Outcome.DONE;
        }
        if (!claim(incidentId)) {
            return Outcome.CLAIMED_ELSEWHERE;
        }
        try {
            // Another node may have stored it between the look above and the claim.
            row = row(incidentId);
            if (row == null) {
                return Outcome.SKIPPED;
            }
            if (row.current(version)) {
                return Outcome.DONE;
            }
            factsRevision.accept(row.factsRevision());
            computation.diagnose(incidentId);
            return Outcome.DONE;
        } finally {
            release(incidentId);
        }
    }

    private Row row(long incidentId) {
        List<Row> rows = rows(List.of(incidentId));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Claims the incident for this node: free, its lease over, or already this node's. */
    private boolean claim(long incidentId) {
        java.time.Instant now = Times.now();
        return jdbc.sql("UPDATE incident SET diagnosis_claimed_by = :node, diagnosis_claimed_until = :until"
                + " WHERE id = :id AND (diagnosis_claimed_until IS NULL OR diagnosis_claimed_until < :now"
                + " OR diagnosis_claimed_by = :node)").param("node", settings.nodeId())
                .param("until", Times.toDb(now.plus(settings.lease()))).param("now", Times.toDb(now))
                .param("id", incidentId).update() == 1;
    }

    private void release(long incidentId) {
        jdbc.sql("UPDATE incident SET diagnosis_claimed_by = NULL, diagnosis_claimed_until = NULL"
                + " WHERE id = :id AND diagnosis_claimed_by = :node").param("id", incidentId)
                .param("node", settings.nodeId()).update();
    }

    private void databaseAway(RuntimeException e) {
        if (!databaseAway) {
            databaseAway = true;
            log.warn("The database is unavailable; diagnoses are made once it is back ({})", e.getMessage());
        }
    }

    private void databaseBack() {
        if (databaseAway) {
            databaseAway = false;
            log.info("The database is reachable again; diagnoses are made as before");
        }
    }

    // Lifecycle

    @Override
    public void start() {
        List<Thread> started = new ArrayList<>();
        synchronized (lock) {
            if (threads != null) {
                return;
            }
            stopping = false;
            for (int i = 1; i <= settings.threads(); i++) {
                Thread thread = new Thread(this::work, "diagnosis-" + i);
                thread.setDaemon(true);
                started.add(thread);
            }
            threads = started;
        }
        started.forEach(Thread::start);
        log.info("Diagnoses are made on {} thread(s) as node {}", started.size(), settings.nodeId());
    }

    /**
     * Takes no more work and tells the readers still waiting; the diagnoses under way may
     * finish within {@code stopWait}, after which their claims are freed (their results are
     * still stored if they end while the database is there).
     */
    @Override
    public void stop(Runnable callback) {
        List<Thread> stopped;
        List<CompletableFuture<Outcome>> waiting = new ArrayList<>();
        List<Task> dropped;
        synchronized (lock) {
            stopping = true;
            stopped = threads;
            threads = null;
            for (Job job : jobs.values()) {
                waiting.add(job.next);
                job.readSequence = 0;
                job.background = false;
            }
            jobs.values().removeIf(job -> job.current == null);
            dropped = List.copyOf(tasks);
            tasks.clear();
            lock.notifyAll();
        }
        waiting.forEach(future -> future.complete(Outcome.STOPPED));
        dropped.forEach(task -> task.result().completeExceptionally(new IllegalStateException("Triage is stopping")));
        if (stopped == null) {
            callback.run();
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + settings.stopWait().toNanos();
                for (Thread thread : stopped) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
                abandonUnfinished();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                callback.run();
            }
        }, "diagnosis-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void abandonUnfinished() {
        List<Long> unfinished;
        synchronized (lock) {
            unfinished = jobs.values().stream().filter(job -> job.current != null).map(job -> job.incidentId).toList();
        }
        if (unfinished.isEmpty()) {
            return;
        }
        log.warn("Stopping with the diagnoses of incidents {} under way; their claims are freed", unfinished);
        for (long id : unfinished) {
            try {
                release(id);
            } catch (RuntimeException e) {
                log.warn("Could not free the claim on incident {}; it lapses after {}", id, settings.lease());
            }
        }
    }

    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return threads != null;
        }
    }

    /** Stopped once the web server has finished the requests in flight (which may wait for a diagnosis). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;
    }
}
