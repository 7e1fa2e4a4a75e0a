package org.skillpath.plan.people;

/** Published in-process when the directory erases a person, so every feature forgets what it keeps of them. */
public record PersonErased(String orgId, String personId) {
}
