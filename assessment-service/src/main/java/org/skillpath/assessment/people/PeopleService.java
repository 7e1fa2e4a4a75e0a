package org.skillpath.assessment.people;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.skillpath.assessment.config.EventSettings;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** The people directory: the source of reporting lines for every other service. */
@Service
public class PeopleService {

    public static final String UPSERTED = "org.skillpath.person.upserted";

    private final PersonRepository people;
    private final ObjectMapper json;
    private final EventSettings settings;
    private final Clock clock;

    PeopleService(PersonRepository people, ObjectMapper json, EventSettings settings, Clock clock) {
        this.people = people;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    public Person create(String orgId, PersonDetails given) {
        PersonDetails details = cleaned(given);
        validate(orgId, null, details);
        Person person = new Person(UUID.randomUUID().toString(), orgId);
        person.update(details, clock.instant(), this::upserted);
        try {
            return people.insert(person);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("userName " + details.userName() + " exists already in this organisation");
        }
    }

    public Optional<Person> find(String orgId, String id) {
        return people.findByIdAndOrgId(id, orgId);
    }

    /** Names are checked for mixed-script confusables: normalised where unambiguous, else refused. */
    private static PersonDetails cleaned(PersonDetails d) {
        return new PersonDetails(d.userName(), ConfusableText.clean("displayName", d.displayName()), d.email(),
                d.managerId(), ConfusableText.clean("department", d.department()), d.employeeNumber(), d.locale(),
                d.timeZone(), d.active(), d.mentorOptIn());
    }

    private void validate(String orgId, String selfId, PersonDetails d) {
        if (d.timeZone() != null) {
            try {
                ZoneId.of(d.timeZone());
            } catch (DateTimeException e) {
                throw ApiException.badRequest("timeZone", "not a time-zone id such as Europe/Berlin");
            }
        }
        if (d.managerId() != null) {
            if (d.managerId().equals(selfId)) {
                throw ApiException.unprocessable("managerId", "a person cannot be their own manager");
            }
            if (people.findByIdAndOrgId(d.managerId(), orgId).isEmpty()) {
                throw ApiException.unprocessable("managerId", "no person " + d.managerId() + " in this organisation");
            }
        }
    }

    private OutboxEvent upserted(Person p) {
        String eventId = UUID.randomUUID().toString();
        return new OutboxEvent(eventId, settings.topics().people(), UPSERTED, settings.eventSource(),
                "people/" + p.getId(), p.getId(), p.getOrgId(), clock.instant(), json.writeValueAsString(p.toEvent()));
    }
}
