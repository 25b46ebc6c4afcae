package com.saypro.triage.scaleout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.transaction.support.TransactionTemplate;

import com.saypro.triage.ingest.Incoming.AlertIn;
import com.saypro.triage.ingest.Incoming.ChangeIn;
import com.saypro.triage.ingest.Incoming.LogIn;
import com.saypro.triage.ingest.Incoming.MetricIn;
import com.saypro.triage.ingest.Incoming.TraceIn;
import com.saypro.triage.ingest.IngestService;
import com.saypro.triage.scaleout.SignalEnvelope.Kind;
import com.saypro.triage.support.Times;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's side: each poll's records are stored in one transaction, by kind through
 * {@link IngestService} as if they had come in over HTTP on this node (alerts in groups that
 * share no fingerprint, in their order), together with the partitions' new offsets
 * ({@link SignalOffsets}); the container commits the offsets to Kafka after that. Records
 * stored before (a redelivery after a crash or a rebalance) are skipped, so each acknowledged
 * signal is stored once. A failure stores nothing and the batch is tried again, with a growing
 * pause, until it goes in. The partitions it owns are the systems whose incidents this worker
 * diagnoses ({@link OwnedDiagnoses}).
 */
class SignalWorker implements BatchConsumerAwareMessageListener<String, String>, ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(SignalWorker.class);

    private final IngestService ingest;
    private final SignalOffsets offsets;
    private final TransactionTemplate transactions;
    private final OwnedDiagnoses diagnoses;
    private final String topic;
    private final Supplier<String> topicId;
    private final Timer delay;
    private final Timer batches;

    SignalWorker(IngestService ingest, SignalOffsets offsets, TransactionTemplate transactions,
            OwnedDiagnoses diagnoses, String topic, Supplier<String> topicId, MeterRegistry meters) {
        this.ingest = ingest;
        this.offsets = offsets;
        this.transactions = transactions;
        this.diagnoses = diagnoses;
        this.topic = topic;
        this.topicId = topicId;
        this.delay = Timer.builder("triage.kafka.signal.delay")
                .description("From the ingestion node reading a request to a worker committing its signals")
                .register(meters);
        this.batches = Timer.builder("triage.kafka.batch.stored")
                .description("A worker storing one poll's records, in its transaction").register(meters);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records, Consumer<?, ?> consumer) {
        try {
            store(records);
        } catch (RuntimeException e) {
            log.error("Could not store {} records of {} (partitions {}); the batch is tried again", records.size(),
                    topic, partitionsOf(records), e);
            throw e;
        }
    }

    /** What one transaction stored: how many signals, and when each of their requests was read. */
    private record Stored(int signals, List<Instant> receivedAt) {
    }

    /** Stores what of these records is not stored yet; returns how many signals that was. */
    int store(List<ConsumerRecord<String, String>> records) {
        String id = topicId.get();
        Stored stored = batches.record(
                () -> IngestService.withRetry(() -> transactions.execute(status -> storeOnce(records, id))));
        Instant now = Times.now();
        stored.receivedAt().forEach(at -> delay.record(Duration.between(at, now)));
        return stored.signals();
    }

    private Stored storeOnce(List<ConsumerRecord<String, String>> records, String id) {
        Map<Integer, Long> next = offsets.lock(topic, id, partitionsOf(records));
        Map<Integer, Long> advanced = new TreeMap<>();
        Map<Kind, List<SignalEnvelope>> byKind = new EnumMap<>(Kind.class);
        for (ConsumerRecord<String, String> record : records) {
            if (record.offset() < next.get(record.partition())) {
                continue;
            }
            SignalEnvelope envelope = SignalEnvelope.fromJson(record.value());
            byKind.computeIfAbsent(envelope.kind(), k -> new ArrayList<>()).add(envelope);
            advanced.merge(record.partition(), record.offset() + 1, Math::max);
        }
        int signals = 0;
        for (List<List<AlertIn>> group : fingerprintDisjoint(all(byKind, Kind.ALERT, AlertIn.class))) {
            ingest.storeAlertBatches(group);
            signals += group.stream().mapToInt(List::size).sum();
        }
        signals += store(byKind, Kind.METRIC, MetricIn.class, ingest::storeMetrics);
        signals += store(byKind, Kind.LOG, LogIn.class, ingest::storeLogs);
        signals += store(byKind, Kind.TRACE, TraceIn.class, ingest::storeTraces);
        signals += store(byKind, Kind.CHANGE, ChangeIn.class, ingest::storeChanges);
        offsets.advance(topic, id, advanced);
        return new Stored(signals, byKind.values().stream().flatMap(List::stream).map(SignalEnvelope::receivedAt)
                .toList());
    }

    /** Each envelope's signals of that kind, one list per envelope, in their order. */
    private static <T> List<List<T>> all(Map<Kind, List<SignalEnvelope>> byKind, Kind kind, Class<T> type) {
        return byKind.getOrDefault(kind, List.of()).stream().map(e -> e.signalsAs(type)).toList();
    }

    private static <T> int store(Map<Kind, List<SignalEnvelope>> byKind, Kind kind, Class<T> type,
            Function<List<T>, ?> storeAll) {
        List<T> signals = all(byKind, kind, type).stream().flatMap(List::stream).toList();
        if (!signals.isEmpty()) {
            storeAll.apply(signals);
        }
        return signals.size();
    }

    /**
     * The requests' alerts cut into runs, in order, where no two requests of a run share a
     * fingerprint: what {@link IngestService#storeAlertBatches} takes in one call.
     */
    static List<List<List<AlertIn>>> fingerprintDisjoint(List<List<AlertIn>> requests) {
        List<List<List<AlertIn>>> runs = new ArrayList<>();
        List<List<AlertIn>> run = new ArrayList<>();
        Set<String> fingerprints = new HashSet<>();
        for (List<AlertIn> request : requests) {
            if (request.stream().anyMatch(a -> fingerprints.contains(a.fingerprint()))) {
                runs.add(run);
                run = new ArrayList<>();
                fingerprints.clear();
            }
            run.add(request);
            request.forEach(a -> fingerprints.add(a.fingerprint()));
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static Set<Integer> partitionsOf(List<ConsumerRecord<String, String>> records) {
        Set<Integer> partitions = new TreeSet<>();
        records.forEach(r -> partitions.add(r.partition()));
        return partitions;
    }

    /** Newly owned partitions start where the database says they were stored up to. */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        log.info("This worker now owns partitions {} of {}", numbers(partitions), topic);
        diagnoses.took(numbers(partitions), consumer.partitionsFor(topic).size());
        try {
            Map<Integer, Long> stored = offsets.read(topic, topicId.get(), numbers(partitions));
            for (TopicPartition partition : partitions) {
                long next = stored.get(partition.partition());
                if (next > 0) {
                    consumer.seek(partition, next);
                }
            }
        } catch (RuntimeException e) {
            // Not needed for correctness: records stored before are skipped when they come again.
            log.warn("Could not read the stored offsets of partitions {}; starting from Kafka's ({})",
                    numbers(partitions), e.toString());
        }
    }

    /** After the batch under way was stored and its offsets committed, before another worker gets them. */
    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            diagnoses.gaveUp(numbers(partitions));
            log.info("This worker gave up partitions {} of {}", numbers(partitions), topic);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        diagnoses.gaveUp(numbers(partitions));
        log.warn("This worker lost partitions {} of {} (cut off from the group)", numbers(partitions), topic);
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new TreeSet<>();
        partitions.forEach(p -> numbers.add(p.partition()));
        return numbers;
    }
}
