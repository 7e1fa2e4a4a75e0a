package org.skillpath.notification.preferences;

import java.time.Clock;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.skillpath.notification.policy.Category;
import org.skillpath.notification.policy.DigestMode;
import org.skillpath.notification.policy.PersonPreferences;
import org.skillpath.notification.policy.PolicySettings;
import org.skillpath.notification.policy.QuietHours;
import org.skillpath.notification.recipients.PersonErased;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Reads and changes preferences, each change one atomic upsert scoped to the tenant. */
@Component
public class PreferencesStore {

    private final MongoTemplate mongo;
    private final PolicySettings policy;
    private final Clock clock;

    public PreferencesStore(MongoTemplate mongo, PolicySettings policy, Clock clock) {
        this.mongo = mongo;
        this.policy = policy;
        this.clock = clock;
    }

    /** What the policy applies to this person: their choices over the organisation's defaults. */
    public PersonPreferences settingsOf(String orgId, String personId) {
        return settingsOf(stored(orgId, personId));
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
