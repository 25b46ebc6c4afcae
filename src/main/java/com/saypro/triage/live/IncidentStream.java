package com.saypro.triage.live;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.timeline.IncidentChanged;

/**
 * Pushes incident changes to the open {@code GET /api/v1/stream} connections. A change is
 * only noted when its transaction commits (on the thread that made it, which never waits for
 * a browser); a single thread of its own sends what was noted at most every
 * {@code triage.stream.flush-interval} (500 ms), one {@code incident} event per changed
 * incident however many changes it had meanwhile, so thousands of alerts a second stay a few
 * events a second per browser. That thread never writes to a connection: it queues each
 * client's events, and a writer thread per busy client writes them, so a client that stops
 * reading (its connection's buffers full, the write blocked) holds up nobody else; once it has
 * {@code triage.stream.max-queued} (1000) events waiting it is dropped and its stream ended (a
 * browser that comes back reconnects). A comment every {@code triage.stream.heartbeat} (15 s)
 * keeps proxies from closing a quiet connection and finds the clients that went away. At most
 * {@code triage.stream.max-clients} streams are open at once. On shutdown every stream is
 * completed before the web server waits for requests in flight.
 */
@Component
class IncidentStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IncidentStream.class);

    /** The event's data: the incident's id, what changed (comma-separated kinds), its status and system. */
    record Change(long id, String kind, String status, String system, String severity) {
    }

    /**
     * An open stream; {@code incident} null for every incident. Its events wait in {@code queue}
     * for the one writer that {@code writing} says is at work on it.
     */
    private static final class Client {

        final SseEmitter emitter;
        final Long incident;
        final BlockingQueue<SseEmitter.SseEventBuilder> queue;
        final AtomicBoolean writing = new AtomicBoolean();
        volatile boolean gone;

        Client(SseEmitter emitter, Long incident, int maxQueued) {
            this.emitter = emitter;
            this.incident = incident;
            this.queue = new ArrayBlockingQueue<>(maxQueued);
        }
    }

    private final IncidentRepository incidents;
    private final int maxClients;
    private final Duration flushInterval;
    private final Duration heartbeat;
    private final Duration streamTimeout;
    private final int maxQueued;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<Long, Set<String>> pending = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService sender;
    private volatile ExecutorService writers;

    IncidentStream(IncidentRepository incidents, @Value("${triage.stream.max-clients:200}") int maxClients,
            @Value("${triage.stream.flush-interval:500ms}") Duration flushInterval,
            @Value("${triage.stream.heartbeat:15s}") Duration heartbeat,
            @Value("${triage.stream.timeout:30m}") Duration streamTimeout,
            @Value("${triage.stream.max-queued:1000}") int maxQueued) {
        this.incidents = incidents;
        this.maxClients = maxClients;
        this.flushInterval = flushInterval;
        this.heartbeat = heartbeat;
        this.streamTimeout = streamTimeout;
        this.maxQueued = maxQueued;
    }

    /** Notes the change once its transaction committed (at once when there was none). */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(IncidentChanged change) {
        if (!clients.isEmpty()) {
            pending.computeIfAbsent(change.incidentId(), id -> ConcurrentHashMap.newKeySet()).add(change.kind());
        }
    }

    /**
     * Opens a stream of every incident's changes, or of one incident's; null when the limit
     * of open streams is reached or Triage is stopping.
     */
    SseEmitter open(Long incident) {
        // Browsers reconnect by themselves when a stream ends; the timeout frees what a lost client held.
        return open(incident, new SseEmitter(streamTimeout.toMillis()));
    }

    /** {@link #open(Long)} with the emitter given. */
    SseEmitter open(Long incident, SseEmitter emitter) {
        if (sender == null || clients.size() >= maxClients) {
            return null;
        }
        Client client = new Client(emitter, incident, maxQueued);
        emitter.onCompletion(() -> forget(client));
        emitter.onTimeout(() -> {
            forget(client);
            emitter.complete();
        });
        emitter.onError(e -> forget(client));
        clients.add(client);
        try {
            // Sent at once, so the response is committed and the client knows the stream is open.
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        } catch (IOException | IllegalStateException e) {
            forget(client);
        }
        return emitter;
    }

    int openStreams() {
        return clients.size();
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, String> kinds = new LinkedHashMap<>();
        for (Long id : List.copyOf(pending.keySet())) {
            Set<String> noted = pending.remove(id);
            if (noted != null) {
                kinds.put(id, String.join(",", new TreeSet<>(noted)));
            }
        }
        List<IncidentSummary> changed;
        try {
            changed = incidents.findAll(kinds.keySet());
        } catch (RuntimeException e) {
            log.debug("Could not read the changed incidents; their changes are not pushed", e);
            return;
        }
        for (IncidentSummary incident : changed) {
            Change change = new Change(incident.id(), kinds.get(incident.id()), incident.status(), incident.system(),
                    incident.severity());
            for (Client client : clients) {
                if (client.incident == null || client.incident == incident.id()) {
                    push(client, SseEmitter.event().name("incident").id(String.valueOf(incident.id()))
                            .data(change, MediaType.APPLICATION_JSON));
                }
            }
        }
    }

    private void beat() {
        for (Client client : clients) {
            push(client, SseEmitter.event().comment("heartbeat"));
        }
    }

    /** Queues the event for the client and sets a writer to work on it unless one is. */
    private void push(Client client, SseEmitter.SseEventBuilder event) {
        if (client.gone) {
            return;
        }
        if (!client.queue.offer(event)) {
            log.info("An incident stream stopped reading ({} events waiting); it is closed", maxQueued);
            forget(client);
            // Ended by a writer: completing waits for a write of this client that may be blocked.
            write(() -> end(client));
            return;
        }
        if (client.writing.compareAndSet(false, true)) {
            write(() -> drain(client));
        }
    }

    private void write(Runnable task) {
        ExecutorService executor = writers;
        if (executor == null) {
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException stopping) {
            // Triage is stopping; stop() ends every stream.
        }
    }

    /** Writes the client's queued events until none is left (on a writer thread). */
    private void drain(Client client) {
        do {
            for (SseEmitter.SseEventBuilder event; !client.gone && (event = client.queue.poll()) != null;) {
                send(client, event);
            }
            client.writing.set(false);
        } while (!client.gone && !client.queue.isEmpty() && client.writing.compareAndSet(false, true));
    }

    private void forget(Client client) {
        client.gone = true;
        clients.remove(client);
        client.queue.clear();
    }

    private static void end(Client client) {
        try {
            client.emitter.complete();
        } catch (RuntimeException ended) {
            log.debug("The stream had already ended: {}", ended.getMessage());
        }
    }

    private void send(Client client, SseEmitter.SseEventBuilder event) {
        try {
            client.emitter.send(event);
        } catch (IOException | RuntimeException e) {
            // The client went away: forget it. The container ends the request itself after a failed
            // write, and once it has, it refuses to let this thread end it too (IllegalStateException).
            forget(client);
            try {
                client.emitter.completeWithError(e);
            } catch (RuntimeException ended) {
                log.debug("The stream had already ended: {}", ended.getMessage());
            }
        }
    }

    @Override
    public void start() {
        writers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "incident-stream-writer");
            thread.setDaemon(true);
            return thread;
        });
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "incident-stream");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(guarded(this::flush), flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(guarded(this::beat), heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        sender = executor;
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Pushing incident changes failed; trying again at the next pass", e);
            }
        };
    }

    /**
     * Completes every stream (on the writers: at once, unless a write to it is blocked), so that a
     * graceful shutdown does not wait for them.
     */
    @Override
    public void stop() {
        ScheduledExecutorService executor = sender;
        sender = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        for (Client client : clients) {
            forget(client);
            write(() -> end(client));
        }
        ExecutorService writing = writers;
        writers = null;
        if (writing != null) {
            // The streams are ended by the writers (a blocked write blocks only its own); no new work.
            writing.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return sender != null;
    }

    /** Stopped before the web server's graceful shutdown (which has a lower phase). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
