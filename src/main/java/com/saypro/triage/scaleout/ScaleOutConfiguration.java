package com.saypro.triage.scaleout;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

import com.saypro.triage.diagnosis.DiagnosisService;
import com.saypro.triage.ingest.IngestService;
import com.saypro.triage.ingest.SignalSink;
import com.saypro.triage.knowledge.Systems;
import com.saypro.triage.rules.RuleBase;
import com.saypro.triage.support.KafkaMode;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scale-out over Kafka (ADR 0006), present only when {@code triage.kafka.bootstrap-servers} is
 * set: the signal topic (created when absent), on ingestion nodes the publisher that the
 * ingestion endpoints hand their signals to, on workers the consumer group that stores and
 * diagnoses them. The clients take Spring Boot's {@code spring.kafka.*} settings (TLS, SASL...)
 * with this configuration's on top; Spring Boot's own Kafka beans are not used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(KafkaMode.On.class)
@EnableConfigurationProperties({ ScaleOutProperties.class, KafkaProperties.class })
class ScaleOutConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScaleOutConfiguration.class);

    @Bean
    KafkaAdmin kafkaAdmin(ScaleOutProperties settings, KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildAdminProperties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        KafkaAdmin admin = new KafkaAdmin(config);
        int timeout = (int) Math.max(1, settings.publishTimeout().toSeconds());
        admin.setOperationTimeout(timeout);
        admin.setCloseTimeout(timeout);
        return admin;
    }

    /** Created at start when absent; partitions only ever added (see ADR 0006 on what that moves). */
    @Bean
    NewTopic signalTopic(ScaleOutProperties settings) {
        TopicBuilder topic = TopicBuilder.name(settings.topic()).partitions(settings.partitions());
        if (settings.replicationFactor() != null) {
            topic.replicas(settings.replicationFactor());
        }
        return topic.build();
    }

    private final ScaleOutProperties settings;
    private final DiagnosisService diagnoses;

    ScaleOutConfiguration(ScaleOutProperties settings, DiagnosisService diagnoses) {
        this.settings = settings;
        this.diagnoses = diagnoses;
    }

    /** Each start marks the open incidents for a new diagnosis, as on one node; the owners of their systems do it. */
    @EventListener(ApplicationReadyEvent.class)
    void diagnoseOpenIncidentsAgain() {
        int marked = diagnoses.markOpenIncidentsStale();
        log.info("Scaled out over Kafka ({}) as {}, topic {}; {} open incidents will be diagnosed again by the workers"
                + " that own their systems", settings.bootstrapServers(),
                settings.role().name().toLowerCase(java.util.Locale.ROOT), settings.topic(), marked);
    }

    /** Nodes that take signals over HTTP: {@code triage.kafka.role} ingest or both. */
    @Configuration(proxyBeanMethods = false)
    @Conditional({ KafkaMode.On.class, IngestRole.class })
    static class Ingestion {

        @Bean
        DefaultKafkaProducerFactory<String, String> signalProducerFactory(ScaleOutProperties settings,
                KafkaProperties kafka, MeterRegistry meters) {
            Map<String, Object> config = kafka.buildProducerProperties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            // Acknowledged by every in-sync replica, written once even when the producer retries.
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            // The producer gives up within the time a request waits, so a 503 is never followed by a late write.
            int timeout = (int) settings.publishTimeout().toMillis();
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, timeout / 2));
            DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(config);
            factory.addListener(new MicrometerProducerListener<>(meters));
            return factory;
        }

        @Bean
        KafkaTemplate<String, String> signalTemplate(DefaultKafkaProducerFactory<String, String> factory) {
            return new KafkaTemplate<>(factory);
        }

        @Bean
        SignalSink signalPublisher(KafkaTemplate<String, String> template, Systems systems,
                ScaleOutProperties settings) {
            return new SignalPublisher(template, systems, settings.topic(), settings.publishTimeout());
        }
    }

    /** Worker nodes only: signals sent to them over HTTP are refused with 503. */
    @Configuration(proxyBeanMethods = false)
    @Conditional({ KafkaMode.On.class, WorkerOnlyRole.class })
    static class NoIngestion {

        @Bean
        SignalSink noIngestionHere() {
            return new NoIngestionHere();
        }
    }

    /** Nodes that store and diagnose: {@code triage.kafka.role} worker or both. */
    @Configuration(proxyBeanMethods = false)
    @Conditional({ KafkaMode.On.class, WorkerRole.class })
    static class Workers {

        @Bean
        OwnedDiagnoses ownedDiagnoses(JdbcClient jdbc, RuleBase ruleBase, DiagnosisService diagnoses) {
            return new OwnedDiagnoses(jdbc, ruleBase, diagnoses);
        }

        @Bean
        SignalWorker signalWorker(IngestService ingest, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                OwnedDiagnoses diagnoses, ScaleOutProperties settings, KafkaAdmin admin, MeterRegistry meters) {
            return new SignalWorker(ingest, new SignalOffsets(jdbc), new TransactionTemplate(transactions), diagnoses,
                    settings.topic(), topicId(admin, settings.topic()), meters);
        }

        @Bean
        ConcurrentMessageListenerContainer<String, String> signalWorkers(SignalWorker worker,
                ScaleOutProperties settings, KafkaProperties kafka, MeterRegistry meters) {
            Map<String, Object> config = kafka.buildConsumerProperties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // The topic is made with its partitions at start, never by the brokers' defaults on first use.
            config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            // A rebalance moves only the partitions that must move: the others keep their owner.
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            DefaultKafkaConsumerFactory<String, String> factory = new DefaultKafkaConsumerFactory<>(config);
            factory.addListener(new MicrometerConsumerListener<>(meters));

            ContainerProperties container = new ContainerProperties(settings.topic());
            // Offsets go to Kafka after the listener returned, that is after the database commit.
            container.setAckMode(ContainerProperties.AckMode.BATCH);
            container.setMessageListener(worker);
            container.setConsumerRebalanceListener(worker);
            ConcurrentMessageListenerContainer<String, String> workers =
                    new ConcurrentMessageListenerContainer<>(factory, container);
            workers.setConcurrency(settings.consumers());
            workers.setBeanName("signal-workers");
            // A batch that failed is tried again until it is stored: nothing acknowledged is skipped.
            ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
            backOff.setMaxInterval(30_000);
            workers.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            return workers;
        }

        /** The signal topic's id, asked once: offsets are kept per topic id (a topic made again starts anew). */
        private static Supplier<String> topicId(KafkaAdmin admin, String topic) {
            return new Supplier<>() {
                private volatile String id;

                @Override
                public String get() {
                    if (id == null) {
                        id = admin.describeTopics(topic).get(topic).topicId().toString();
                    }
                    return id;
                }
            };
        }
    }

    // Component scanning finds the nested configurations on their own: each repeats KafkaMode.On.
    private static ScaleOutProperties.Role role(ConditionContext context) {
        String role = context.getEnvironment().getProperty("triage.kafka.role", "both");
        return ScaleOutProperties.Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT));
    }

    static final class IngestRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return role(context).ingests();
        }
    }

    static final class WorkerRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return role(context).works();
        }
    }

    static final class WorkerOnlyRole implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !role(context).ingests();
        }
    }
}
