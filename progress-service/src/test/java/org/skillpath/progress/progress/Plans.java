package org.skillpath.progress.progress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.skillpath.kit.consumer.Idempotency;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Progress records written straight to the store, for API tests that need no broker round trip. */
public final class Plans {

    private Plans() {
    }

    public record Step(String stepId, String format, String skillId, double effortHours, LocalDate dueOn,
                       String xapiActivityId) {
    }

    public static PlanProgress store(MongoTemplate mongo, String orgId, String personId, String planId, String status,
                                     String mentorId, LocalDate startsOn, List<Step> steps) {
        PlanCreated created = new PlanCreated(planId, personId, orgId, "assessment-" + planId,
                startsOn.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), startsOn, startsOn.plusWeeks(12), status,
                mentorId, steps.stream().map(s -> new PlanCreated.Step(s.stepId(), "act-" + s.stepId(),
                "Title of " + s.stepId(), s.format(), "FORMAL", s.skillId(), s.effortHours(), s.dueOn(),
                s.xapiActivityId())).toList()).requireComplete();
        PlanProgress plan = PlanProgress.of(created);
        Idempotency.insertOnce(mongo, plan);
        return plan;
    }

    public static PlanProgress load(MongoTemplate mongo, String planId) {
        return mongo.findById(planId, PlanProgress.class);
    }

    public static Instant at(LocalDate day) {
        return day.atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
    }
}
