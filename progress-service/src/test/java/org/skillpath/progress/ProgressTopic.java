package org.skillpath.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.TopicReader;

/** Reads what progress-service published about one person, checking every record against the standards. */
public final class ProgressTopic {

    private ProgressTopic() {
    }

    /**
     * The person's events of one type, read until {@code atLeast} arrived or {@code wait} passed (so asking for one
     * more than expected, with a short wait, shows that no duplicate follows). Each is a conformant CloudEvent whose
     * payload validates against its contract.
     */
    public static List<ConsumerRecord<String, byte[]>> events(String bootstrap, String personId, String type,
                                                             int atLeast, Duration wait) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.read(bootstrap, Events.PROGRESS, wait,
                        recs -> recs.stream().filter(r -> matches(r, personId, type)).count() >= atLeast)
                .stream().filter(r -> matches(r, personId, type)).toList();
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent event = CloudEventsConformance.read(r);
            assertThat(event.getSource().toString()).isEqualTo("/skillpath/progress-service");
            ContractSchemas.assertValid(type, TopicReader.value(r));
        }
        return records;
    }

    private static boolean matches(ConsumerRecord<String, byte[]> r, String personId, String type) {
        return personId.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type"));
    }
}
