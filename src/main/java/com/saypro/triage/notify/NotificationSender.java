package com.saypro.triage.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.support.Times;
import com.saypro.triage.timeline.IncidentChanged;

/**
 * Runs the notifications on a thread of its own, never on a request's: every
 * {@code triage.notify.interval} (5 s), and soon after an incident change commits, it lets the
 * {@link IncidentWatch} queue what is new, claims the due notifications and sends them.
 * At most {@code max-per-minute} (default {@code triage.notify.max-per-minute}, 10) go to a
 * target in any minute (counted on this node); when more are due, the last one allowed is a
 * summary of all the rest. A failed send is tried again after {@code triage.notify.backoff}
 * (30 s), doubling up to {@code triage.notify.max-backoff} (1 h), at most
 * {@code triage.notify.max-attempts} (12) times.
 */
@Component
class NotificationSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final IncidentWatch watch;
    private final Outbox outbox;
    private final NotificationTargets targets;
    private final Deliveries deliveries;
    private final boolean enabled;
    private final Duration interval;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final int maxPerMinute;
    private final Map<Long, Deque<Instant>> sentRecently = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean wakeUp = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    NotificationSender(IncidentWatch watch, Outbox outbox, NotificationTargets targets, Deliveries deliveries,
            @Value("${triage.notify.enabled:true}") boolean enabled,
            @Value("${triage.notify.interval:5s}") Duration interval,
            @Value("${triage.notify.backoff:30s}") Duration backoff,
            @Value("${triage.notify.max-backoff:1h}") Duration maxBackoff,
            @Value("${triage.notify.max-attempts:12}") int maxAttempts,
            @Value("${triage.notify.max-per-minute:10}") int maxPerMinute) {
        this.watch = watch;
        this.outbox = outbox;
        this.targets = targets;
        this.deliveries = deliveries;
        this.enabled = enabled;
        this.interval = interval;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.maxPerMinute = maxPerMinute;
    }

    /** An incident changed and committed: look soon (on the sender's thread; this one returns at once). */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(IncidentChanged change) {
        ScheduledExecutorService running = executor;
        if (running != null && wakeUp.compareAndSet(false, true)) {
            running.schedule(() -> {
                wakeUp.set(false);
                pass();
            }, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** One pass: queue what is new, then send what is due. */
    synchronized void pass() {
        try {
            watch.scan(Times.now());
            send(Times.now());
        } catch (RuntimeException e) {
            log.warn("A notification pass failed; trying again at the next one", e);
        }
    }

    void send(Instant now) {
        List<Outbox.Item> due = outbox.claimDue(now, Duration.ofMinutes(2), 500);
        Map<Long, List<Outbox.Item>> byTarget = new LinkedHashMap<>();
        due.forEach(item -> byTarget.computeIfAbsent(item.targetId(), t -> new ArrayList<>()).add(item));
        byTarget.forEach((targetId, items) -> {
            Optional<NotificationTarget> target = targets.find(targetId);
            if (target.isEmpty()) {
                return; // removed meanwhile, its rows with it
            }
            sendTo(target.get(), items, now);
        });
    }

    private void sendTo(NotificationTarget target, List<Outbox.Item> items, Instant now) {
        int max = target.maxPerMinute() == null ? maxPerMinute : target.maxPerMinute();
        Deque<Instant> recent = sentRecently.computeIfAbsent(target.id(), t -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
            recent.pollFirst();
        }
        int budget = max - recent.size();
        if (budget <= 0) {
            outbox.release(items);
            return;
        }
        int single = items.size() <= budget ? items.size() : budget - 1;
        for (Outbox.Item item : items.subList(0, single)) {
            deliver(target, List.of(item), new NotificationMessages.Message(item.subject(), item.body()), false, now,
                    recent);
        }
        List<Outbox.Item> rest = items.subList(single, items.size());
        if (!rest.isEmpty()) {
            deliver(target, rest, NotificationMessages.summary(rest, max), true, now, recent);
        }
    }

    private void deliver(NotificationTarget target, List<Outbox.Item> items, NotificationMessages.Message message,
            boolean coalesced, Instant now, Deque<Instant> recent) {
        recent.addLast(now);
        try {
            deliveries.send(target, message);
            outbox.sent(items, coalesced, Times.now());
            targets.succeeded(target.id(), Times.now());
        } catch (Deliveries.DeliveryFailed e) {
            log.info("Notification to {} failed: {}", target.name(), e.getMessage());
            outbox.failed(items, e.getMessage(), Times.now(), backoff, maxBackoff, maxAttempts);
            targets.failed(target.id(), e.getMessage(), Times.now());
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "notifications");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
