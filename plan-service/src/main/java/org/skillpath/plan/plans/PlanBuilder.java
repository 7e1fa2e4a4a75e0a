package org.skillpath.plan.plans;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.Catalog;
import org.skillpath.plan.catalog.CatalogIndex;
import org.skillpath.plan.catalog.Format;
import org.skillpath.plan.catalog.Sessions;
import org.skillpath.plan.mentoring.MentorPool;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.people.PersonViews;
import org.skillpath.plan.planning.KeptStep;
import org.skillpath.plan.planning.MentorMatch;
import org.skillpath.plan.planning.PlanDraft;
import org.skillpath.plan.planning.PlannedStep;
import org.skillpath.plan.planning.Planner;
import org.skillpath.plan.planning.PlanningInput;
import org.skillpath.plan.planning.PlanningRules;
import org.skillpath.plan.planning.SessionSlot;
import org.skillpath.plan.planning.SkillGap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gathers what the pure planner needs (the catalog for the gaps' skills, open sessions, the eligible mentor pool,
 * the person's completions and preferences), runs it, and takes the seats and mentor slots the draft uses. A seat
 * or slot taken by someone else in the meantime is left out and the plan built again, a few times at most.
 * Reservations are keyed by the plan, so building the same plan again holds the same seats, never more.
 */
@Component
class PlanBuilder {

    private static final int ATTEMPTS = 5;

    /** A draft and the reservations it holds. */
    record Built(PlanDraft draft, double weeklyBudgetHours, Map<String, String> seats, Set<String> mentors) {
    }

    private final Catalog catalog;
    private final Sessions sessions;
    private final MentorPool mentorPool;
    private final PersonViews people;
    private final double defaultBudget;
    private final int defaultHorizon;
    private final PlanningRules rules;

    PlanBuilder(Catalog catalog, Sessions sessions, MentorPool mentorPool, PersonViews people,
                @Value("${skillpath.planning.weekly-budget-hours}") double defaultBudget,
                @Value("${skillpath.planning.horizon-weeks}") int defaultHorizon,
                @Value("${skillpath.planning.focus-gaps:3}") int focusGaps,
                @Value("${skillpath.planning.mix-tolerance:0.10}") double mixTolerance) {
        this.catalog = catalog;
        this.sessions = sessions;
        this.mentorPool = mentorPool;
        this.people = people;
        this.defaultBudget = defaultBudget;
        this.defaultHorizon = defaultHorizon;
        this.rules = new PlanningRules(focusGaps, mixTolerance);
    }

    /** @param person the person planned for, as stored (their preferences, completions and reporting line) */
    Built build(PersonView person, String planId, List<SkillGap> gaps, List<KeptStep> kept, LocalDate startsOn) {
        String orgId = person.orgId();
        Context c = context(orgId, person.personId(), person, planId, gaps, startsOn, -1);
        Set<String> fullSessions = new HashSet<>();
        Set<String> fullMentors = new HashSet<>();
        Map<String, String> heldSeats = new LinkedHashMap<>();
        Set<String> heldMentors = new HashSet<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PlanDraft draft = Planner.plan(c.input(kept, fullSessions, fullMentors));
            boolean complete = true;
            for (PlannedStep step : draft.steps()) {
                if (step.sessionId() == null) {
                    continue;
                }
                String key = Sessions.key(planId, step.activityId());
                if (sessions.reserve(step.sessionId(), key)) {
                    heldSeats.put(step.sessionId(), key);
                } else {
                    fullSessions.add(step.sessionId());
                    complete = false;
                }
            }
            for (MentorMatch match : draft.mentors()) {
                if (mentorPool.reserve(orgId, c.mentors, match.mentorId(), planId)) {
                    heldMentors.add(match.mentorId());
                } else {
                    fullMentors.add(match.mentorId());
                    complete = false;
                }
            }
            if (complete) {
                Set<String> usedSeats = draft.steps().stream().map(PlannedStep::sessionId)
                        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
                Set<String> usedMentors = draft.mentors().stream().map(MentorMatch::mentorId).collect(Collectors.toSet());
                heldSeats.forEach((session, key) -> {
                    if (!usedSeats.contains(session)) {
                        sessions.release(session, key);
                    }
                });
                heldSeats.keySet().retainAll(usedSeats);
                heldMentors.stream().filter(m -> !usedMentors.contains(m) && !c.alreadyHeld(m, planId))
                        .forEach(m -> mentorPool.release(m, planId));
                heldMentors.retainAll(usedMentors);
                return new Built(draft, c.budget, heldSeats, heldMentors);
            }
        }
        heldSeats.forEach(sessions::release);
        heldMentors.stream().filter(m -> !c.alreadyHeld(m, planId)).forEach(m -> mentorPool.release(m, planId));
        throw new IllegalStateException("plan " + planId + ": seats or mentors kept being taken by others; retried "
                + ATTEMPTS + " times");
    }

    /** Gives back what a built plan holds (when it is not stored after all). */
    void release(String planId, Built built, Set<String> keepMentors) {
        built.seats().forEach(sessions::release);
        built.mentors().stream().filter(m -> !keepMentors.contains(m)).forEach(m -> mentorPool.release(m, planId));
    }

    /** What the step could be swapped for, from the step's start on, within the plan's dates. */
    List<PlannedStep> alternatives(Plan plan, PlanStep replaced, int max) {
        SkillGap gap = plan.getGaps().stream().filter(g -> g.skillId().equals(replaced.skillId())).findFirst()
                .orElseGet(() -> new SkillGap(replaced.skillId(), replaced.skillId(), 0, 1, 1, 1, 0));
        Context c = context(plan.getOrgId(), plan.getPersonId(),
                people.find(plan.getOrgId(), plan.getPersonId()).orElse(null), plan.getId(), List.of(gap),
                plan.getStartsOn(), (int) ChronoUnit.WEEKS.between(plan.getStartsOn(), plan.getEndsOn()));
        List<KeptStep> others = plan.getSteps().stream().filter(s -> !s.stepId().equals(replaced.stepId()))
                .map(s -> kept(s, plan.getCompletedStepIds().contains(s.stepId()))).toList();
        PlanningInput input = c.input(others, Set.of(), Set.of());
        return Planner.alternatives(new PlanningInput(input.gaps(), input.catalog(), input.sessions(), input.mentors(),
                        input.completedActivityIds(), others, plan.getWeeklyBudgetHours(), input.horizonWeeks(),
                        input.startsOn(), input.rules()), gap, replaced.activityId(),
                replaced.startsOn(), max);
    }

    static KeptStep kept(PlanStep s, boolean completed) {
        return new KeptStep(s.activityId(), s.skillId(), s.bucket(), s.effortHours(), s.startsOn(), s.dueOn(), completed);
    }

    /** @param person the person as stored, or null when not known (the defaults apply) */
    private Context context(String orgId, String personId, PersonView person, String planId, List<SkillGap> gaps,
                            LocalDate startsOn, int horizonWeeks) {
        double budget = person == null || person.weeklyBudgetHours() == null ? defaultBudget : person.weeklyBudgetHours();
        int horizon = horizonWeeks > 0 ? horizonWeeks
                : person == null || person.horizonWeeks() == null ? defaultHorizon : person.horizonWeeks();
        Set<String> completed = person == null ? Set.of() : Set.copyOf(person.completedActivityIds());
        List<Activity> activities = catalog.forPlanning(orgId, gaps.stream().map(SkillGap::skillId).distinct().toList());
        List<String> workshops = activities.stream().filter(a -> a.format() == Format.WORKSHOP).map(Activity::id).toList();
        Map<String, List<SessionSlot>> slots = new HashMap<>(sessions.openSlots(orgId, workshops, startsOn,
                startsOn.plusWeeks(horizon)));
        MentorPool.Snapshot mentors = person == null ? mentorPool.eligibleFor(orgId, personId, planId)
                : mentorPool.eligibleFor(person, planId);
        return new Context(gaps, CatalogIndex.of(activities), slots, mentors, completed, budget, horizon, startsOn);
    }

    private final class Context {
        final List<SkillGap> gaps;
        final CatalogIndex index;
        final Map<String, List<SessionSlot>> slots;
        final MentorPool.Snapshot mentors;
        final Set<String> completed;
        final double budget;
        final int horizon;
        final LocalDate startsOn;

        Context(List<SkillGap> gaps, CatalogIndex index, Map<String, List<SessionSlot>> slots,
                MentorPool.Snapshot mentors, Set<String> completed, double budget, int horizon, LocalDate startsOn) {
            this.gaps = gaps;
            this.index = index;
            this.slots = slots;
            this.mentors = mentors;
            this.completed = completed;
            this.budget = budget;
            this.horizon = horizon;
            this.startsOn = startsOn;
        }

        PlanningInput input(List<KeptStep> kept, Set<String> fullSessions, Set<String> fullMentors) {
            Map<String, List<SessionSlot>> open = new HashMap<>();
            slots.forEach((activity, list) -> open.put(activity, list.stream()
                    .filter(s -> !fullSessions.contains(s.sessionId())).toList()));
            return new PlanningInput(gaps, index, open, mentors.without(fullMentors).candidates(), completed,
                    new ArrayList<>(kept), budget, horizon, startsOn, rules);
        }

        boolean alreadyHeld(String mentorId, String planId) {
            PersonView p = mentors.records().get(mentorId);
            return p != null && p.menteePlans().contains(planId);
        }
    }
}
