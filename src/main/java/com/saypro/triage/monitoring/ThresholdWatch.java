package com.saypro.triage.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.saypro.triage.ingest.IngestService;
import com.saypro.triage.ingest.MetricsStored;
import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.monitoring.stream.Crossings.Crossing;
import com.saypro.triage.monitoring.stream.ThresholdStream;
import com.saypro.triage.rules.CompiledRuleBase;
import com.saypro.triage.rules.RuleFiles;
import com.saypro.triage.support.Times;

/**
 * This node's threshold stream: applies kb-seed/thresholds.yaml at start, compiles
 * rules/thresholds/ into a stream session, and feeds it every metric sample once its
 * ingestion has committed. The session runs on a thread of its own behind a bounded queue:
 * ingestion never waits for it and is never broken by it (when the queue is full, samples
 * are left out of the stream, counted and logged). Crossed thresholds are stored as alerts
 * from that same thread.
 */
@Component
public class ThresholdWatch implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ThresholdWatch.class);
    private static final int QUEUE = 10_000;

    private final Thresholds thresholds;
    private final IngestService ingest;
    private final boolean enabled;
    private final String rulesDir;
    private final String seedDir;
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread thread = new Thread(r, "threshold-stream");
                thread.setDaemon(true);
                return thread;
            }, (task, executor) -> {
                if (dropped.getAndIncrement() % 1000 == 0) {
                    log.warn("The threshold stream is behind; samples are left out of it ({} batches so far)",
                            dropped.get());
                }
            });
    private volatile ThresholdStream stream;
    private volatile String rulesOrigin = "";

    ThresholdWatch(Thresholds thresholds, IngestService ingest,
            @Value("${triage.monitoring.thresholds.enabled:true}") boolean enabled,
            @Value("${triage.rules-dir:}") String rulesDir, @Value("${triage.kb-seed-dir:}") String seedDir) {
        this.thresholds = thresholds;
        this.ingest = ingest;
        this.enabled = enabled;
        this.rulesDir = rulesDir;
        this.seedDir = seedDir;
    }

    @Override
    public void afterSingletonsInstantiated() {
        thresholds.seed(ThresholdsSeed.read(directory(seedDir, "kb-seed")));
        Path rules = directory(rulesDir, "rules");
        CompiledRuleBase compiled = rules == null
                ? ThresholdStream.compile("classpath:rules", RuleFiles.streamFromClasspath())
                : ThresholdStream.compile(rules.toAbsolutePath().normalize().toString(),
                        RuleFiles.streamFromDirectory(rules));
        rulesOrigin = compiled.origin();
        ThresholdStream started = new ThresholdStream(compiled.kieBase(), () -> Times.now().toEpochMilli());
        started.useThresholds(thresholds.all());
        stream = started;
        log.info("Threshold stream {}: {} rules from {}, {} thresholds", enabled ? "on" : "off (samples not fed)",
                compiled.ruleCount(), compiled.origin(), thresholds.all().size());
    }

    /** The folder configured, else ./name when it exists, else null (the copy in the jar). */
    private static Path directory(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path local = Path.of(name);
        return Files.isDirectory(local) ? local : null;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void metricsStored(MetricsStored event) {
        if (enabled && stream != null) {
            worker.execute(() -> feed(event.metrics()));
        }
    }

    @EventListener
    void thresholdsChanged(Thresholds.ThresholdsChanged event) {
        if (stream != null) {
            worker.execute(() -> stream.useThresholds(thresholds.all()));
        }
    }

    private void feed(List<MetricIn> metrics) {
        try {
            List<Crossing> crossings = stream.accept(metrics);
            if (!crossings.isEmpty()) {
                store(ThresholdAlerts.of(crossings));
            }
        } catch (RuntimeException e) {
            log.error("The threshold stream could not take {} samples: {}", metrics.size(), e.toString());
        }
    }

    private void store(List<AlertIn> alerts) {
        IngestService.withRetry(() -> ingest.storeAlerts(alerts));
    }

    /** What the stream holds now, for the thresholds page. */
    public record Status(boolean enabled, String rules, long samples, long facts, long dropped, int queued) {
    }

    public Status status() {
        ThresholdStream s = stream;
        return new Status(enabled, rulesOrigin, s == null ? 0 : s.samplesSeen(), s == null ? 0 : s.factCount(),
                dropped.get(), worker.getQueue().size());
    }

    /** Waits until the samples handed over so far have been through the stream (for tests). */
    public void awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while ((worker.getActiveCount() > 0 || !worker.getQueue().isEmpty()) && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        if (stream != null) {
            stream.close();
        }
    }
}
