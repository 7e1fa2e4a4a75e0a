package org.skillpath.notification.recipients;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What this service knows of a person to mail them: a local copy of the people directory, kept up to date
 * from {@code person.upserted} events (services never ask each other synchronously). An erased person leaves
 * only a marker (id, tenant, {@code erased}) so that later events about them are suppressed, not retried.
 */
@Document("recipients")
@CompoundIndex(name = "org_manager", def = "{'orgId': 1, 'managerId': 1}")
public class Recipient {

    public static final String DEFAULT_LOCALE = "en";
    public static final String DEFAULT_TIME_ZONE = "UTC";

    @Id
    private String personId;
    private String orgId;
    private String displayName;
    private String email;
    private String locale;
    private String timeZone;
    private String managerId;
    private boolean active;
    private boolean erased;
    private Instant updatedAt;

    protected Recipient() {
    }

    public String getPersonId() {
        return personId;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public String getLocale() {
        return locale;
    }

    /** The locale to write to this person in; English when theirs is missing or not a valid language tag. */
    public Locale preferredLocale() {
        if (locale == null || locale.isBlank()) {
            return Locale.forLanguageTag(DEFAULT_LOCALE);
        }
        Locale parsed = Locale.forLanguageTag(locale.replace('_', '-'));
        return parsed.getLanguage().isEmpty() ? Locale.forLanguageTag(DEFAULT_LOCALE) : parsed;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public String getManagerId() {
        return managerId;
    }

    /** The person's time zone; UTC when theirs is missing or unknown to this JVM. */
    public ZoneId zone() {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    public boolean isErased() {
        return erased;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
