package com.saypro.triage.scaleout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code triage.kafka.*}: the scale-out settings (ADR 0006). Client settings beyond these
 * (TLS, SASL, compression, timeouts) are Spring Boot's {@code spring.kafka.*}; these win
 * where both speak.
 *
 * @param bootstrapServers the brokers; blank: one node, no Kafka at all
 * @param role what this node does: {@code ingest} (takes signals over HTTP and publishes them),
 *        {@code worker} (stores and diagnoses what it consumes) or {@code both}
 * @param topic the signal topic, created at start when absent
 * @param partitions its partitions when created: the most workers that can share the work
 * @param replicationFactor its replicas when created; absent: the brokers' default
 * @param group the workers' consumer group
 * @param publishTimeout how long a request waits for the brokers' acknowledgement before 503
 * @param consumers consumer threads per worker node
 * @param maxPollRecords records a worker stores in one transaction at most
 */
@ConfigurationProperties("triage.kafka")
record ScaleOutProperties(String bootstrapServers, @DefaultValue("both") Role role,
        @DefaultValue("triage.signals") String topic, @DefaultValue("12") int partitions, Short replicationFactor,
        @DefaultValue("triage-workers") String group, @DefaultValue("8s") Duration publishTimeout,
        @DefaultValue("1") int consumers, @DefaultValue("500") int maxPollRecords) {

    enum Role {
        INGEST, WORKER, BOTH;

        boolean ingests() {
            return this != WORKER;
        }

        boolean works() {
            return this != INGEST;
        }
    }
}
