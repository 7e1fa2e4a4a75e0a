package org.skillpath.notification.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.notification.escalation.OverdueStep;
import org.skillpath.notification.escalation.OverdueSteps;
import org.skillpath.notification.nudges.ManagerDigestModel;
import org.skillpath.notification.nudges.NudgeKind;
import org.skillpath.notification.nudges.NudgeRecorder;
import org.skillpath.notification.policy.IsoWeek;
import org.skillpath.notification.recipients.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once the ISO week (UTC) is over, records one MANAGER_DIGEST nudge per manager with news from their reports:
 * steps completed, steps still overdue, plans started or completed, reassessments due. Safe on several
 * instances: one run per week is claimed with a lease in {@code scheduled_runs}, and each digest's id derives
 * from (week, organisation, manager), so a repeated run records nothing twice. A manager whose team had no
 * news gets no mail. The digest is delivered like every nudge: in the manager's morning, not at night.
 */
@Component
class ManagerDigestJob {

    static final String RUNS = "scheduled_runs";
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(ManagerDigestJob.class);

    private final MongoTemplate mongo;
    private final TeamActivities activities;
    private final OverdueSteps overdueSteps;
    private final NudgeRecorder nudges;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    ManagerDigestJob(MongoTemplate mongo, TeamActivities activities, OverdueSteps overdueSteps, NudgeRecorder nudges,
                     Clock clock) {
        this.mongo = mongo;
        this.activities = activities;
        this.overdueSteps = overdueSteps;
        this.nudges = nudges;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${skillpath.manager-digest.poll-ms:60000}", initialDelay = 5000)
    void onSchedule() {
        try {
            runFor(IsoWeek.of(clock.instant(), ZoneOffset.UTC).previous());
        } catch (RuntimeException e) {
            log.warn("manager digest run failed: {}", e.toString());
        }
    }

    /** Records the digests of {@code week} unless a run of it is done or under way; returns how many. */
    int runFor(IsoWeek week) {
        String runId = "manager-digest/" + week;
        if (!claim(runId)) {
            return 0;
        }
        int recorded = 0;
        Map<String, Map<String, List<String>>> teams = teams();
        for (Map.Entry<String, Map<String, List<String>>> org : teams.entrySet()) {
            for (Map.Entry<String, List<String>> team : org.getValue().entrySet()) {
                if (digest(week, org.getKey(), team.getKey(), team.getValue())) {
                    recorded++;
                }
            }
        }
        mongo.updateFirst(new Query(Criteria.where("_id").is(runId)), new Update().set("done", true)
                .set("finishedAt", clock.instant()).set("digests", recorded), Run.class);
        log.info("manager digests of {}: {} recorded", week, recorded);
        return recorded;
    }

    /** The run's document is created once; then one instance at a time leases it until it is done. */
    private boolean claim(String runId) {
        Instant now = clock.instant();
        Idempotency.insertOnce(mongo, new Run(runId, false, Instant.EPOCH, null, null, null));
        Query claimable = new Query(Criteria.where("_id").is(runId).and("done").is(false).and("leaseUntil").lt(now));
        return mongo.findAndModify(claimable, new Update().set("leaseUntil", now.plus(LEASE)).set("leaseOwner", owner),
                FindAndModifyOptions.options().returnNew(true), Run.class) != null;
    }

    /** orgId → managerId → report ids, for every active, known person with a manager. */
    private Map<String, Map<String, List<String>>> teams() {
        Map<String, Map<String, List<String>>> teams = new TreeMap<>();
        Query withManager = new Query(Criteria.where("managerId").ne(null).and("active").is(true).and("erased").ne(true))
                .with(Sort.by("orgId", "_id"));
        withManager.fields().include("_id", "orgId", "managerId");
        try (Stream<Recipient> people = mongo.stream(withManager, Recipient.class)) {
            people.forEach(p -> teams.computeIfAbsent(p.getOrgId(), o -> new TreeMap<>())
                    .computeIfAbsent(p.getManagerId(), m -> new ArrayList<>()).add(p.getPersonId()));
        }
        return teams;
    }

    private boolean digest(IsoWeek week, String orgId, String managerId, List<String> reportIds) {
        Map<String, List<TeamActivity>> byPerson = new LinkedHashMap<>();
        reportIds.forEach(id -> byPerson.put(id, new ArrayList<>()));
        activities.during(orgId, reportIds, week.startUtc(), week.endUtc())
                .forEach(a -> byPerson.get(a.personId()).add(a));
        Map<String, List<OverdueStep>> overdue = new LinkedHashMap<>();
        overdueSteps.open(orgId, reportIds).forEach(s -> overdue.computeIfAbsent(s.getPersonId(), p -> new ArrayList<>()).add(s));
        List<ManagerDigestModel.Report> reports = new ArrayList<>();
        for (Map.Entry<String, List<TeamActivity>> e : byPerson.entrySet()) {
            ManagerDigestModel.Report report = report(e.getKey(), e.getValue(), overdue.getOrDefault(e.getKey(), List.of()));
            if (report != null) {
                reports.add(report);
            }
        }
        if (reports.isEmpty()) {
            return false;
        }
        ManagerDigestModel model = new ManagerDigestModel(week.toString(), week.monday(), week.monday().plusDays(6),
                reports);
        String cause = "manager-digest/" + week;
        return nudges.record(DeterministicIds.of(cause, orgId, managerId, NudgeKind.MANAGER_DIGEST.name()), cause,
                orgId, managerId, NudgeKind.MANAGER_DIGEST, model, model.personIds(), null);
    }

    /** The report's week, or null when nothing happened and nothing is overdue. */
    private static ManagerDigestModel.Report report(String personId, List<TeamActivity> week, List<OverdueStep> overdue) {
        if (week.isEmpty() && overdue.isEmpty()) {
            return null;
        }
        List<String> completed = new ArrayList<>();
        boolean started = false;
        boolean planCompleted = false;
        LocalDate reassessment = null;
        Integer progress = null;
        for (TeamActivity a : week) {
            switch (a.type()) {
                case STEP_COMPLETED -> {
                    completed.add(a.title());
                    progress = a.progressPercent();
                }
                case PLAN_STARTED -> started = true;
                case PLAN_COMPLETED -> {
                    planCompleted = true;
                    progress = 100;
                }
                case REASSESSMENT_DUE -> reassessment = a.date();
                case STEP_OVERDUE -> {
                    // Shown from the open overdue steps below, which also drop the ones completed since.
                }
            }
        }
        List<ManagerDigestModel.Overdue> open = overdue.stream()
                .map(s -> new ManagerDigestModel.Overdue(s.getTitle(), s.getDueOn())).toList();
        return new ManagerDigestModel.Report(personId, completed, open, started, planCompleted, reassessment, progress);
    }

    @Document(RUNS)
    record Run(@Id String id, Boolean done, Instant leaseUntil, String leaseOwner, Instant finishedAt, Integer digests) {
    }
}
