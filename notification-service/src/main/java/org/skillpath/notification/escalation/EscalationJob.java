package org.skillpath.notification.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.notification.nudges.EscalationModel;
import org.skillpath.notification.nudges.NudgeKind;
import org.skillpath.notification.nudges.NudgeRecorder;
import org.skillpath.notification.recipients.Recipient;
import org.skillpath.notification.recipients.RecipientRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escalates overdue steps to the person's manager once {@code escalateAt} has passed, on the injected Clock.
 * Safe on several instances: each step is claimed alone with a lease (findAndModify); the escalation nudge has
 * a deterministic id (step, due date, manager), so a claim repeated after a crash records nothing new.
 */
@Component
class EscalationJob {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int MAX_PER_ROUND = 100;
    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final MongoTemplate mongo;
    private final RecipientRepository recipients;
    private final NudgeRecorder nudges;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    EscalationJob(MongoTemplate mongo, RecipientRepository recipients, NudgeRecorder nudges, Clock clock) {
        this.mongo = mongo;
        this.recipients = recipients;
        this.nudges = nudges;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${skillpath.escalation.poll-ms:5000}", initialDelay = 2000)
    void onSchedule() {
        try {
            escalateDue();
        } catch (RuntimeException e) {
            log.warn("escalation round failed: {}", e.toString());
        }
    }

    /** Escalates every step due for it now; returns how many escalation nudges were recorded. */
    int escalateDue() {
        int recorded = 0;
        for (int i = 0; i < MAX_PER_ROUND; i++) {
            OverdueStep step = claim(clock.instant());
            if (step == null) {
                break;
            }
            if (escalate(step)) {
                recorded++;
            }
        }
        return recorded;
    }

    private OverdueStep claim(Instant now) {
        Query due = new Query(Criteria.where("status").is(OverdueStep.Status.OPEN).and("resolved").is(false)
                .and("escalateAt").lte(now).and("leaseUntil").lt(now)).with(Sort.by("escalateAt"));
        return mongo.findAndModify(due, new Update().set("leaseUntil", now.plus(LEASE)).set("leaseOwner", owner),
                FindAndModifyOptions.options().returnNew(true), OverdueStep.class);
    }

    private boolean escalate(OverdueStep step) {
        String managerId = step.getManagerId() != null ? step.getManagerId()
                : recipients.findByPersonIdAndOrgId(step.getPersonId(), step.getOrgId())
                .map(Recipient::getManagerId).orElse(null);
        if (managerId == null || managerId.isBlank()) {
            finish(step, OverdueStep.Status.NO_MANAGER, null);
            log.info("overdue step {} of person {} has no manager to escalate to", step.getStepId(), step.getPersonId());
            return false;
        }
        int daysOverdue = (int) ChronoUnit.DAYS.between(step.getDueOn(), clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
        boolean recorded = nudges.record(DeterministicIds.of(step.getId(), managerId, NudgeKind.OVERDUE_ESCALATION.name()),
                step.getCauseEventId(), step.getOrgId(), managerId, NudgeKind.OVERDUE_ESCALATION,
                new EscalationModel(step.getPlanId(), step.getStepId(), step.getTitle(), step.getDueOn(),
                        step.getPersonId(), Math.max(1, daysOverdue)), List.of(step.getPersonId()), null);
        finish(step, OverdueStep.Status.ESCALATED, managerId);
        log.info("overdue step {} of person {} escalated to manager {}", step.getStepId(), step.getPersonId(), managerId);
        return recorded;
    }

    /** Only the lease holder finishes: the filter on the owner keeps a late instance from overwriting. */
    private void finish(OverdueStep step, OverdueStep.Status status, String managerId) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(step.getId()).and("leaseOwner").is(owner)),
                new Update().set("status", status).set("escalatedTo", managerId).set("leaseUntil", Instant.EPOCH)
                        .unset("leaseOwner"), OverdueStep.class);
    }
}
