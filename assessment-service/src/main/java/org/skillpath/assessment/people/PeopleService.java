package org.skillpath.assessment.people;

import org.skillpath.kit.asyncapi.ProducesEvents;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.bson.Document;
import org.skillpath.assessment.config.EventSettings;
import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** The people directory: the source of reporting lines for every other service. */
@ProducesEvents(topic = "skillpath.people.v1", types = {"org.skillpath.person.upserted"})
@Service
public class PeopleService {

    public static final String UPSERTED = "org.skillpath.person.upserted";
    /** Reporting chains longer than this are treated as a cycle (no real organisation is that deep). */
    private static final int MAX_CHAIN = 200;

    private final PersonRepository people;
    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final EventSettings settings;
    private final Clock clock;

    PeopleService(PersonRepository people, MongoTemplate mongo, ObjectMapper json, EventSettings settings, Clock clock) {
        this.people = people;
        this.mongo = mongo;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    public Person create(String orgId, PersonDetails given) {
        PersonDetails details = cleaned(given, "");
        validate(orgId, null, details, "");
        Person person = new Person(UUID.randomUUID().toString(), orgId, clock.instant());
        person.update(details, clock.instant(), this::upserted);
        try {
            return people.insert(person);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("userName " + details.userName() + " exists already in this organisation");
        }
    }

    /** Replaces a person's details; publishes an upsert only when something changed. */
    public Person replace(String orgId, String id, PersonDetails given) {
        PersonDetails details = cleaned(given, "");
        return change(orgId, id, current -> details);
    }

    /**
     * Changes only the person's own preferences (locale, time zone, mentoring opt-in), applied to the stored
     * entry as it is at the time of writing, so a concurrent change by HR is never undone.
     */
    public Person changePreferences(String orgId, String id, PersonDetails given) {
        return change(orgId, id, current -> current.withPreferencesOf(given));
    }

    private Person change(String orgId, String id, UnaryOperator<PersonDetails> next) {
        for (int attempt = 1; ; attempt++) {
            Person person = find(orgId, id).orElseThrow(() -> ApiException.notFound("person", id));
            PersonDetails details = next.apply(person.details());
            validate(orgId, id, details, "");
            if (!person.update(details, clock.instant(), this::upserted)) {
                return person;
            }
            try {
                return people.save(person);
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("userName " + details.userName() + " exists already in this organisation");
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    public Optional<Person> find(String orgId, String id) {
        return people.findByIdAndOrgId(id, orgId);
    }

    /** Those of {@code ids} who are people of the organisation, by id, in one read. */
    public Map<String, Person> findAll(String orgId, Collection<String> ids) {
        return people.findByOrgIdAndIdIn(orgId, ids).stream().collect(Collectors.toMap(Person::getId, Function.identity()));
    }

    public List<Person> directReports(String orgId, String personId) {
        return people.findByOrgIdAndManagerId(orgId, personId, Sort.by("userName", "id"));
    }

    /**
     * Erases a person: the intent is recorded first, then the person is removed at once (a GET answers 404 from
     * now on); {@link ErasureJob} anonymises their results, clears them as manager of their reports and
     * publishes the tombstone.
     */
    public void erase(String orgId, String id) {
        if (find(orgId, id).isEmpty()) {
            throw ApiException.notFound("person", id);
        }
        Instant now = clock.instant();
        Idempotency.insertOnce(mongo, new PersonErasure(orgId, id, "erased-" + UUID.randomUUID(), now));
        Document removed = mongo.findAndRemove(Query.query(Criteria.where("_id").is(id).and("orgId").is(orgId)),
                Document.class, "people");
        if (removed != null && removed.get(OutboxDocument.LEASE_UNTIL) instanceof java.util.Date lease
                && lease.toInstant().isAfter(now)) {
            // The relay may be sending an upsert of this person right now: the tombstone must come after it.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(PersonErasure.idOf(orgId, id))),
                    new Update().set("notBefore", lease.toInstant()), PersonErasure.class);
        }
    }

    /** The erased person's reports lose their manager (and every service hears of it through their upsert). */
    void clearManager(String orgId, String managerId) {
        for (Person report : directReports(orgId, managerId)) {
            PersonDetails d = report.details();
            replace(orgId, report.getId(), new PersonDetails(d.userName(), d.displayName(), d.email(), null, d.department(),
                    d.employeeNumber(), d.locale(), d.timeZone(), d.active(), d.mentorOptIn()));
        }
    }

    // ---- bulk import ----

    /** One person of a bulk import; the manager may be named by id or, within a first load, by userName. */
    public record ImportOutcome(String userName, String personId, String outcome) {
    }

    public record ImportResult(int created, int updated, int unchanged, List<ImportOutcome> people) {
    }

    /**
     * Creates or updates (by userName) everyone in the batch, managers before their reports. Everything is
     * validated before anything is written; re-running the same import changes nothing.
     */
    public ImportResult importAll(String orgId, List<PersonImport> batch) {
        Map<String, Integer> position = new HashMap<>();
        List<PersonDetails> details = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            PersonImport p = batch.get(i);
            String f = "[" + i + "].";
            if (position.put(p.userName(), i) != null) {
                throw ApiException.unprocessable(f + "userName", "userName " + p.userName() + " appears twice in the batch");
            }
            if (p.managerId() != null && p.managerUserName() != null) {
                throw ApiException.badRequest(f + "managerUserName", "give managerId or managerUserName, not both");
            }
            details.add(cleaned(p.details(), f));
        }
        Map<String, Person> existing = people.findByOrgIdAndUserNameIn(orgId, position.keySet()).stream()
                .collect(Collectors.toMap(Person::getUserName, Function.identity()));
        Map<String, String> ids = new HashMap<>();
        batch.forEach(p -> ids.put(p.userName(), existing.containsKey(p.userName())
                ? existing.get(p.userName()).getId() : UUID.randomUUID().toString()));
        // Resolve managers: by userName within the batch or the directory, by id in the directory.
        Map<String, String> managerOf = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            PersonImport p = batch.get(i);
            String f = "[" + i + "].";
            String managerId = p.managerId();
            if (p.managerUserName() != null) {
                managerId = ids.get(p.managerUserName());
                if (managerId == null) {
                    managerId = people.findByOrgIdAndUserName(orgId, p.managerUserName()).map(Person::getId)
                            .orElseThrow(() -> ApiException.unprocessable(f + "managerUserName",
                                    "no person " + p.managerUserName() + " in the batch or the directory"));
                }
            } else if (managerId != null && !ids.containsValue(managerId) && find(orgId, managerId).isEmpty()) {
                throw ApiException.unprocessable(f + "managerId", "no person " + managerId + " in this organisation");
            }
            if (ids.get(p.userName()).equals(managerId)) {
                throw ApiException.unprocessable(f + "managerId", "a person cannot be their own manager");
            }
            managerOf.put(ids.get(p.userName()), managerId);
            PersonDetails d = details.get(i);
            details.set(i, new PersonDetails(d.userName(), d.displayName(), d.email(), managerId, d.department(),
                    d.employeeNumber(), d.locale(), d.timeZone(), d.active(), d.mentorOptIn()));
            validate(orgId, ids.get(p.userName()), details.get(i), f, true);
        }
        for (int i = 0; i < batch.size(); i++) {
            String start = ids.get(batch.get(i).userName());
            String m = managerOf.get(start);
            for (int hops = 0; m != null; hops++) {
                if (m.equals(start) || hops > MAX_CHAIN) {
                    throw ApiException.unprocessable("[" + i + "].managerUserName", "reporting lines would form a cycle");
                }
                m = managerOf.containsKey(m) ? managerOf.get(m) : find(orgId, m).map(Person::getManagerId).orElse(null);
            }
        }
        // Managers first: each person after everyone above them in the batch.
        List<Integer> order = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            place(i, batch, ids, managerOf, position, placed, order);
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<ImportOutcome> outcomes = new ArrayList<>();
        Instant now = clock.instant();
        for (int i : order) {
            PersonDetails d = details.get(i);
            Person current = existing.get(d.userName());
            String outcome;
            if (current == null) {
                Person person = new Person(ids.get(d.userName()), orgId, now);
                person.update(d, now, this::upserted);
                try {
                    people.insert(person);
                } catch (DuplicateKeyException e) {
                    throw ApiException.conflict("userName " + d.userName() + " was created concurrently; re-run the import");
                }
                created++;
                outcome = "created";
            } else if (current.update(d, now, this::upserted)) {
                people.save(current);
                updated++;
                outcome = "updated";
            } else {
                unchanged++;
                outcome = "unchanged";
            }
            outcomes.add(new ImportOutcome(d.userName(), ids.get(d.userName()), outcome));
        }
        outcomes.sort((a, b) -> Integer.compare(position.get(a.userName()), position.get(b.userName())));
        return new ImportResult(created, updated, unchanged, outcomes);
    }

    private static void place(int i, List<PersonImport> batch, Map<String, String> ids, Map<String, String> managerOf,
                              Map<String, Integer> position, Set<Integer> placed, List<Integer> order) {
        if (placed.contains(i)) {
            return;
        }
        placed.add(i);
        String manager = managerOf.get(ids.get(batch.get(i).userName()));
        for (Map.Entry<String, String> e : ids.entrySet()) {
            if (e.getValue().equals(manager)) {
                place(position.get(e.getKey()), batch, ids, managerOf, position, placed, order);
            }
        }
        order.add(i);
    }

    // ---- validation ----

    /** Names are checked for mixed-script confusables: normalised where unambiguous, else refused. */
    private static PersonDetails cleaned(PersonDetails d, String prefix) {
        return new PersonDetails(d.userName(), ConfusableText.clean(prefix + "displayName", d.displayName()), d.email(),
                d.managerId(), ConfusableText.clean(prefix + "department", d.department()), d.employeeNumber(), d.locale(),
                d.timeZone(), d.active(), d.mentorOptIn());
    }

    private void validate(String orgId, String selfId, PersonDetails d, String prefix) {
        validate(orgId, selfId, d, prefix, false);
    }

    private void validate(String orgId, String selfId, PersonDetails d, String prefix, boolean managerChecked) {
        if (d.timeZone() != null) {
            try {
                ZoneId.of(d.timeZone());
            } catch (DateTimeException e) {
                throw ApiException.badRequest(prefix + "timeZone", "not a time-zone id such as Europe/Berlin");
            }
        }
        if (d.managerId() == null || managerChecked) {
            return;
        }
        if (d.managerId().equals(selfId)) {
            throw ApiException.unprocessable(prefix + "managerId", "a person cannot be their own manager");
        }
        Optional<Person> manager = people.findByIdAndOrgId(d.managerId(), orgId);
        if (manager.isEmpty()) {
            throw ApiException.unprocessable(prefix + "managerId", "no person " + d.managerId() + " in this organisation");
        }
        if (selfId != null) {
            String m = manager.get().getManagerId();
            for (int hops = 0; m != null; hops++) {
                if (m.equals(selfId) || hops > MAX_CHAIN) {
                    throw ApiException.unprocessable(prefix + "managerId", "reporting lines would form a cycle");
                }
                m = find(orgId, m).map(Person::getManagerId).orElse(null);
            }
        }
    }

    private OutboxEvent upserted(Person p) {
        String eventId = UUID.randomUUID().toString();
        return new OutboxEvent(eventId, settings.topics().people(), UPSERTED, settings.eventSource(),
                "people/" + p.getId(), p.getId(), p.getOrgId(), clock.instant(), json.writeValueAsString(p.toEvent()));
    }
}
