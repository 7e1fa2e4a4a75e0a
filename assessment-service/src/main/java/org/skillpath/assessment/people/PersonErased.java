package org.skillpath.assessment.people;

/**
 * In-process notice that a person was erased from the directory: features holding their data (assessments)
 * erase or anonymise it before the tombstone is published. Delivered synchronously by the erasure job, which
 * retries the whole erasure when a listener fails, so listeners must be idempotent.
 */
public record PersonErased(String orgId, String personId, String pseudonym) {
}
