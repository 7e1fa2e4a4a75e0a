package org.skillpath.progress.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.InboundEvent;
import org.skillpath.kit.events.PoisonEventException;
import org.skillpath.progress.access.TenancyCheck;
import org.skillpath.progress.people.PersonErasure;
import org.skillpath.progress.people.PersonUpserted;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the dashboard read model ({@link DashboardMember}) from events, and only from events. Every write is
 * idempotent and commutes with the others (see {@link DashboardMember}), so a redelivery changes nothing and a
 * replay of the topics from the beginning, in whatever interleaving, rebuilds the same documents.
 * {@link #apply(InboundEvent)} is the single entry: the consumers call it after their own processing, and a
 * rebuild calls it with the records of the topics.
 */
@Component
public class DashboardProjection implements PersonErasure {

    static final String PERSON_UPSERTED = "org.skillpath.person.upserted";
    static final String PERSON_ERASED = "org.skillpath.person.erased";
    static final String GAPS_IDENTIFIED = "org.skillpath.skillgaps.identified";
    static final String PLAN_CREATED = "org.skillpath.plan.created";
    static final String PLAN_ACTIVATED = "org.skillpath.plan.activated";
    static final String PLAN_REVISED = "org.skillpath.plan.revised";
    static final String STEP_COMPLETED = "org.skillpath.step.completed";
    static final String PLAN_COMPLETED = "org.skillpath.plan.completed";

    private final MongoTemplate mongo;
    private final ObjectMapper json;

    public DashboardProjection(MongoTemplate mongo, ObjectMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GapsIdentified(String assessmentId, String personId, String orgId, String roleProfileId, String roleName,
                          Instant identifiedAt, List<Gap> gaps, List<Strength> strengths,
                          List<DashboardMember.Growth> growth) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Gap(String skillId, String skillName, Double currentLevel, Double targetLevel) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Strength(String skillId, String skillName, Double level) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanSnapshot(String planId, String personId, String orgId, String assessmentId, Instant createdAt,
                        LocalDate startsOn, LocalDate endsOn, String status, Integer revision, Instant revisedAt,
                        Instant activatedAt, List<Step> steps) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Step(String stepId, String title, String skillId, Double effortHours, LocalDate dueOn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StepDone(String planId, String stepId, String personId, String orgId, Instant completedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanDone(String planId, String personId, String orgId, Instant completedAt) {
    }

    /** Applies one event of any topic the dashboard reads; types it does not need are ignored. */
    public void apply(InboundEvent event) {
        switch (event.type()) {
            case PERSON_UPSERTED -> personUpserted(event.data(json, PersonUpserted.class).requireComplete());
            case PERSON_ERASED -> erase(event.orgId(), event.key());
            case GAPS_IDENTIFIED -> gapsIdentified(read(event, GapsIdentified.class));
            case PLAN_CREATED -> planCreated(read(event, PlanSnapshot.class));
            case PLAN_ACTIVATED -> planActivated(read(event, PlanSnapshot.class));
            case PLAN_REVISED -> planRevised(read(event, PlanSnapshot.class));
            case STEP_COMPLETED -> stepCompleted(read(event, StepDone.class));
            case PLAN_COMPLETED -> planCompleted(read(event, PlanDone.class));
            default -> { }
        }
    }

    void personUpserted(PersonUpserted person) {
        change(person.orgId(), person.personId(), new Update()
                .set("displayName", person.displayName()).set("managerId", person.managerId())
                .set("department", person.department()).set("active", person.active()));
    }

    /** Last writer wins by the assessment's own time: an older assessment arriving late changes nothing. */
    void gapsIdentified(GapsIdentified g) {
        require(g.identifiedAt() != null && g.personId() != null, "skillgaps.identified lacks personId or identifiedAt");
        List<DashboardMember.SkillLevel> levels = new ArrayList<>();
        int rank = 1;
        for (Gap gap : nullSafe(g.gaps())) {
            levels.add(new DashboardMember.SkillLevel(gap.skillId(), gap.skillName(), value(gap.currentLevel()),
                    gap.targetLevel(), rank++));
        }
        for (Strength s : nullSafe(g.strengths())) {
            levels.add(new DashboardMember.SkillLevel(s.skillId(), s.skillName(), value(s.level()), null, null));
        }
        DashboardMember.Gaps gaps = new DashboardMember.Gaps(g.assessmentId(), g.roleProfileId(), g.roleName(),
                g.identifiedAt(), levels, nullSafe(g.growth()));
        changeWhere(g.orgId(), g.personId(), Criteria.where("gapsAt").lt(g.identifiedAt()),
                new Update().set("gapsAt", g.identifiedAt()).set("gaps", gaps));
    }

    void planCreated(PlanSnapshot p) {
        require(p.createdAt() != null && p.steps() != null, "plan.created lacks createdAt or steps");
        String at = plan(p);
        List<DashboardMember.DashStep> steps = steps(p.steps());
        // The original steps only while no revision has replaced them.
        Criteria original = Criteria.where(at + ".stepsRevision").exists(false);
        // Usually the person's document is there and no revision came first: header and steps in one write.
        if (mongo.updateFirst(member(p.orgId(), p.personId()).addCriteria(original),
                planHeader(p, at, steps).set(at + ".steps", steps).set(at + ".stepsRevision", 0),
                DashboardMember.class).getMatchedCount() == 0) {
            change(p.orgId(), p.personId(), planHeader(p, at, steps));
            mongo.updateFirst(member(p.orgId(), p.personId()).addCriteria(original),
                    new Update().set(at + ".steps", steps).set(at + ".stepsRevision", 0), DashboardMember.class);
        }
    }

    /** What plan.created says about the plan, whatever revisions came before it. */
    private static Update planHeader(PlanSnapshot p, String at, List<DashboardMember.DashStep> steps) {
        Update header = new Update().set(at + ".planId", p.planId()).set(at + ".assessmentId", p.assessmentId())
                .set(at + ".createdAt", p.createdAt()).set(at + ".startsOn", p.startsOn())
                .set(at + ".endsOn", p.endsOn()).max("lastActivityAt", p.createdAt());
        if ("ACTIVE".equals(p.status())) {
            header.min(at + ".activatedAt", p.createdAt());
        }
        header.addToSet(at + ".stepsEver").each(steps.toArray());
        return header;
    }

    void planActivated(PlanSnapshot p) {
        require(p.activatedAt() != null, "plan.activated lacks activatedAt");
        String at = plan(p);
        change(p.orgId(), p.personId(),
                new Update().min(at + ".activatedAt", p.activatedAt()).max("lastActivityAt", p.activatedAt()));
    }

    /** The newest revision's steps win, whatever order revisions arrive in. */
    void planRevised(PlanSnapshot p) {
        require(p.revision() != null && p.revisedAt() != null && p.steps() != null,
                "plan.revised lacks revision, revisedAt or steps");
        String at = plan(p);
        List<DashboardMember.DashStep> steps = steps(p.steps());
        Update always = new Update();
        if (!steps.isEmpty()) {
            always.addToSet(at + ".stepsEver").each(steps.toArray());
        }
        if ("ARCHIVED".equals(p.status())) {
            always.min(at + ".archivedAt", p.revisedAt());
        }
        always.set(at + ".planId", p.planId());
        change(p.orgId(), p.personId(), always);
        mongo.updateFirst(member(p.orgId(), p.personId())
                        .addCriteria(Criteria.where(at + ".stepsRevision").not().gte(p.revision())),
                new Update().set(at + ".steps", steps).set(at + ".stepsRevision", p.revision()),
                DashboardMember.class);
    }

    void stepCompleted(StepDone s) {
        require(s.completedAt() != null && s.stepId() != null, "step.completed lacks stepId or completedAt");
        String at = "plans." + safeKey(s.planId());
        change(s.orgId(), s.personId(), new Update().set(at + ".planId", s.planId())
                .addToSet(at + ".done", new DashboardMember.Done(s.stepId(), s.completedAt()))
                .max("lastActivityAt", s.completedAt()));
    }

    void planCompleted(PlanDone p) {
        require(p.completedAt() != null, "plan.completed lacks completedAt");
        String at = "plans." + safeKey(p.planId());
        change(p.orgId(), p.personId(), new Update().set(at + ".planId", p.planId())
                .min(at + ".completedAt", p.completedAt()).max("lastActivityAt", p.completedAt()));
    }

    @Override
    public void erase(String orgId, String personId) {
        if (personId == null || personId.isBlank()) {
            throw new PoisonEventException("person.erased needs the person id as record key");
        }
        mongo.remove(member(orgId, personId), DashboardMember.class);
    }

    /** The role profile an assessment measured against, when the dashboard has seen its gaps. */
    public String roleProfileOf(String orgId, String personId, String assessmentId) {
        DashboardMember m = mongo.findOne(member(orgId, personId), DashboardMember.class);
        return m != null && m.gaps() != null && assessmentId != null && assessmentId.equals(m.gaps().assessmentId())
                ? m.gaps().roleProfileId() : null;
    }

    private String plan(PlanSnapshot p) {
        require(p.planId() != null && p.personId() != null && p.orgId() != null, "plan event lacks planId, personId or orgId");
        return "plans." + safeKey(p.planId());
    }

    /**
     * Applies an unconditional change to the person's document, creating the document in the same write if it
     * is not there yet. The document belongs to one organisation: an event naming the same person id for another
     * organisation makes the upsert an insert of an existing id, which fails, and the event is refused.
     */
    private void change(String orgId, String personId, Update update) {
        require(orgId != null && personId != null, "event lacks orgId or personId");
        try {
            mongo.upsert(member(orgId, personId), update.setOnInsert("gapsAt", Instant.EPOCH), DashboardMember.class);
        } catch (DuplicateKeyException otherOrg) {
            throw TenancyCheck.mismatch(orgId, "person", personId);
        }
    }

    /**
     * Applies a change guarded by {@code condition}: one write when the person's document is there (the usual
     * case: person.upserted comes first); otherwise the document is created first and the change applied to it.
     */
    private void changeWhere(String orgId, String personId, Criteria condition, Update update) {
        require(orgId != null && personId != null, "event lacks orgId or personId");
        if (mongo.updateFirst(member(orgId, personId).addCriteria(condition), update, DashboardMember.class)
                .getMatchedCount() == 0) {
            change(orgId, personId, new Update());
            mongo.updateFirst(member(orgId, personId).addCriteria(condition), update, DashboardMember.class);
        }
    }

    private static Query member(String orgId, String personId) {
        return Query.query(Criteria.where("_id").is(personId).and("orgId").is(orgId));
    }

    private static List<DashboardMember.DashStep> steps(List<Step> steps) {
        return steps.stream().map(s -> new DashboardMember.DashStep(s.stepId(), s.title(), s.skillId(),
                value(s.effortHours()), s.dueOn())).toList();
    }

    /** Plan ids become field names inside the document, where '.' and a leading '$' mean something. */
    private static String safeKey(String key) {
        if (key == null || key.isBlank() || key.contains(".") || key.startsWith("$")) {
            throw new PoisonEventException("plan id " + key + " cannot key the dashboard");
        }
        return key;
    }

    private <T> T read(InboundEvent event, Class<T> type) {
        T data = event.data(json, type);
        String orgId = orgOf(data);
        if (orgId != null && !orgId.equals(event.orgId())) {
            throw new PoisonEventException("event " + event.id() + " orgid " + event.orgId()
                    + " differs from its data's orgId " + orgId);
        }
        return data;
    }

    private static String orgOf(Object data) {
        if (data instanceof GapsIdentified g) {
            return g.orgId();
        }
        if (data instanceof PlanSnapshot p) {
            return p.orgId();
        }
        if (data instanceof StepDone s) {
            return s.orgId();
        }
        if (data instanceof PlanDone p) {
            return p.orgId();
        }
        return null;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new PoisonEventException(problem);
        }
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
