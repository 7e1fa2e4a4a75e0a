package org.skillpath.progress.progress;

import java.time.LocalDate;
import java.util.List;

import org.skillpath.progress.access.Access;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.schedule.JobLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The overdue and due-soon scan: finds active plans whose next interesting day has come (an indexed field each
 * plan keeps current) and raises step.overdue / step.due-soon once per step and due date. Safe on several
 * instances twice over: a lease lets one instance scan at a time, and each plan records the due date it has
 * signalled in the same guarded save as the event (whose id derives from plan, step and due date).
 */
@Component
public class DueDateScan {

    static final String JOB = "due-date-scan";
    private static final Logger log = LoggerFactory.getLogger(DueDateScan.class);
    private static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final PlanProgressService plans;
    private final Access access;
    private final JobLease lease;

    DueDateScan(MongoTemplate mongo, PlanProgressService plans, Access access, JobLease lease) {
        this.mongo = mongo;
        this.plans = plans;
        this.access = access;
        this.lease = lease;
    }

    /** One pass; returns the number of signals raised, or -1 when another instance holds the lease. */
    public int runOnce() {
        return LeasedPlanScan.run(lease, JOB, mongo, () -> {
            Query due = Query.query(Criteria.where("status").is(PlanProgress.ACTIVE)
                    .and("nextScanOn").lte(plans.context().today())).with(Sort.by("nextScanOn", "_id")).limit(BATCH);
            due.fields().include("_id", "orgId", "personId");
            return due;
        }, log, candidate -> {
            String managerId = access.person(candidate.getOrgId(), candidate.getPersonId())
                    .map(PersonView::managerId).orElse(null);
            return plans.update(candidate.getOrgId(), candidate.getPlanId(), c -> c.plan()
                    .signalDueDates(c.context().today(), c.context().now(), c.context().policy(),
                            c.context().events(), managerId)).orElse(0);
        });
    }

    /** Plans the scan would look at today; for operators and tests. */
    public List<String> candidates() {
        LocalDate today = plans.context().today();
        return mongo.find(Query.query(Criteria.where("status").is(PlanProgress.ACTIVE).and("nextScanOn").lte(today)),
                PlanProgress.class).stream().map(PlanProgress::getPlanId).toList();
    }
}
