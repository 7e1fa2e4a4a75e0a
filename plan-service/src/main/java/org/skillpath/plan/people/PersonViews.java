package org.skillpath.plan.people;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the people view. Every write is one atomic update of the fields it owns, idempotent by
 * construction (sets, $addToSet, or conditions that a repeated write no longer meets).
 */
@Component
public class PersonViews {

    private final MongoTemplate mongo;

    PersonViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<PersonView> find(String orgId, String personId) {
        return Optional.ofNullable(mongo.findOne(byId(orgId, personId), PersonView.class));
    }

    /** The organisation a person is stored for, whichever it is: for consumers to refuse another tenant's records. */
    public Optional<String> organisationOf(String personId) {
        Query query = new Query(Criteria.where("_id").is(personId));
        query.fields().include("orgId");
        return Optional.ofNullable(mongo.findOne(query, org.bson.Document.class, "people"))
                .map(d -> d.getString("orgId"));
    }

    /**
     * Matches the person within their organisation only: should a record of another organisation get past the
     * consumer's check, the upsert's insert collides on the id instead of moving the person to that organisation.
     */
    void apply(PersonUpserted person) {
        mongo.upsert(byId(person.orgId(), person.personId()),
                new Update().set("orgId", person.orgId())
                        .set("displayName", person.displayName())
                        .set("managerId", person.managerId())
                        .set("mentorOptIn", person.mentor())
                        .set("active", person.active()),
                PersonView.class);
    }

    /** Only within the erasure's organisation: a record for another tenant cannot remove this one's person. */
    void erase(String orgId, String personId) {
        mongo.remove(byId(orgId, personId), PersonView.class);
    }

    /**
     * Records a person's strengths from an assessment, unless a later assessment's are there already, and returns
     * the person as stored (the view planning reads), in one round trip when the person is known: the update
     * returns the document it changed. A person the people topic has not delivered yet gets a document now; their
     * directory fields follow. Only the person of {@code orgId} is ever written: a person stored for another
     * organisation is returned unchanged, for the caller to refuse.
     *
     * @return the person, whichever organisation they are stored for
     */
    public PersonView recordStrengths(String orgId, String personId, List<PersonView.Strength> strengths, Instant at) {
        Update update = new Update().set("strengths", strengths).set("strengthsAt", at);
        Query older = new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId)
                .orOperator(Criteria.where("strengthsAt").exists(false), Criteria.where("strengthsAt").is(null),
                        Criteria.where("strengthsAt").lt(at)));
        FindAndModifyOptions returnNew = FindAndModifyOptions.options().returnNew(true);
        PersonView recorded = mongo.findAndModify(older, update, returnNew, PersonView.class);
        if (recorded != null) {
            return recorded;
        }
        // Not there, another organisation's, or with strengths at least as recent (a redelivery).
        PersonView stored = mongo.findById(personId, PersonView.class);
        if (stored != null) {
            return stored;
        }
        PersonView placeholder = new PersonView(personId, orgId, null, null, false, true, strengths, at, null,
                List.of(), 0, List.of(), null, null);
        try {
            mongo.insert(placeholder);
            return placeholder;
        } catch (DuplicateKeyException exists) {
            // Inserted meanwhile by a concurrent delivery or the people topic.
            recorded = mongo.findAndModify(older, update, returnNew, PersonView.class);
            return recorded != null ? recorded : mongo.findById(personId, PersonView.class);
        }
    }

    /** Idempotent: a set. */
    public void recordCompletedActivity(String orgId, String personId, String activityId) {
        mongo.upsert(new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId)),
                // A completion may arrive before the person: the placeholder carries every non-null field.
                new Update().addToSet("completedActivityIds", activityId).setOnInsert("active", true)
                        .setOnInsert("mentorOptIn", false),
                PersonView.class);
    }

    /** @return false when the person is not known in this organisation (nothing is stored then) */
    public boolean setPlanningPreferences(String orgId, String personId, Double weeklyBudgetHours, Integer horizonWeeks) {
        return mongo.updateFirst(new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId)),
                new Update().set("weeklyBudgetHours", weeklyBudgetHours).set("horizonWeeks", horizonWeeks),
                PersonView.class).getMatchedCount() == 1;
    }

    public PersonView setMentorCapacity(String orgId, String personId, int capacity) {
        return mongo.findAndModify(byId(orgId, personId), new Update().set("mentorCapacity", capacity),
                FindAndModifyOptions.options().returnNew(true), PersonView.class);
    }

    /** The organisation's active people who opted in as mentors, by id. */
    public List<PersonView> mentors(String orgId) {
        return mongo.find(new Query(Criteria.where("orgId").is(orgId).and("mentorOptIn").is(true).and("active").is(true))
                .with(Sort.by("_id")), PersonView.class);
    }

    /**
     * Person id → manager id for the people given and everyone above them, as far as their lines go within the
     * organisation: the reporting lines mentor matching must avoid. Reads a level of managers per round trip, by
     * id, so it costs the depth of the lines, not the size of the organisation.
     *
     * @param known   people of the organisation read already: their lines are taken as read
     * @param unknown ids of people of the organisation whose lines are still to be read
     */
    public Map<String, String> reportingLines(String orgId, Collection<PersonView> known, Collection<String> unknown) {
        Map<String, String> managerOf = new HashMap<>();
        Set<String> read = new HashSet<>();
        for (PersonView p : known) {
            read.add(p.personId());
            if (p.managerId() != null) {
                managerOf.put(p.personId(), p.managerId());
            }
        }
        Set<String> next = new TreeSet<>(unknown);
        next.addAll(managerOf.values());
        next.removeAll(read);
        while (!next.isEmpty()) {
            Query query = new Query(Criteria.where("_id").in(next).and("orgId").is(orgId).and("managerId").ne(null));
            query.fields().include("_id", "managerId");
            read.addAll(next);
            next = new TreeSet<>();
            for (org.bson.Document d : mongo.find(query, org.bson.Document.class, "people")) {
                String managerId = d.getString("managerId");
                managerOf.put(d.getString("_id"), managerId);
                if (!read.contains(managerId)) {
                    next.add(managerId);
                }
            }
        }
        return managerOf;
    }

    /**
     * Takes one mentee slot of the mentor for the plan: one conditional update that matches only while the
     * capacity read is still the capacity, there is room, and the plan does not hold a slot already. A repeated
     * call for the same plan finds the slot taken by that plan and reports success without taking a second.
     */
    public boolean reserveMentor(String orgId, PersonView mentor, int defaultCapacity, String planId) {
        int capacity = mentor.mentorCapacity() == null ? defaultCapacity : mentor.mentorCapacity();
        Query query = new Query(Criteria.where("_id").is(mentor.personId()).and("orgId").is(orgId)
                .and("mentorCapacity").is(mentor.mentorCapacity()).and("menteePlans").ne(planId)
                .and("mentorOptIn").is(true).and("active").is(true)
                // A person the directory created has no count yet: that is zero mentees.
                .orOperator(Criteria.where("menteeCount").lt(capacity), Criteria.where("menteeCount").exists(false)));
        if (mongo.updateFirst(query, new Update().inc("menteeCount", 1).push("menteePlans", planId),
                PersonView.class).getModifiedCount() == 1) {
            return true;
        }
        return mongo.exists(new Query(Criteria.where("_id").is(mentor.personId()).and("menteePlans").is(planId)),
                PersonView.class);
    }

    /** Gives the plan's slot back; a no-op when the plan holds none (so it may be repeated). */
    public void releaseMentor(String mentorId, String planId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(mentorId).and("menteePlans").is(planId)),
                new Update().inc("menteeCount", -1).pull("menteePlans", planId), PersonView.class);
    }

    private static Query byId(String orgId, String personId) {
        return new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId));
    }
}
