package org.skillpath.notification.nudges;

import java.util.Locale;

import org.skillpath.notification.policy.Category;

/**
 * What a nudge is about, and how the policy treats it. Each kind has a mail template
 * {@code templates/mail/<template>.{txt,html}} and a subject {@code mail.<template>.subject}.
 * <ul>
 *   <li>quiet hours: first-contact mails (invitations, plan ready, mentor introductions) go out at once, the
 *   rest waits for the morning;</li>
 *   <li>capped: reminders and encouragement count towards the weekly cap; invitations, milestones and digests do
 *   not;</li>
 *   <li>digestible: what a daily or weekly digest gathers.</li>
 * </ul>
 */
public enum NudgeKind {
    RATER_INVITATION(Category.INVITATIONS, false, false, false),
    PLAN_READY(Category.PLAN_UPDATES, false, false, false),
    MENTOR_INTRODUCTION(Category.PLAN_UPDATES, false, false, false),
    DUE_SOON(Category.REMINDERS, true, true, true),
    OVERDUE(Category.REMINDERS, true, true, true),
    OVERDUE_ESCALATION(Category.MANAGER_UPDATES, true, false, true),
    ENCOURAGEMENT(Category.ENCOURAGEMENT, true, true, true),
    PLAN_COMPLETED(Category.PLAN_UPDATES, true, false, false),
    REASSESSMENT_DUE(Category.INVITATIONS, true, false, false),
    MANAGER_DIGEST(Category.MANAGER_UPDATES, true, false, false),
    /** A person's daily or weekly digest: carries the digestible nudges gathered for one digest moment. */
    DIGEST(Category.DIGEST, false, false, false);

    private final Category category;
    private final boolean respectsQuietHours;
    private final boolean capped;
    private final boolean digestible;

    NudgeKind(Category category, boolean respectsQuietHours, boolean capped, boolean digestible) {
        this.category = category;
        this.respectsQuietHours = respectsQuietHours;
        this.capped = capped;
        this.digestible = digestible;
    }

    public Category category() {
        return category;
    }

    public boolean respectsQuietHours() {
        return respectsQuietHours;
    }

    public boolean capped() {
        return capped;
    }

    public boolean digestible() {
        return digestible;
    }

    /** PLAN_READY → plan-ready. */
    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
