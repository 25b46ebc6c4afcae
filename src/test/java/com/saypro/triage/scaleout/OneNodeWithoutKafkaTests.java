package com.saypro.triage.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.saypro.triage.ingest.AlertWriter;
import com.saypro.triage.ingest.SignalSink;
import com.saypro.triage.support.IntegrationTestSupport;
import com.saypro.triage.support.TriageIntegrationTest;

/** Without triage.kafka.bootstrap-servers nothing of Kafka exists: one node stores what it receives, as before. */
@TriageIntegrationTest
class OneNodeWithoutKafkaTests extends IntegrationTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void shouldHoldNoKafkaClientAndStoreSignalsOnTheNodeThatReceivesThem() {
        assertThat(context.getBeanNamesForType(KafkaAdmin.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ProducerFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(MessageListenerContainer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OwnedDiagnoses.class)).isEmpty();
        assertThat(context.getBean(SignalSink.class).getClass().getSimpleName()).isEqualTo("StoreSignals");
        assertThat(context.getBeanNamesForType(AlertWriter.class)).hasSize(1);
        assertThat(context.containsBean("diagnosisRefresher")).isTrue();
    }
}
