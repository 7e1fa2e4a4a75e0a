package org.skillpath.assessment.people;

import java.time.Instant;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person of an organisation, with their reporting line. Every change is published on the people topic. */
@Document("people")
@CompoundIndexes({
        @CompoundIndex(name = "org_username", def = "{'orgId': 1, 'userName': 1}", unique = true),
        @CompoundIndex(name = "org_manager", def = "{'orgId': 1, 'managerId': 1}")
})
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
    private Instant createdAt;
    private Instant changedAt;

    protected Person() {
    }

    Person(String id, String orgId, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.createdAt = now;
    }

    /**
     * Applies new details and queues the upsert event in the same document write; a replace that changes
     * nothing (HR systems re-send everything on each sync) publishes nothing.
     *
     * @return whether anything changed
     */
    boolean update(PersonDetails d, Instant now, PeopleEvents events) {
        PersonUpserted before = toEvent();
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
        if (changedAt != null && toEvent().equals(before)) {
            return false;
        }
        this.changedAt = now;
        raise(events.upserted(this));
        return true;
    }

    /** The details as a client would send them back (for PATCH and merges). */
    PersonDetails details() {
        return new PersonDetails(userName, displayName, email, managerId, department, employeeNumber, locale, timeZone,
                active, mentorOptIn);
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

    public String getUserName() {
        return userName;
    }

    public String getEmail() {
        return email;
    }

    public String getDepartment() {
        return department;
    }

    public String getEmployeeNumber() {
        return employeeNumber;
    }

    public String getLocale() {
        return locale;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public boolean isMentorOptIn() {
        return mentorOptIn;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getChangedAt() {
        return changedAt;
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
