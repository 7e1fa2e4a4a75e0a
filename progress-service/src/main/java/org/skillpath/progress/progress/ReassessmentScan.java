package org.skillpath.progress.progress;


import org.skillpath.progress.dashboard.DashboardProjection;
import org.skillpath.progress.schedule.JobLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Emits reassessment.due once the delay after a completed plan has passed, so the next assessment measures
 * growth. Lease-guarded like the due-date scan; each plan flips its pending flag in the same guarded save as the
 * event, whose id derives from the plan.
 */
@Component
public class ReassessmentScan {

    static final String JOB = "reassessment-scan";
    private static final Logger log = LoggerFactory.getLogger(ReassessmentScan.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final PlanProgressService plans;
    private final DashboardProjection dashboard;
    private final JobLease lease;

    ReassessmentScan(MongoTemplate mongo, PlanProgressService plans, DashboardProjection dashboard, JobLease lease) {
        this.mongo = mongo;
        this.plans = plans;
        this.dashboard = dashboard;
        this.lease = lease;
    }

    /** One pass; returns the number of reassessment.due events raised, or -1 without the lease. */
    public int runOnce() {
        return LeasedPlanScan.run(lease, JOB, mongo, () -> {
            Query due = Query.query(Criteria.where("reassessmentPending").is(true)
                    .and("reassessmentDueOn").lte(plans.context().today()))
                    .with(Sort.by("reassessmentDueOn", "_id")).limit(BATCH);
            due.fields().include("_id", "orgId", "personId", "assessmentId");
            return due;
        }, log, candidate -> {
            String roleProfileId = dashboard.roleProfileOf(candidate.getOrgId(), candidate.getPersonId(),
                    candidate.getAssessmentId());
            return plans.update(candidate.getOrgId(), candidate.getPlanId(), c -> c.plan()
                    .raiseReassessmentDue(c.context().today(), c.context().now(), roleProfileId,
                            c.context().events())).orElse(false) ? 1 : 0;
        });
    }
}
