package com.saypro.triage.support;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether Triage runs scaled out over Kafka: only when {@code triage.kafka.bootstrap-servers}
 * ({@code TRIAGE_KAFKA_BOOTSTRAP_SERVERS}) names brokers. Without it nothing of Kafka is
 * created: no client, no connection, no listener. Beans of one mode only are marked
 * {@code @Conditional(KafkaMode.On.class)} or {@code @Conditional(KafkaMode.Off.class)}.
 */
public final class KafkaMode {

    public static final String BOOTSTRAP_SERVERS = "triage.kafka.bootstrap-servers";

    private KafkaMode() {
    }

    public static boolean on(Environment environment) {
        return StringUtils.hasText(environment.getProperty(BOOTSTRAP_SERVERS));
    }

    /** Scaled out: signals go through Kafka. */
    public static final class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return on(context.getEnvironment());
        }
    }

    /** One node (the default): signals are stored by the node that receives them. */
    public static final class Off implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !on(context.getEnvironment());
        }
    }
}
