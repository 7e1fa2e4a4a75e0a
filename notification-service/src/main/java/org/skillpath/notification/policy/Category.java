package org.skillpath.notification.policy;

/**
 * What a person can opt out of, one by one (and what an unsubscribe link is scoped to). Transactional mails
 * (invitations to rate or to be reassessed) are sent unless the person opts out of exactly that category.
 */
public enum Category {
    INVITATIONS(true),
    PLAN_UPDATES(false),
    REMINDERS(false),
    ENCOURAGEMENT(false),
    MANAGER_UPDATES(false),
    /** The daily or weekly digest mail itself (only sent in a digest mode). */
    DIGEST(false);

    private final boolean transactional;

    Category(boolean transactional) {
        this.transactional = transactional;
    }

    public boolean transactional() {
        return transactional;
    }
}
