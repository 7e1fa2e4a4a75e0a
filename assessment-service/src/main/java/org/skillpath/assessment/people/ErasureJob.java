package org.skillpath.assessment.people;

import org.skillpath.kit.asyncapi.ProducesEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.skillpath.assessment.config.EventSettings;
import org.skillpath.kit.events.CloudEventHeaders;
import org.skillpath.kit.events.DeterministicIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works off erasures: removes the person (again, should the request have died half-way), lets every feature
 * anonymise what it keeps ({@link PersonErased}), clears the person as manager of their reports, forgets the
 * stored idempotent responses that carried their details, and publishes the tombstone on the compacted people
 * topic: a record with no value, the CloudEvents attributes in headers (ce_type org.skillpath.person.erased),
 * key = the person's id. The kit's outbox cannot carry a null payload, so this job is its own small outbox:
 * each erasure is claimed with a lease, and removed only after the broker acknowledged the tombstone.
 */
@ProducesEvents(topic = "skillpath.people.v1", types = {"org.skillpath.person.erased"})
@Component
class ErasureJob {

    static final String ERASED = "org.skillpath.person.erased";
    private static final Logger log = LoggerFactory.getLogger(ErasureJob.class);
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final MongoTemplate mongo;
    private final PeopleService people;
    private final ApplicationEventPublisher publisher;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventSettings settings;
    private final Clock clock;

    ErasureJob(MongoTemplate mongo, PeopleService people, ApplicationEventPublisher publisher,
               @Qualifier("outboxKafkaTemplate") KafkaTemplate<String, byte[]> kafka, EventSettings settings, Clock clock) {
        this.mongo = mongo;
        this.people = people;
        this.publisher = publisher;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${skillpath.people.erasure-interval:PT1S}")
    void run() {
        try {
            while (eraseOne()) {
                // next
            }
        } catch (Exception e) {
            log.warn("erasure round failed, retried after the lease: {}", e.toString());
        }
    }

    /** Claims and completes one erasure; false when none is due. */
    boolean eraseOne() throws Exception {
        Instant now = clock.instant();
        PersonErasure e = mongo.findAndModify(
                Query.query(Criteria.where("notBefore").lte(now).and("leaseUntil").lt(now)),
                new Update().set("leaseUntil", now.plus(LEASE)),
                FindAndModifyOptions.options().returnNew(true), PersonErasure.class);
        if (e == null) {
            return false;
        }
        mongo.remove(Query.query(Criteria.where("_id").is(e.getPersonId()).and("orgId").is(e.getOrgId())), Person.class);
        publisher.publishEvent(new PersonErased(e.getOrgId(), e.getPersonId(), e.getPseudonym()));
        people.clearManager(e.getOrgId(), e.getPersonId());
        mongo.remove(Query.query(Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(e.getOrgId() + "|"))
                .and("body").regex(java.util.regex.Pattern.quote(e.getPersonId()))), "idempotency_keys");
        kafka.send(tombstone(e, now)).get(15, TimeUnit.SECONDS);
        mongo.remove(Query.query(Criteria.where("_id").is(e.getId())), PersonErasure.class);
        log.info("person {} of {} erased; tombstone published", e.getPersonId(), e.getOrgId());
        return true;
    }

    private ProducerRecord<String, byte[]> tombstone(PersonErasure e, Instant now) {
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        h.add(CloudEventHeaders.ID, bytes(DeterministicIds.of(ERASED, e.getOrgId(), e.getPersonId())));
        h.add(CloudEventHeaders.SOURCE, bytes(settings.eventSource()));
        h.add(CloudEventHeaders.TYPE, bytes(ERASED));
        h.add(CloudEventHeaders.TIME, bytes(now.toString()));
        h.add(CloudEventHeaders.SUBJECT, bytes("people/" + e.getPersonId()));
        h.add(CloudEventHeaders.ORG_ID, bytes(e.getOrgId()));
        return new ProducerRecord<>(settings.topics().people(), null, e.getPersonId(), null, h);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
