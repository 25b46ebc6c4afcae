package com.saypro.triage.scaleout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.ingest.IngestSummary;
import com.saypro.triage.ingest.SignalSink;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.scaleout.SignalEnvelope.Kind;
import com.saypro.triage.support.Times;
import com.saypro.triage.web.UnavailableException;

/**
 * The ingestion node's side: one request's signals, grouped by system, each group one record
 * of the signal topic (several when large) keyed by the system's code, on the partition of that
 * code. The request
 * is answered once the brokers acknowledged every record (the producer asks for {@code acks=all}
 * and is idempotent), else 503. Its summary counts the signals as stored: they are in the
 * replicated log, and a worker will store each one or recognise it as a duplicate;
 * {@code duplicates} and {@code resolved} are 0 and {@code incidents} empty, since only the
 * worker knows them.
 */
class SignalPublisher implements SignalSink {

    static final URI BROKERS_UNAVAILABLE = URI.create("urn:saypro:triage:problem:brokers-unavailable");
    static final int MAX_RECORD_BYTES = 512 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SignalPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final Systems systems;
    private final String topic;
    private final Duration timeout;

    SignalPublisher(KafkaTemplate<String, String> kafka, Systems systems, String topic, Duration timeout) {
        this.kafka = kafka;
        this.systems = systems;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public IngestSummary alerts(List<AlertIn> alerts) {
        return publish(Kind.ALERT, alerts, AlertIn::system);
    }

    @Override
    public IngestSummary metrics(List<MetricIn> metrics) {
        return publish(Kind.METRIC, metrics, MetricIn::system);
    }

    @Override
    public IngestSummary logs(List<LogIn> logs) {
        return publish(Kind.LOG, logs, LogIn::system);
    }

    @Override
    public IngestSummary traces(List<TraceIn> traces) {
        return publish(Kind.TRACE, traces, TraceIn::system);
    }

    @Override
    public IngestSummary changes(List<ChangeIn> changes) {
        return publish(Kind.CHANGE, changes, ChangeIn::system);
    }

    private <T> IngestSummary publish(Kind kind, List<T> signals, Function<T, String> systemOf) {
        Instant receivedAt = Times.now();
        // The sender's names stay in the signals: the worker resolves them for good when it stores them.
        Map<String, String> codes = new HashMap<>();
        Map<String, List<T>> bySystem = new LinkedHashMap<>();
        for (T signal : signals) {
            String code = codes.computeIfAbsent(systemOf.apply(signal), systems::codeOf);
            bySystem.computeIfAbsent(code, c -> new ArrayList<>()).add(signal);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int partitions = kafka.partitionsFor(topic).size();
            List<CompletableFuture<?>> sent = new ArrayList<>(bySystem.size());
            bySystem.forEach((code, ofSystem) -> envelopes(kind, receivedAt, ofSystem).forEach(envelope -> sent.add(
                    kafka.send(new ProducerRecord<>(topic, SystemPartitions.of(code, partitions), code, envelope)))));
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
        return new IngestSummary(signals.size(), signals.size(), 0, 0, List.of());
    }

    /**
     * A system's signals as one envelope, or, when that would be larger than
     * {@link #MAX_RECORD_BYTES}, as several in their order (one partition keeps it): the brokers
     * take records of up to 1 MB by default, a body up to 10 MB.
     */
    static List<String> envelopes(Kind kind, Instant receivedAt, List<?> signals) {
        String json = SignalEnvelope.of(kind, receivedAt, signals).toJson();
        if (signals.size() == 1 || json.getBytes(StandardCharsets.UTF_8).length <= MAX_RECORD_BYTES) {
            return List.of(json);
        }
        int half = signals.size() / 2;
        List<String> parts = new ArrayList<>(envelopes(kind, receivedAt, signals.subList(0, half)));
        parts.addAll(envelopes(kind, receivedAt, signals.subList(half, signals.size())));
        return parts;
    }

    private UnavailableException unavailable(Throwable cause) {
        log.warn("The Kafka brokers did not acknowledge signals within {}: {}", timeout, cause.toString());
        return new UnavailableException(BROKERS_UNAVAILABLE, "Signal log unavailable",
                "The Kafka brokers did not acknowledge the signals within " + timeout.toMillis()
                        + " ms; this request is not stored. Try again.", 5, cause);
    }
}
