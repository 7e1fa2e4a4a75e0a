package org.skillpath.notification.preferences;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.ApiException;
import org.skillpath.notification.policy.Category;
import org.skillpath.notification.policy.DigestMode;
import org.skillpath.notification.policy.QuietHours;
import org.skillpath.notification.recipients.RecipientRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's mail preferences: categories, digest mode, quiet hours. Only the person themself reads or changes
 * them: to anyone else (colleague, manager, L&D admin) they do not exist (404). Mail settings are personal, and
 * no feature of this service needs anyone else's; the manager digest is mailed, never read through the API.
 * Integration clients have no preferences and no business with anyone's (403).
 */
@RestController
@RequestMapping("/api/preferences")
class PreferencesController {

    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final PreferencesStore store;
    private final RecipientRepository recipients;

    PreferencesController(PreferencesStore store, RecipientRepository recipients) {
        this.store = store;
        this.recipients = recipients;
    }

    @GetMapping("/{personId}")
    PreferencesView get(@CurrentCaller Caller caller, @PathVariable String personId) {
        String orgId = requireOwnAndKnown(caller, personId);
        return view(orgId, personId);
    }

    @PutMapping("/{personId}")
    PreferencesView put(@CurrentCaller Caller caller, @PathVariable String personId,
                        @RequestBody PreferencesUpdate update) {
        String orgId = requireOwnAndKnown(caller, personId);
        Set<Category> optedOut = EnumSet.noneOf(Category.class);
        if (update.categories() != null) {
            for (Map.Entry<Category, Boolean> e : update.categories().entrySet()) {
                if (e.getValue() == null) {
                    throw ApiException.badRequest("categories." + e.getKey(), "must be true or false");
                }
                if (!e.getValue()) {
                    optedOut.add(e.getKey());
                }
            }
        }
        QuietHours quiet = update.quietHours() == null ? null : new QuietHours(
                time("quietHours.start", update.quietHours().start()), time("quietHours.end", update.quietHours().end()));
        store.replace(orgId, personId, optedOut, update.digest() == null ? DigestMode.OFF : update.digest(), quiet);
        return view(orgId, personId);
    }

    private PreferencesView view(String orgId, String personId) {
        Optional<Preferences> stored = store.stored(orgId, personId);
        return PreferencesView.of(personId, store.settingsOf(stored),
                stored.map(p -> p.quietStart() != null).orElse(false), stored.map(Preferences::updatedAt).orElse(null));
    }

    /** The caller's organisation, once the preferences are the caller's own and the person is known there. */
    private String requireOwnAndKnown(Caller caller, String personId) {
        if (caller.client()) {
            throw Callers.forbidden("requires the token of the person whose preferences these are");
        }
        if (!ID.matcher(personId).matches()) {
            throw ApiException.badRequest("personId", "must be 1-128 letters, digits or . _ : -");
        }
        // Someone else's preferences answer exactly like a missing person's, so ids reveal nothing.
        if (!caller.is(personId) || recipients.findByPersonIdAndOrgId(personId, caller.orgId())
                .filter(r -> !r.isErased()).isEmpty()) {
            throw ApiException.notFound("person", personId);
        }
        return caller.orgId();
    }

    private static LocalTime time(String field, String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            throw ApiException.badRequest(field, "must be a time of day as HH:mm, e.g. 20:00");
        }
        return LocalTime.parse(value);
    }
}
