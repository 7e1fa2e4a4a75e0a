package org.skillpath.notification.recipients;

/**
 * Published in-process, synchronously, after a {@code person.erased} tombstone marked the recipient erased: each
 * feature forgets or anonymises what it holds about the person. A listener that fails fails the record, which is
 * retried; every listener is idempotent.
 */
public record PersonErased(String personId, String orgId) {
}
