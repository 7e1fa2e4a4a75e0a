package org.skillpath.kit.outbox;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
public class OutboxRelayConfiguration {

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, @Qualifier("outboxKafkaTemplate") KafkaTemplate<String, byte[]> kafka,
                            OutboxProperties properties, Clock clock, MeterRegistry meters,
                            org.springframework.beans.factory.ObjectProvider<OutboxPublishListener> listeners) {
        return new OutboxRelay(mongo, kafka, properties, clock, meters, listeners.orderedStream().toList());
    }

    @Bean
    OutboxWakeUp outboxWakeUp(OutboxRelay relay) {
        return new OutboxWakeUp(relay);
    }
}
