package com.saypro.triage.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.support.KafkaMode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Group commit for alerts. Requests hand their parsed alerts to one writer thread and wait;
 * the writer stores what queued up meanwhile (up to {@code triage.ingest.group-commit.max-alerts})
 * in one transaction and answers each request after that commit, with its own counts. Under
 * load a few hundred requests share a commit and the work on each system's incident, instead
 * of each paying for its own; an idle system's single request is stored at once.
 * <p>
 * A group whose transaction fails for a reason other than a race is stored again request by
 * request, so one request's bad data fails that request only. Requests sharing a fingerprint
 * never share a group: each sees the other's alert as stored.
 */
@Component
@Conditional(KafkaMode.Off.class)
public class AlertWriter {

    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);

    private final IngestService ingest;
    private final boolean enabled;
    private final int maxAlerts;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final DistributionSummary groupSizes;
    private volatile boolean closing;

    public AlertWriter(IngestService ingest, MeterRegistry meters,
            @Value("${triage.ingest.group-commit.enabled:true}") boolean enabled,
            @Value("${triage.ingest.group-commit.max-alerts:5000}") int maxAlerts) {
        this.ingest = ingest;
        this.enabled = enabled;
        this.maxAlerts = maxAlerts;
        this.groupSizes = DistributionSummary.builder("triage.ingest.group.requests")
                .description("Requests stored together in one transaction").register(meters);
        this.writer = new Thread(this::run, "alert-writer");
        this.writer.setDaemon(true);
        if (enabled) {
            this.writer.start();
        }
    }

    private record Pending(List<AlertIn> alerts, Set<String> fingerprints, CompletableFuture<IngestSummary> done) {
    }

    /** Stores the alerts of one request; returns after they are committed. */
    public IngestSummary store(List<AlertIn> alerts) {
        if (!enabled || closing) {
            return IngestService.withRetry(() -> ingest.storeAlerts(alerts));
        }
        Set<String> fingerprints = new HashSet<>();
        alerts.forEach(a -> fingerprints.add(a.fingerprint()));
        Pending pending = new Pending(alerts, fingerprints, new CompletableFuture<>());
        queue.add(pending);
        try {
            while (true) {
                try {
                    return pending.done().get(1, TimeUnit.SECONDS);
                } catch (TimeoutException slow) {
                    if (!writer.isAlive() && queue.remove(pending)) {
                        // Queued as the writer stopped: stored here instead.
                        return IngestService.withRetry(() -> ingest.storeAlerts(alerts));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the alerts were being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        Deque<Pending> held = new ArrayDeque<>();
        while (!(closing && queue.isEmpty() && held.isEmpty())) {
            try {
                List<Pending> group = nextGroup(held);
                if (!group.isEmpty()) {
                    write(group);
                }
            } catch (InterruptedException e) {
                if (!closing) {
                    log.warn("The alert writer was interrupted; it goes on");
                }
            } catch (Throwable unexpected) {
                log.error("The alert writer failed; it goes on", unexpected);
            }
        }
    }

    /**
     * The requests to store together: those held back last time first, then the queue's, up
     * to the size limit; a request sharing a fingerprint with the group waits for the next one.
     */
    private List<Pending> nextGroup(Deque<Pending> held) throws InterruptedException {
        if (held.isEmpty()) {
            Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            held.add(first);
        }
        queue.drainTo(held);
        List<Pending> group = new ArrayList<>();
        Set<String> fingerprints = new HashSet<>();
        int alerts = 0;
        for (var it = held.iterator(); it.hasNext();) {
            Pending next = it.next();
            if (!group.isEmpty() && alerts + next.alerts().size() > maxAlerts) {
                break;
            }
            if (next.fingerprints().stream().anyMatch(fingerprints::contains)) {
                continue;
            }
            it.remove();
            group.add(next);
            fingerprints.addAll(next.fingerprints());
            alerts += next.alerts().size();
        }
        return group;
    }

    /** Stores these requests' alerts as one group, as the writer would: each request's outcome. */
    List<CompletableFuture<IngestSummary>> storeGroup(List<List<AlertIn>> requests) {
        List<Pending> group = requests.stream()
                .map(alerts -> new Pending(alerts, Set.of(), new CompletableFuture<IngestSummary>())).toList();
        write(group);
        return group.stream().map(Pending::done).toList();
    }

    private void write(List<Pending> group) {
        groupSizes.record(group.size());
        try {
            List<IngestSummary> summaries = storeTogether(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(summaries.get(i));
            }
        } catch (RuntimeException failed) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(failed);
                return;
            }
            // One request's data may be what failed: each on its own now.
            for (Pending pending : group) {
                try {
                    pending.done().complete(IngestService.withRetry(() -> ingest.storeAlerts(pending.alerts())));
                } catch (RuntimeException alone) {
                    pending.done().completeExceptionally(alone);
                }
            }
        }
    }

    private List<IngestSummary> storeTogether(List<Pending> group) {
        List<List<AlertIn>> batches = group.stream().map(Pending::alerts).toList();
        return IngestService.withRetry(() -> ingest.storeAlertBatches(batches));
    }

    /** Stores what is queued, then stops; later requests are stored on their own thread. */
    @PreDestroy
    void close() throws InterruptedException {
        closing = true;
        if (writer.isAlive()) {
            writer.join(TimeUnit.SECONDS.toMillis(15));
        }
    }
}
