package com.saypro.triage.monitoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.ingest.IngestService;

/**
 * Probes the registered URLs. A ticker thread looks every second for probes that are due and
 * starts them asynchronously ({@link Prober}, two threads of its own); a probe still waiting
 * for its answer is not started again, so a slow target never has more than one probe in
 * flight. Results are stored as metric samples through ingestion, on a third thread, and so
 * reach the threshold stream like any other sample.
 */
@Component
class ProbeScheduler {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

    private final Probes probes;
    private final IngestService ingest;
    private final boolean enabled;
    private final Duration tick;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("probe-ticker"));
    private final java.util.concurrent.ExecutorService recorder = Executors.newSingleThreadExecutor(named("probe-record"));
    private final Prober prober = new Prober(Executors.newFixedThreadPool(2, named("probe-http")));
    private final Map<Long, Long> nextDue = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> inFlight = new ConcurrentHashMap<>();
    private final Map<Long, ProbeResult> latest = new ConcurrentHashMap<>();
    private volatile List<Probe> registered = List.of();
    private volatile boolean reload = true;

    ProbeScheduler(Probes probes, IngestService ingest,
            @Value("${triage.monitoring.probes.enabled:true}") boolean enabled,
            @Value("${triage.monitoring.probes.tick:1s}") Duration tick) {
        this.probes = probes;
        this.ingest = ingest;
        this.enabled = enabled;
        this.tick = tick;
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (enabled) {
            ticker.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void probesChanged(Probes.ProbesChanged event) {
        reload = true;
    }

    private void tick() {
        try {
            if (reload) {
                reload = false;
                registered = probes.all();
                nextDue.keySet().retainAll(registered.stream().map(Probe::id).toList());
            }
            long now = System.currentTimeMillis();
            for (Probe probe : registered) {
                if (nextDue.getOrDefault(probe.id(), 0L) <= now && inFlight.putIfAbsent(probe.id(), true) == null) {
                    nextDue.put(probe.id(), now + probe.intervalSeconds() * 1000L);
                    run(probe);
                }
            }
        } catch (RuntimeException e) {
            reload = true;
            log.warn("Probes could not be read: {}", e.getMessage());
        }
    }

    /** Probes once now; the future completes once the samples are stored (or could not be). */
    java.util.concurrent.CompletableFuture<ProbeResult> run(Probe probe) {
        inFlight.put(probe.id(), true);
        java.util.concurrent.CompletableFuture<ProbeResult> sent;
        try {
            sent = prober.probe(probe);
        } catch (RuntimeException e) {
            inFlight.remove(probe.id());
            throw e;
        }
        return sent.thenApplyAsync(result -> {
            inFlight.remove(probe.id());
            latest.put(probe.id(), result);
            try {
                ingest.storeMetrics(Prober.samples(probe, result));
            } catch (RuntimeException e) {
                log.warn("The result of probe {} could not be stored: {}", probe.name(), e.getMessage());
            }
            return result;
        }, recorder);
    }

    /** The latest result of each probe since this node started. */
    Map<Long, ProbeResult> latest() {
        return Map.copyOf(latest);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        prober.close();
        recorder.shutdown();
        recorder.awaitTermination(5, TimeUnit.SECONDS);
    }
}
