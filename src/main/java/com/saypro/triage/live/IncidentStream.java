package com.saypro.triage.live;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * events a second per browser. A comment every {@code triage.stream.heartbeat} (15 s) keeps
 * proxies from closing a quiet connection and finds the clients that went away. At most
 * {@code triage.stream.max-clients} streams are open at once. On shutdown every stream is
 * completed before the web server waits for requests in flight.
 */
@Component
class IncidentStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IncidentStream.class);

    /** The event's data: the incident's id, what changed (comma-separated kinds), its status and system. */
    record Change(long id, String kind, String status, String system, String severity) {
    }

    /** An open stream; {@code incident} null for every incident. */
    private record Client(SseEmitter emitter, Long incident) {
    }

    private final IncidentRepository incidents;
    private final int maxClients;
    private final Duration flushInterval;
    private final Duration heartbeat;
    private final Duration streamTimeout;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<Long, Set<String>> pending = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService sender;

    IncidentStream(IncidentRepository incidents, @Value("${triage.stream.max-clients:200}") int maxClients,
            @Value("${triage.stream.flush-interval:500ms}") Duration flushInterval,
            @Value("${triage.stream.heartbeat:15s}") Duration heartbeat,
            @Value("${triage.stream.timeout:30m}") Duration streamTimeout) {
        this.incidents = incidents;
        this.maxClients = maxClients;
        this.flushInterval = flushInterval;
        this.heartbeat = heartbeat;
        this.streamTimeout = streamTimeout;
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
        if (sender == null || clients.size() >= maxClients) {
            return null;
        }
        // Browsers reconnect by themselves when a stream ends; the timeout frees what a lost client held.
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        Client client = new Client(emitter, incident);
        emitter.onCompletion(() -> clients.remove(client));
        emitter.onTimeout(() -> {
            clients.remove(client);
            emitter.complete();
        });
        emitter.onError(e -> clients.remove(client));
        clients.add(client);
        try {
            // Sent at once, so the response is committed and the client knows the stream is open.
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        } catch (IOException | IllegalStateException e) {
            clients.remove(client);
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
                if (client.incident() == null || client.incident() == incident.id()) {
                    send(client, SseEmitter.event().name("incident").id(String.valueOf(incident.id()))
                            .data(change, MediaType.APPLICATION_JSON));
                }
            }
        }
    }

    private void beat() {
        for (Client client : clients) {
            send(client, SseEmitter.event().comment("heartbeat"));
        }
    }

    private void send(Client client, SseEmitter.SseEventBuilder event) {
        try {
            client.emitter().send(event);
        } catch (IOException | RuntimeException e) {
            // The client went away: forget it. The container ends the request itself after a failed
            // write, and once it has, it refuses to let this thread end it too
            // (IllegalStateException): that must not end the pass, or the other clients miss the
            // changes it had taken from pending.
            clients.remove(client);
            try {
                client.emitter().completeWithError(e);
            } catch (RuntimeException ended) {
                log.debug("The stream had already ended: {}", ended.getMessage());
            }
        }
    }

    @Override
    public void start() {
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

    /** Completes every stream, so that a graceful shutdown does not wait for them. */
    @Override
    public void stop() {
        ScheduledExecutorService executor = sender;
        sender = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        for (Client client : clients) {
            clients.remove(client);
            client.emitter().complete();
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
