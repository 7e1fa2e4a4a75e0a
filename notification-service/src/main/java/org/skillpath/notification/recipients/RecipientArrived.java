package org.skillpath.notification.recipients;

/**
 * Published in-process after a recipient was stored: nudges recorded before the person was known may now be
 * deliverable. An application event keeps this package free of any dependency on the nudges.
 */
public record RecipientArrived(String personId, String orgId) {
}
