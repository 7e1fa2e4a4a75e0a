package org.skillpath.plan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.Bucket;
import org.skillpath.plan.catalog.CatalogIndex;
import org.skillpath.plan.catalog.Format;

/**
 * The planner's rules over random gaps, catalogs, sessions, budgets, completions and mentor pools. Each scenario
 * is built from a seed plus the budget and horizon jqwik draws, so a failure names a reproducible case.
 */
class PlannerPropertiesTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final double EPSILON = 1e-9;

    record Scenario(PlanningInput input, Map<String, Activity> byId) {
        PlanDraft plan() {
            return Planner.plan(input);
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 300)
    void theWeeklyBudgetIsNeverExceededAndEveryStepLiesWithinTheHorizon(@ForAll("seeds") long seed,
            @ForAll @DoubleRange(min = 0.5, max = 12) double budget, @ForAll @IntRange(min = 1, max = 26) int horizon) {
        Scenario s = random(seed, budget, horizon, false);
        PlanDraft draft = s.plan();
        double[] load = new double[horizon];
        for (PlannedStep step : draft.steps()) {
            assertThat(step.startsOn()).isAfterOrEqualTo(draft.startsOn());
            assertThat(step.dueOn()).isAfter(step.startsOn()).isBeforeOrEqualTo(draft.endsOn());
            int first = Math.floorDiv(day(step.startsOn()), 7);
            int last = Math.floorDiv(day(step.dueOn()) + 6, 7);
            for (int w = first; w < last; w++) {
                load[w] += step.effortHours() / (last - first);
            }
        }
        for (double week : load) {
            assertThat(week).isLessThanOrEqualTo(budget + EPSILON);
        }
        assertThat(draft.endsOn()).isEqualTo(MONDAY.plusWeeks(horizon));
    }

    @Property(tries = 300)
    void noCompletedActivityNoActivityTwicePrerequisitesFirstAndFormalBeforePractice(@ForAll("seeds") long seed,
            @ForAll @DoubleRange(min = 0.5, max = 12) double budget, @ForAll @IntRange(min = 1, max = 26) int horizon) {
        Scenario s = random(seed, budget, horizon, false);
        PlanDraft draft = s.plan();
        Map<String, PlannedStep> byActivity = new HashMap<>();
        for (PlannedStep step : draft.steps()) {
            assertThat(byActivity.put(step.activityId(), step)).as("activity twice: " + step.activityId()).isNull();
            assertThat(s.input().completedActivityIds()).doesNotContain(step.activityId());
        }
        for (PlannedStep step : draft.steps()) {
            for (String p : s.byId().get(step.activityId()).prerequisites()) {
                if (s.input().completedActivityIds().contains(p)) {
                    continue;
                }
                assertThat(byActivity).as(step.activityId() + " without its prerequisite " + p).containsKey(p);
                assertThat(byActivity.get(p).dueOn()).isBeforeOrEqualTo(step.startsOn());
            }
        }
        Map<String, List<PlannedStep>> perSkill = draft.steps().stream()
                .collect(Collectors.groupingBy(PlannedStep::skillId));
        perSkill.values().forEach(steps -> {
            for (PlannedStep practice : steps) {
                if (practice.bucket() != Bucket.EXPERIENCE) {
                    continue;
                }
                steps.stream().filter(f -> f.bucket() == Bucket.FORMAL).forEach(formal ->
                        assertThat(formal.dueOn()).as("formal %s before practice %s", formal.activityId(),
                                practice.activityId()).isBeforeOrEqualTo(practice.startsOn()));
            }
        });
    }

    @Property(tries = 300)
    void workshopsUseARealSessionWithRoomAndMentoringAMatchedMentor(@ForAll("seeds") long seed,
            @ForAll @DoubleRange(min = 0.5, max = 12) double budget, @ForAll @IntRange(min = 1, max = 26) int horizon) {
        Scenario s = random(seed, budget, horizon, false);
        PlanDraft draft = s.plan();
        for (PlannedStep step : draft.steps()) {
            if (step.format() == Format.WORKSHOP) {
                SessionSlot slot = s.input().sessions().getOrDefault(step.activityId(), List.of()).stream()
                        .filter(x -> x.sessionId().equals(step.sessionId())).findFirst().orElseThrow();
                assertThat(slot.seatsLeft()).isPositive();
                assertThat(step.startsOn()).isEqualTo(slot.startsOn());
            } else {
                assertThat(step.sessionId()).isNull();
            }
            if (step.format() == Format.MENTORING) {
                assertThat(step.mentorId()).isEqualTo(MentorMatcher.best(step.skillId(), s.input().mentors())
                        .orElseThrow().mentorId());
            } else {
                assertThat(step.mentorId()).isNull();
            }
        }
        for (SkillGap gap : focus(s.input())) {
            boolean hasMentoringActivity = s.input().catalog().forSkill(gap.skillId()).stream()
                    .anyMatch(a -> a.format() == Format.MENTORING);
            if (hasMentoringActivity && MentorMatcher.best(gap.skillId(), s.input().mentors()).isEmpty()) {
                assertThat(draft.notes()).anyMatch(n -> n.startsWith("No mentor fits " + Planner.name(gap) + " "));
            }
        }
        assertThat(draft.steps().stream().filter(x -> x.format() == Format.MENTORING)
                .collect(Collectors.groupingBy(PlannedStep::skillId, Collectors.counting())).values())
                .as("one mentoring step per gap").allMatch(n -> n == 1);
    }

    @Property(tries = 300)
    void everyFocusGapGetsAStepOrANoteAndEveryStepItsReason(@ForAll("seeds") long seed,
            @ForAll @DoubleRange(min = 0.5, max = 12) double budget, @ForAll @IntRange(min = 1, max = 26) int horizon) {
        Scenario s = random(seed, budget, horizon, false);
        PlanDraft draft = s.plan();
        List<SkillGap> focus = focus(s.input());
        Set<String> focusSkills = focus.stream().map(SkillGap::skillId).collect(Collectors.toSet());
        for (SkillGap gap : focus) {
            long steps = draft.steps().stream().filter(x -> x.skillId().equals(gap.skillId())).count();
            assertThat(steps).isLessThanOrEqualTo(1 + (long) Math.floor(gap.gap() + EPSILON));
            if (steps == 0) {
                assertThat(draft.notes()).as("why " + gap.skillId() + " has no step")
                        .anyMatch(n -> n.contains(Planner.name(gap)));
            }
        }
        assertThat(draft.steps()).allSatisfy(x -> {
            assertThat(focusSkills).contains(x.skillId());
            SkillGap gap = focus.stream().filter(g -> g.skillId().equals(x.skillId())).findFirst().orElseThrow();
            assertThat(x.reason()).startsWith("Closes the " + Planner.name(gap) + " gap of ");
        });
    }

    @Property(tries = 200)
    void whenEveryActivityFitsAThirdOfTheBudgetEveryFocusGapGetsAStepAndLargerGapsGetMore(
            @ForAll("seeds") long seed, @ForAll @IntRange(min = 6, max = 26) int horizon) {
        Scenario s = random(seed, 100, horizon, true);
        PlanDraft draft = s.plan();
        List<SkillGap> focus = focus(s.input());
        Map<String, Long> counts = draft.steps().stream()
                .collect(Collectors.groupingBy(PlannedStep::skillId, Collectors.counting()));
        for (SkillGap gap : focus) {
            assertThat(counts.getOrDefault(gap.skillId(), 0L)).as(gap.skillId()).isPositive();
        }
        for (SkillGap larger : focus) {
            for (SkillGap smaller : focus) {
                if (Math.floor(larger.gap() + EPSILON) > Math.floor(smaller.gap() + EPSILON)) {
                    assertThat(counts.get(larger.skillId())).isGreaterThan(counts.get(smaller.skillId()));
                }
            }
        }
    }

    @Property(tries = 200)
    void theMixStaysWithinToleranceWhenTheCatalogAllowsAndEveryDeviationIsExplained(@ForAll("seeds") long seed,
            @ForAll @DoubleRange(min = 0.5, max = 12) double budget, @ForAll @IntRange(min = 1, max = 26) int horizon) {
        Scenario s = random(seed, budget, horizon, false);
        PlanDraft draft = s.plan();
        assertDeviationsExplained(draft, s.input().rules().mixTolerance());

        Scenario rich = rich(seed);
        PlanDraft balanced = rich.plan();
        double tolerance = rich.input().rules().mixTolerance();
        assertThat(Math.abs(balanced.mix().experience() - 0.7)).as(balanced.notes().toString())
                .isLessThanOrEqualTo(tolerance + 1e-3);
        assertThat(Math.abs(balanced.mix().social() - 0.2)).isLessThanOrEqualTo(tolerance + 1e-3);
        assertThat(Math.abs(balanced.mix().formal() - 0.1)).isLessThanOrEqualTo(tolerance + 1e-3);
    }

    @Property(tries = 150)
    void theSameInputGivesTheSamePlanWhateverTheOrderOfItsParts(@ForAll("seeds") long seed,
            @ForAll @DoubleRange(min = 0.5, max = 12) double budget, @ForAll @IntRange(min = 1, max = 26) int horizon) {
        Scenario s = random(seed, budget, horizon, false);
        PlanDraft first = s.plan();
        Random shuffle = new Random(seed ^ 0x5DEECE66DL);
        PlanningInput in = s.input();
        List<Activity> activities = new ArrayList<>(s.byId().values());
        Collections.shuffle(activities, shuffle);
        List<SkillGap> gaps = new ArrayList<>(in.gaps());
        Collections.shuffle(gaps, shuffle);
        List<MentorCandidate> mentors = new ArrayList<>(in.mentors());
        Collections.shuffle(mentors, shuffle);
        Map<String, List<SessionSlot>> sessions = new HashMap<>();
        in.sessions().forEach((k, v) -> {
            List<SessionSlot> copy = new ArrayList<>(v);
            Collections.shuffle(copy, shuffle);
            sessions.put(k, copy);
        });
        PlanDraft again = Planner.plan(new PlanningInput(gaps, CatalogIndex.of(activities), sessions, mentors,
                in.completedActivityIds(), in.kept(), in.weeklyBudgetHours(), in.horizonWeeks(), in.startsOn(),
                in.rules()));
        assertThat(again).isEqualTo(first);
    }

    static void assertDeviationsExplained(PlanDraft draft, double tolerance) {
        Map<String, Double> shares = Map.of("experience", draft.mix().experience(), "social", draft.mix().social(),
                "formal", draft.mix().formal());
        Map<String, Double> aims = Map.of("experience", 0.7, "social", 0.2, "formal", 0.1);
        if (draft.steps().isEmpty()) {
            return;
        }
        shares.forEach((bucket, share) -> {
            if (Math.abs(share - aims.get(bucket)) > tolerance + 1e-3) {
                assertThat(draft.notes()).as(bucket + " at " + share).anyMatch(n -> n.startsWith("Mix: " + bucket + " is "));
            }
        });
    }

    static List<SkillGap> focus(PlanningInput in) {
        return in.gaps().stream().sorted(Planner.RANKING).limit(in.rules().focusGaps()).toList();
    }

    /**
     * A random scenario: 3-20 gaps over up to 20 skills; a catalog of up to 120 activities of every format with
     * levels, efforts, durations and formal prerequisites; workshop sessions with 0-3 seats; a few completed
     * activities; a mentor pool with random strengths and spare capacity; random focus and tolerance.
     * {@code easy}: every activity fits a third of the budget and has no prerequisite, nothing is completed,
     * and every gap's skill has plenty of activities.
     */
    static Scenario random(long seed, double budget, int horizon, boolean easy) {
        Random r = new Random(seed);
        int skillCount = 3 + r.nextInt(18);
        List<String> skills = new ArrayList<>();
        for (int i = 0; i < skillCount; i++) {
            skills.add(String.format("skill-%02d", i));
        }
        int gapCount = 3 + r.nextInt(Math.min(18, skillCount - 2));
        List<String> gapSkills = new ArrayList<>(skills);
        Collections.shuffle(gapSkills, r);
        List<SkillGap> gaps = new ArrayList<>();
        for (String skill : gapSkills.subList(0, gapCount)) {
            double current = Math.round(r.nextDouble() * 40) / 10.0;
            double target = Math.min(5, current + 0.1 + Math.round(r.nextDouble() * 35) / 10.0);
            gaps.add(new SkillGap(skill, "Skill " + skill.substring(6), current, target,
                    Math.round((target - current) * 10) / 10.0, 1, Math.round(r.nextDouble() * 30) / 10.0));
        }
        List<Activity> activities = new ArrayList<>();
        int count = easy ? 0 : 5 + r.nextInt(115);
        Format[] formats = Format.values();
        for (int i = 0; i < count; i++) {
            Format format = formats[r.nextInt(formats.length)];
            List<String> skillIds = new ArrayList<>(List.of(skills.get(r.nextInt(skillCount))));
            if (r.nextInt(4) == 0) {
                String other = skills.get(r.nextInt(skillCount));
                if (!skillIds.contains(other)) {
                    skillIds.add(other);
                }
            }
            int min = 1 + r.nextInt(5);
            int max = min + r.nextInt(6 - min);
            List<String> prerequisites = new ArrayList<>();
            if (format.bucket() != Bucket.FORMAL && !activities.isEmpty() && r.nextInt(5) == 0) {
                Activity p = activities.get(r.nextInt(activities.size()));
                if (p.bucket() == Bucket.FORMAL) {
                    prerequisites.add(p.id());
                }
            }
            activities.add(activity(String.format("a%03d", i), format, skillIds, min, max, 1 + r.nextInt(8),
                    1 + r.nextInt(8), prerequisites));
        }
        if (easy) {
            int i = 0;
            for (String skill : skills) {
                for (Format f : List.of(Format.PRACTICE, Format.PRACTICE, Format.FEEDBACK, Format.NETWORKING,
                        Format.COURSE, Format.READING, Format.PRACTICE)) {
                    activities.add(activity(String.format("e%03d", i++), f, List.of(skill), 1, 5, 1 + r.nextInt(4),
                            1 + r.nextInt(3), List.of()));
                }
            }
        }
        Map<String, List<SessionSlot>> sessions = new HashMap<>();
        for (Activity a : activities) {
            if (a.format() == Format.WORKSHOP) {
                List<SessionSlot> slots = new ArrayList<>();
                for (int k = r.nextInt(5); k > 0; k--) {
                    slots.add(new SessionSlot(a.id() + "@" + k, a.id(), MONDAY.plusDays(r.nextInt(7 * horizon + 7)),
                            r.nextInt(4)));
                }
                sessions.put(a.id(), slots);
            }
        }
        Set<String> completed = new HashSet<>();
        if (!easy) {
            for (Activity a : activities) {
                if (r.nextInt(8) == 0) {
                    completed.add(a.id());
                }
            }
        }
        List<MentorCandidate> mentors = new ArrayList<>();
        for (int m = r.nextInt(6); m > 0; m--) {
            Map<String, Double> strengths = new HashMap<>();
            for (int k = r.nextInt(5); k > 0; k--) {
                strengths.put(skills.get(r.nextInt(skillCount)), 3 + Math.round(r.nextDouble() * 20) / 10.0);
            }
            mentors.add(new MentorCandidate("mentor-" + m, "Mentor " + m, strengths, r.nextInt(3)));
        }
        PlanningRules rules = new PlanningRules(1 + r.nextInt(5), 0.05 + r.nextInt(16) / 100.0);
        return new Scenario(new PlanningInput(gaps, CatalogIndex.of(activities), sessions, mentors, completed,
                List.of(), budget, horizon, MONDAY, rules), activities.stream()
                .collect(Collectors.toMap(Activity::id, a -> a)));
    }

    /**
     * A catalog that allows 70-20-10: for every skill several practice steps of 6 h, social ones of 2 h and
     * formal ones of 1 h; gaps of 2 levels or more; budget and horizon to spare.
     */
    static Scenario rich(long seed) {
        Random r = new Random(seed);
        List<Activity> activities = new ArrayList<>();
        List<SkillGap> gaps = new ArrayList<>();
        int skills = 3 + r.nextInt(6);
        for (int s = 0; s < skills; s++) {
            String skill = "skill-" + s;
            for (int k = 0; k < 4; k++) {
                activities.add(activity(skill + "-practice-" + k, Format.PRACTICE, List.of(skill), 1, 5, 6, 6, List.of()));
                activities.add(activity(skill + "-feedback-" + k, Format.FEEDBACK, List.of(skill), 1, 5, 2, 2, List.of()));
                activities.add(activity(skill + "-reading-" + k, Format.READING, List.of(skill), 1, 5, 1, 1, List.of()));
            }
            double gap = 2 + Math.round(r.nextDouble() * 20) / 10.0;
            gaps.add(new SkillGap(skill, "Skill " + s, 5 - gap, 5, gap, 1, r.nextInt(10)));
        }
        PlanningRules rules = new PlanningRules(1 + r.nextInt(4), 0.10);
        return new Scenario(new PlanningInput(gaps, CatalogIndex.of(activities), Map.of(), List.of(), Set.of(),
                List.of(), 40, 26, MONDAY, rules), activities.stream().collect(Collectors.toMap(Activity::id, a -> a)));
    }

    static Activity activity(String id, Format format, List<String> skills, int min, int max, double effort, int weeks,
                             List<String> prerequisites) {
        return Activity.of(id, Activity.SHARED, "Title of " + id, "Description of " + id, format, skills, min, max,
                effort, weeks, "Provider", null, prerequisites);
    }

    static int day(LocalDate date) {
        return (int) ChronoUnit.DAYS.between(MONDAY, date);
    }
}
