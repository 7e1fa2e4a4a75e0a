package org.skillpath.notification.preferences;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.skillpath.notification.policy.Category;
import org.skillpath.notification.policy.DigestMode;
import org.skillpath.notification.policy.PersonPreferences;

/**
 * A person's preferences as the API shows them: every category with whether they receive it, the digest mode,
 * the quiet hours in effect (their own or the organisation's) and whether they are their own.
 */
public record PreferencesView(String personId, Map<Category, CategoryView> categories, DigestMode digest,
                              QuietHoursBody quietHours, boolean ownQuietHours, Instant updatedAt) {

    public record CategoryView(boolean subscribed, boolean transactional) {
    }

    static PreferencesView of(String personId, PersonPreferences prefs, boolean ownQuietHours, Instant updatedAt) {
        Map<Category, CategoryView> categories = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            categories.put(c, new CategoryView(prefs.subscribed(c), c.transactional()));
        }
        return new PreferencesView(personId, categories, prefs.digest(),
                new QuietHoursBody(prefs.quietHours().start().toString(), prefs.quietHours().end().toString()),
                ownQuietHours, updatedAt);
    }
}
