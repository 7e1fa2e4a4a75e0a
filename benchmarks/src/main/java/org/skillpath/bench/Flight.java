package org.skillpath.bench;

/**
 * One assessment's way through the pipeline: when it was meant to be sent (open loop: latency counts from
 * here, never from when the generator got round to it) and when each stage was seen, in epoch microseconds
 * (0 = not seen). Stages are written by different threads, read after the run.
 */
final class Flight {

    final int index;
    final String personId;
    final String managerId;
    final String email;
    final String displayName;
    /** Sent during the warm-up: drives the pipeline, not counted. */
    final boolean warmup;

    volatile long intended;
    /** The HTTP 201 (system) or the stored document (baseline). */
    volatile long accepted;
    /** skillgaps.identified handed to Kafka by the outbox relay (record timestamp). */
    volatile long gapsPublished;
    /** The plan built and written (plan.created's createdAt). */
    volatile long planStored;
    /** plan.created handed to Kafka (record timestamp). */
    volatile long planPublished;
    /** The "plan ready" mail received by the SMTP server. */
    volatile long mailed;
    /** nudge.sent handed to Kafka (record timestamp). */
    volatile long nudgePublished;
    volatile int mails;
    volatile String error;

    Flight(int index, String personId, String managerId, String email, String displayName, boolean warmup) {
        this.index = index;
        this.personId = personId;
        this.managerId = managerId;
        this.email = email;
        this.displayName = displayName;
        this.warmup = warmup;
    }
}
