package org.skillpath.notification.nudges;

import java.util.Locale;

/** What a nudge is about. Each kind has a mail template {@code templates/mail/<template>.{txt,html}}. */
public enum NudgeKind {
    RATER_INVITATION,
    PLAN_READY,
    MENTOR_INTRODUCTION,
    DUE_SOON,
    OVERDUE,
    ENCOURAGEMENT,
    PLAN_COMPLETED,
    MANAGER_DIGEST;

    /** PLAN_READY → plan-ready. */
    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
