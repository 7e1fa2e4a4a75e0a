package org.skillpath.progress.progress;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.skillpath.progress.schedule.JobLease;
import org.slf4j.Logger;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The shape every scheduled scan of plans shares: one instance at a time under a lease, a bounded batch of
 * candidates, and one plan's trouble never stopping the others (it is picked up again next run).
 */
final class LeasedPlanScan {

    private LeasedPlanScan() {
    }

    /**
     * @param due  the candidates, built once the lease is held
     * @param each what to do with one candidate; returns the number of events it raised
     * @return the events raised, or -1 when another instance holds the lease
     */
    static int run(JobLease lease, String job, MongoTemplate mongo, Supplier<Query> due, Logger log,
                   ToIntFunction<PlanProgress> each) {
        if (!lease.tryAcquire(job, Duration.ofMinutes(5))) {
            return -1;
        }
        try {
            int raised = 0;
            for (PlanProgress candidate : mongo.find(due.get(), PlanProgress.class)) {
                try {
                    raised += each.applyAsInt(candidate);
                } catch (RuntimeException e) {
                    log.warn("{} of plan {} failed: {}", job, candidate.getPlanId(), e.toString());
                }
            }
            return raised;
        } finally {
            lease.release(job);
        }
    }
}
