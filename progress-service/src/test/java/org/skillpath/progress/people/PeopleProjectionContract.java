package org.skillpath.progress.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.progress.IntegrationContract;

/** The people directory copy: person.upserted events, replayed or not, converge on one current view. */
public abstract class PeopleProjectionContract extends IntegrationContract {

    private static final String TOPIC = "skillpath.people.v1";
    private static final String DLT = "skillpath.people.v1.progress-service.dlt";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    public void replayedUpsertsLeaveOneViewWithTheLatestState() {
        String personId = newId();
        String orgId = newOrgId();
        String managerId = newId();
        String joined = upserted(personId, orgId, "Alice Specialist", null, true);
        String promoted = upserted(personId, orgId, "Alice Lead", managerId, true);
        ContractSchemas.assertValid("person.upserted", joined);
        ContractSchemas.assertValid("person.upserted", promoted);
        Map<String, String> joinedHeaders = headers(orgId, personId);

        RawEvents.publish(bootstrap(), TOPIC, personId, joinedHeaders, joined);
        await().atMost(WAIT).until(() -> mongo.findById(personId, PersonView.class), Objects::nonNull);
        Document afterFirst = raw(personId);

        // A redelivery of the same record, then the next change: once that shows, the redelivery was consumed.
        RawEvents.publish(bootstrap(), TOPIC, personId, joinedHeaders, joined);
        Map<String, String> promotedHeaders = headers(orgId, personId);
        RawEvents.publish(bootstrap(), TOPIC, personId, promotedHeaders, promoted);
        PersonView view = await().atMost(WAIT).until(() -> mongo.findById(personId, PersonView.class),
                v -> "Alice Lead".equals(v.displayName()));
        assertThat(view).isEqualTo(new PersonView(personId, orgId, "Alice Lead", managerId, true, personId, null));
        assertThat(afterFirst).as("the first upsert stored the person as they joined")
                .containsEntry("displayName", "Alice Specialist").containsEntry("orgId", orgId);

        // A replay of the whole history (a new consumer, a rewound offset) ends where the history ends.
        RawEvents.publish(bootstrap(), TOPIC, personId, joinedHeaders, joined);
        RawEvents.publish(bootstrap(), TOPIC, personId, promotedHeaders, promoted);
        String left = upserted(personId, orgId, "Alice Lead", managerId, false);
        RawEvents.publish(bootstrap(), TOPIC, personId, headers(orgId, personId), left);
        await().atMost(WAIT).until(() -> mongo.findById(personId, PersonView.class), v -> !v.active());

        assertThat(mongo.findById(personId, PersonView.class))
                .isEqualTo(new PersonView(personId, orgId, "Alice Lead", managerId, false, personId, null));
        assertThat(mongo.getCollection("people").countDocuments(new Document("_id", personId))).isEqualTo(1);
    }

    @Test
    public void anErasureTombstoneRemovesTheCopy() {
        String personId = newId();
        String orgId = newOrgId();
        RawEvents.publish(bootstrap(), TOPIC, personId, headers(orgId, personId),
                upserted(personId, orgId, "Dora Departing", null, true));
        await().atMost(WAIT).until(() -> mongo.findById(personId, PersonView.class), Objects::nonNull);

        Map<String, String> erased = RawEvents.ceHeaders(newId(), "org.skillpath.person.erased", orgId, "people/" + personId);
        RawEvents.publish(bootstrap(), TOPIC, personId, erased, null);
        RawEvents.publish(bootstrap(), TOPIC, personId, erased, null);

        await().atMost(WAIT).until(() -> mongo.findById(personId, PersonView.class) == null);
    }

    @Test
    public void aPersonOfAnotherOrganisationThanTheEventSaysIsPoison() {
        String personId = newId();
        String orgId = newOrgId();
        RawEvents.publish(bootstrap(), TOPIC, personId, headers(orgId, personId),
                upserted(personId, newOrgId(), "Mallory Elsewhere", null, true));

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.read(bootstrap(), DLT, WAIT,
                        recs -> recs.stream().anyMatch(r -> personId.equals(r.key())))
                .stream().filter(r -> personId.equals(r.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(TopicReader.header(dead.get(0), "x-exception-message")).contains("differs from its data's orgId");
        assertThat(mongo.findById(personId, PersonView.class)).isNull();
    }

    private static Map<String, String> headers(String orgId, String personId) {
        return RawEvents.ceHeaders(newId(), "org.skillpath.person.upserted", orgId, "people/" + personId);
    }

    private static String upserted(String personId, String orgId, String displayName, String managerId, boolean active) {
        return """
                {"personId":"%s","orgId":"%s","userName":"%s","displayName":"%s","email":"%s@example.com",
                 "managerId":%s,"department":"Delivery","locale":"en","timeZone":"Europe/Berlin","active":%s,
                 "mentorOptIn":false,"changedAt":"2026-01-05T09:00:00Z"}"""
                .formatted(personId, orgId, personId, displayName, personId,
                        managerId == null ? "null" : "\"" + managerId + "\"", active);
    }

    private Document raw(String personId) {
        return mongo.getCollection("people").find(new Document("_id", personId)).first();
    }
}
