package org.skillpath.progress.people;

/**
 * Something that keeps personal data about people and must forget a person when the people directory erases
 * them ({@code org.skillpath.person.erased}). Each implementation's erase is idempotent: a replayed tombstone
 * finds nothing left to delete.
 */
public interface PersonErasure {

    void erase(String orgId, String personId);
}
