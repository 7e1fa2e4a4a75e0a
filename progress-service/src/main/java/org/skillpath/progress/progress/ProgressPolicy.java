package org.skillpath.progress.progress;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The organisation-wide rules of progress (one policy per deployment for now).
 *
 * @param dueSoonDays            how many days before a due date the step.due-soon signal goes out (0: on the day)
 * @param reassessmentDelayDays  days between a completed plan and its reassessment.due, so growth can show
 * @param practiceCompletion     what completes an on-the-job practice step
 */
@ConfigurationProperties("skillpath.progress")
public record ProgressPolicy(Integer dueSoonDays, Integer reassessmentDelayDays, PracticeCompletion practiceCompletion) {

    public enum PracticeCompletion {
        /** Only the manager's confirmation completes a practice step; the person's check-in asks for it. */
        CONFIRMATION,
        /** The manager's confirmation, or the person's check-in with evidence (a reflection or a link). */
        CONFIRMATION_OR_EVIDENCE
    }

    public ProgressPolicy {
        dueSoonDays = dueSoonDays == null ? 3 : dueSoonDays;
        reassessmentDelayDays = reassessmentDelayDays == null ? 14 : reassessmentDelayDays;
        practiceCompletion = practiceCompletion == null ? PracticeCompletion.CONFIRMATION : practiceCompletion;
        if (dueSoonDays < 0 || dueSoonDays > 60) {
            throw new IllegalArgumentException("skillpath.progress.due-soon-days must be 0-60");
        }
        if (reassessmentDelayDays < 0 || reassessmentDelayDays > 365) {
            throw new IllegalArgumentException("skillpath.progress.reassessment-delay-days must be 0-365");
        }
    }

    public static ProgressPolicy defaults() {
        return new ProgressPolicy(null, null, null);
    }
}
