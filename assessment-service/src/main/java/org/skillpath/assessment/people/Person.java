package org.skillpath.assessment.people;

import java.time.Instant;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person of an organisation, with their reporting line. Every change is published on the people topic. */
@Document("people")
@CompoundIndex(name = "org_username", def = "{'orgId': 1, 'userName': 1}", unique = true)
public class Person extends OutboxDocument {

    @Id
    private String id;
    private String orgId;
    private String userName;
    private String displayName;
    private String email;
    private String managerId;
    private String department;
    private String employeeNumber;
    private String locale;
    private String timeZone;
    private boolean active;
    private boolean mentorOptIn;
    private Instant changedAt;

    protected Person() {
    }

    Person(String id, String orgId) {
        this.id = id;
        this.orgId = orgId;
    }

    /** Applies new details and queues the upsert event in the same document write. */
    void update(PersonDetails d, Instant now, PeopleEvents events) {
        this.userName = d.userName();
        this.displayName = d.displayName();
        this.email = d.email();
        this.managerId = d.managerId();
        this.department = d.department();
        this.employeeNumber = d.employeeNumber();
        this.locale = d.locale() == null ? "en" : d.locale();
        this.timeZone = d.timeZone() == null ? "UTC" : d.timeZone();
        this.active = d.active() == null || d.active();
        this.mentorOptIn = Boolean.TRUE.equals(d.mentorOptIn());
        this.changedAt = now;
        raise(events.upserted(this));
    }

    public PersonUpserted toEvent() {
        return new PersonUpserted(id, orgId, userName, displayName, email, managerId, department, employeeNumber,
                locale, timeZone, active, mentorOptIn, changedAt);
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getManagerId() {
        return managerId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public boolean isActive() {
        return active;
    }

    interface PeopleEvents {
        OutboxEvent upserted(Person person);
    }
}
