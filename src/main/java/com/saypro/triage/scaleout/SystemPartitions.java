package com.saypro.triage.scaleout;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the signal topic carries a system's signals: its code's murmur2 hash
 * modulo the partitions, as Kafka's own partitioner places a keyed record. The ingestion node
 * sends each record to that partition explicitly and the workers compute the same to know
 * which systems' incidents are theirs to diagnose.
 */
final class SystemPartitions {

    private SystemPartitions() {
    }

    static int of(String systemCode, int partitions) {
        return Utils.toPositive(Utils.murmur2(systemCode.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
