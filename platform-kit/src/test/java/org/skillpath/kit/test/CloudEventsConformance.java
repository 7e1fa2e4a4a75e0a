package org.skillpath.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a record with the CloudEvents Java SDK, as any CloudEvents consumer would, and checks what every
 * Skillpath event must carry: binary mode, spec 1.0, reverse-DNS type, the tenant extension, the person key.
 */
public final class CloudEventsConformance {

    private CloudEventsConformance() {
    }

    public static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        MessageReader reader = KafkaMessageFactory.createReader(record);
        CloudEvent event = reader.toEvent();
        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getId()).isNotBlank();
        assertThat(event.getSource()).isNotNull();
        assertThat(event.getType()).startsWith("org.skillpath.");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getSubject()).isNotBlank();
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getExtension("orgid")).isNotNull();
        assertThat(event.getData()).isNotNull();
        assertThat(record.key()).as("record key = the person the event is about").isNotBlank();
        return event;
    }
}
