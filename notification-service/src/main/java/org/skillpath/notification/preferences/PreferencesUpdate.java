package org.skillpath.notification.preferences;

import java.util.Map;

import org.skillpath.notification.policy.Category;
import org.skillpath.notification.policy.DigestMode;

/**
 * The full preferences (PUT replaces): categories not listed are received; digest defaults to OFF; no quiet
 * hours means the organisation's default.
 */
public record PreferencesUpdate(Map<Category, Boolean> categories, DigestMode digest, QuietHoursBody quietHours) {
}
