package org.skillpath.notification.policy;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A person's settings as the policy sees them; {@link #defaults} for someone who never changed anything. */
public record PersonPreferences(Set<Category> optedOut, DigestMode digest, QuietHours quietHours) {

    public PersonPreferences {
        optedOut = optedOut == null || optedOut.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optedOut));
        digest = digest == null ? DigestMode.OFF : digest;
        Objects.requireNonNull(quietHours, "quietHours");
    }

    public static PersonPreferences defaults(QuietHours quietHours) {
        return new PersonPreferences(Set.of(), DigestMode.OFF, quietHours);
    }

    public boolean subscribed(Category category) {
        return !optedOut.contains(category);
    }
}
