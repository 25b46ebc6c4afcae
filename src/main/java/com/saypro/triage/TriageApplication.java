package com.saypro.triage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.saypro.triage.workbench.RulesCommand;

import ch.qos.logback.classic.Level;

// Kafka is configured by scaleout/ScaleOutConfiguration alone, and only when asked for: with
// Spring Boot's own Kafka beans a node that never uses Kafka would still hold idle clients.
@SpringBootApplication(exclude = { KafkaAutoConfiguration.class, KafkaMetricsAutoConfiguration.class })
@EnableScheduling
public class TriageApplication {

    public static void main(String[] args) {
        if (RulesCommand.handles(args)) {
            // A command for a shell or CI: no server, no database, only its own output.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.OFF);
            System.exit(RulesCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(TriageApplication.class, args);
    }
}
