package org.skillpath.notification.preferences;

import java.time.Clock;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.skillpath.notification.policy.Category;
import org.skillpath.notification.policy.DigestMode;
import org.skillpath.notification.policy.PersonPreferences;
import org.skillpath.notification.policy.PolicySettings;
import org.skillpath.notification.policy.QuietHours;
import org.skillpath.notification.recipients.PersonErased;
import org.skillpath.notification.recipients.Recipient;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and changes preferences, each change one atomic upsert scoped to the tenant; reads a recipient together
 * with theirs for the dispatcher.
 */
@Component
public class PreferencesStore {

    /** Where {@link #addressee} puts the joined preferences. */
    private static final String JOINED = "preferences";

    private final MongoTemplate mongo;
    private final PolicySettings policy;
    private final Clock clock;

    public PreferencesStore(MongoTemplate mongo, PolicySettings policy, Clock clock) {
        this.mongo = mongo;
        this.policy = policy;
        this.clock = clock;
    }

    /** A person as a recipient, and the settings the policy applies to them (their choices over the defaults). */
    public record Addressee(Recipient recipient, PersonPreferences settings) {
    }

    /**
     * The recipient {@code personId} of {@code orgId} with their settings, in one read: the recipient joined with
     * their preferences, which are stored under the same id (the join matches on it; the tenant is checked on
     * both). Empty while this service does not know the person.
     */
    public Optional<Addressee> addressee(String orgId, String personId) {
        Aggregation read = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("_id").is(personId).and("orgId").is(orgId)),
                Aggregation.lookup(Preferences.COLLECTION, "_id", "_id", JOINED));
        Document found = mongo.aggregate(read, mongo.getCollectionName(Recipient.class), Document.class)
                .getUniqueMappedResult();
        if (found == null) {
            return Optional.empty();
        }
        Optional<Preferences> stored = found.getList(JOINED, Document.class, List.of()).stream()
                .filter(p -> orgId.equals(p.getString("orgId"))).findFirst()
                .map(p -> mongo.getConverter().read(Preferences.class, p));
        return Optional.of(new Addressee(mongo.getConverter().read(Recipient.class, found), settingsOf(stored)));
    }

    PersonPreferences settingsOf(Optional<Preferences> stored) {
        if (stored.isEmpty()) {
            return PersonPreferences.defaults(policy.quietHours());
        }
        Preferences p = stored.get();
        QuietHours quiet = p.quietStart() == null || p.quietEnd() == null ? policy.quietHours()
                : new QuietHours(LocalTime.parse(p.quietStart()), LocalTime.parse(p.quietEnd()));
        return new PersonPreferences(p.optedOut(), p.digest(), quiet);
    }

    Optional<Preferences> stored(String orgId, String personId) {
        return Optional.ofNullable(mongo.findOne(mine(orgId, personId), Preferences.class));
    }

    /** The one-click unsubscribe: adds one category to the opt-outs, whatever else is set. */
    public void optOut(String orgId, String personId, Category category) {
        mongo.upsert(mine(orgId, personId),
                new Update().addToSet("optedOut", category).set("updatedAt", clock.instant()), Preferences.class);
    }

    /** Replaces everything; {@code quietHours} null returns to the organisation's default. */
    void replace(String orgId, String personId, Set<Category> optedOut, DigestMode digest, QuietHours quietHours) {
        Update update = new Update()
                .set("optedOut", optedOut.isEmpty() ? Set.of() : EnumSet.copyOf(optedOut))
                .set("digest", digest)
                .set("quietStart", quietHours == null ? null : quietHours.start().toString())
                .set("quietEnd", quietHours == null ? null : quietHours.end().toString())
                .set("updatedAt", clock.instant());
        mongo.upsert(mine(orgId, personId), update, Preferences.class);
    }

    @EventListener
    void onPersonErased(PersonErased erased) {
        mongo.remove(mine(erased.orgId(), erased.personId()), Preferences.class);
    }

    private static Query mine(String orgId, String personId) {
        return new Query(Criteria.where("_id").is(personId).and("orgId").is(orgId));
    }
}
