package org.skillpath.plan.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.Bucket;
import org.skillpath.plan.catalog.CatalogIndex;
import org.skillpath.plan.catalog.DefaultCatalog;
import org.skillpath.plan.catalog.Format;
import tools.jackson.databind.json.JsonMapper;

class PlannerTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @Test
    void eachOfTheTopThreeGapsGetsStepsAndLargerGapsGetMore() {
        List<Activity> catalog = new ArrayList<>();
        for (String skill : List.of("a", "b", "c", "d")) {
            catalog.addAll(fullSet(skill));
        }
        PlanDraft draft = plan(List.of(
                gap("a", 1.0, 4.0, 4), gap("b", 2.0, 3.0, 3), gap("c", 2.5, 3.0, 2), gap("d", 1.0, 3.0, 1)),
                catalog, 20, 12, MONDAY);

        Map<String, Long> perSkill = draft.steps().stream()
                .collect(Collectors.groupingBy(PlannedStep::skillId, Collectors.counting()));
        assertThat(perSkill).as("1 + floor(gap): 3.0 -> 4, 1.0 -> 2, 0.5 -> 1; the fourth gap waits")
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 4L, "b", 2L, "c", 1L));
        assertThat(draft.notes()).anyMatch(n -> n.startsWith("Focus on the 3 highest-ranked gaps") && n.contains("skill d"));
    }

    @Test
    void eachOfTheTopThreeGapsGetsAStepEvenWhenTheFirstCouldFillTheBudget() {
        List<Activity> catalog = new ArrayList<>();
        for (String skill : List.of("a", "b", "c")) {
            for (Format f : List.of(Format.COURSE, Format.READING, Format.MENTORING, Format.PRACTICE)) {
                // 3 h a week for two weeks: each step takes the whole budget.
                catalog.add(activity(skill + "-" + f.name().toLowerCase(), f, List.of(skill), 1, 5, 6, 2));
            }
        }
        PlanDraft draft = plan(List.of(gap("a", 1.0, 4.0, 3), gap("b", 1.0, 3.0, 2), gap("c", 1.0, 3.0, 1)),
                catalog, 3, 6, MONDAY);

        assertThat(draft.steps()).extracting(PlannedStep::skillId).containsExactly("a", "b", "c");
        assertThat(draft.notes()).anyMatch(n -> n.startsWith("Dropped 'Title of a-") && n.contains("3 h weekly budget"));
    }

    @Test
    void aSkillsStepsRunFormalThenSocialThenExperience() {
        List<Activity> catalog = List.of(
                activity("a-practice", Format.PRACTICE, List.of("s"), 1, 5, 6, 6),
                activity("b-mentoring", Format.MENTORING, List.of("s"), 1, 5, 2, 2),
                activity("c-course", Format.COURSE, List.of("s"), 1, 5, 2, 1));
        PlanDraft draft = plan(List.of(gap("s", 2.0, 4.0, 1)), catalog, 3, 12, MONDAY);

        assertThat(draft.steps()).extracting(PlannedStep::bucket)
                .containsExactly(Bucket.FORMAL, Bucket.SOCIAL, Bucket.EXPERIENCE);
        assertThat(draft.steps()).extracting(PlannedStep::startsOn).isSorted();
    }

    @Test
    void prerequisitesComeFirstAndAreDueBeforeTheStepThatNeedsThem() {
        List<Activity> catalog = List.of(
                activity("practice", Format.PRACTICE, List.of("s"), 1, 5, 6, 6),
                activity("m-mentoring", Format.MENTORING, List.of("s"), 1, 5, 2, 2),
                activity("z-course", Format.COURSE, List.of("s"), 1, 5, 2, 2, "m-mentoring"),
                activity("lead-project", Format.PRACTICE, List.of("t"), 1, 5, 6, 6, "intro-course"),
                activity("intro-course", Format.COURSE, List.of("other"), 1, 5, 2, 2));
        PlanDraft draft = plan(List.of(gap("s", 2.0, 4.0, 2), gap("t", 3.0, 4.0, 1)), catalog, 3, 12, MONDAY);

        assertThat(draft.steps().stream().filter(s -> s.skillId().equals("s")).map(PlannedStep::activityId))
                .as("the social prerequisite precedes the course that needs it, whatever formal-first says")
                .containsExactly("m-mentoring", "z-course", "practice");
        assertThat(step(draft, "z-course").startsOn()).isAfterOrEqualTo(step(draft, "m-mentoring").dueOn());
        assertThat(step(draft, "lead-project").startsOn()).isAfterOrEqualTo(step(draft, "intro-course").dueOn());
        assertThat(step(draft, "intro-course").skillId()).as("pulled in for the gap that needs it").isEqualTo("t");
        assertThat(step(draft, "intro-course").reason()).endsWith("; needed before 'Title of lead-project'.");
    }

    @Test
    void noActivityIsPlannedTwice() {
        List<Activity> catalog = List.of(
                activity("shared-feedback", Format.FEEDBACK, List.of("a", "b"), 1, 5, 2, 2),
                activity("a-course", Format.COURSE, List.of("a"), 1, 5, 2, 2),
                activity("b-course", Format.COURSE, List.of("b"), 1, 5, 2, 2),
                activity("b-mentoring", Format.MENTORING, List.of("b"), 1, 5, 2, 2));
        PlanDraft draft = plan(List.of(gap("a", 2.0, 3.5, 2), gap("b", 1.0, 3.5, 1)), catalog, 6, 12, MONDAY);

        assertThat(draft.steps()).extracting(PlannedStep::activityId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("shared-feedback", "a-course", "b-course", "b-mentoring");
        assertThat(step(draft, "shared-feedback").skillId()).isEqualTo("a");
    }

    @Test
    void activitiesSuitTheCurrentLevelRoundedUpOrElseAnyOfTheSkill() {
        List<Activity> catalog = List.of(
                activity("basic-course", Format.COURSE, List.of("s"), 1, 2, 2, 1),
                activity("advanced-course", Format.COURSE, List.of("s"), 4, 5, 2, 1),
                activity("expert-course", Format.COURSE, List.of("x"), 4, 5, 2, 1));

        assertThat(plan(List.of(gap("s", 1.2, 2.0, 1)), catalog, 3, 12, MONDAY).steps())
                .extracting(PlannedStep::activityId).containsExactly("basic-course");
        assertThat(plan(List.of(gap("s", 3.6, 4.5, 1)), catalog, 3, 12, MONDAY).steps())
                .as("3.6 counts as level 4").extracting(PlannedStep::activityId).containsExactly("advanced-course");

        PlanDraft fallback = plan(List.of(gap("x", 1.0, 2.0, 1)), catalog, 3, 12, MONDAY);
        assertThat(fallback.steps()).extracting(PlannedStep::activityId).containsExactly("expert-course");
        assertThat(fallback.notes()).contains("No activity for skill x suits level 1; chose among all of its activities.");
        assertThat(Planner.levelOf(0)).as("an unrated skill counts as level 1").isEqualTo(1);
        assertThat(Planner.levelOf(2.0)).isEqualTo(2);
    }

    @Test
    void theWeeklyBudgetIsNeverExceededAndWhatCannotFitIsDroppedWithANote() {
        List<Activity> catalog = new ArrayList<>();
        for (String skill : List.of("a", "b", "c")) {
            catalog.addAll(fullSet(skill));
            catalog.add(activity(skill + "-long-practice", Format.PRACTICE, List.of(skill), 1, 5, 20, 10));
        }
        catalog.add(activity("a-bootcamp", Format.COURSE, List.of("a"), 1, 5, 8, 2));
        PlanDraft draft = plan(List.of(gap("a", 0.5, 5.0, 3), gap("b", 1.0, 5.0, 2), gap("c", 1.0, 4.5, 1)),
                catalog, 3, 12, MONDAY);

        double[] load = new double[12];
        for (PlannedStep s : draft.steps()) {
            Activity a = catalog.stream().filter(c -> c.id().equals(s.activityId())).findFirst().orElseThrow();
            assertThat(s.dueOn()).isEqualTo(s.startsOn().plusWeeks(a.durationWeeks()));
            assertThat(s.startsOn().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            int first = (int) ChronoUnit.WEEKS.between(MONDAY, s.startsOn());
            for (int w = first; w < first + a.durationWeeks(); w++) {
                load[w] += a.hoursPerWeek();
            }
        }
        assertThat(Arrays.stream(load).max().orElseThrow()).isLessThanOrEqualTo(3.0 + 1e-9);
        assertThat(draft.steps()).allSatisfy(s -> assertThat(s.dueOn()).isBeforeOrEqualTo(draft.endsOn()));
        assertThat(draft.endsOn()).isEqualTo(MONDAY.plusWeeks(12));
        assertThat(draft.steps()).extracting(PlannedStep::activityId).doesNotContain("a-bootcamp");
        assertThat(draft.notes()).contains("Dropped 'Title of a-bootcamp' (skill a): it needs 4 h a week for 2 weeks, "
                + "more than the 3 h weekly budget leaves free before the 12-week horizon ends.");
    }

    @Test
    void theMixIsComputedAndADeviationOfMoreThanTenPointsIsExplained() {
        List<Activity> balanced = List.of(
                activity("course", Format.COURSE, List.of("s"), 1, 5, 1, 1),
                activity("mentoring", Format.MENTORING, List.of("s"), 1, 5, 2, 2),
                activity("practice", Format.PRACTICE, List.of("s"), 1, 5, 7, 7));
        PlanDraft onAim = plan(List.of(gap("s", 2.0, 4.0, 1)), balanced, 3, 12, MONDAY);
        assertThat(onAim.mix()).isEqualTo(new Mix(0.7, 0.2, 0.1));
        assertThat(onAim.notes()).noneMatch(n -> n.startsWith("Mix:"));

        List<Activity> formalOnly = List.of(
                activity("course-1", Format.COURSE, List.of("s"), 1, 5, 2, 1),
                activity("course-2", Format.READING, List.of("s"), 1, 5, 2, 1));
        PlanDraft offAim = plan(List.of(gap("s", 2.0, 3.5, 1)), formalOnly, 3, 12, MONDAY);
        assertThat(offAim.mix()).isEqualTo(new Mix(0, 0, 1));
        assertThat(offAim.notes()).contains(
                "Mix: experience is 0% of the planned effort against an aim of 70% (70 points below) because "
                        + "no suitable experience activity was available for these gaps.",
                "Mix: social is 0% of the planned effort against an aim of 20% (20 points below) because "
                        + "no suitable social activity was available for these gaps.",
                "Mix: formal is 100% of the planned effort against an aim of 10% (90 points above) because "
                        + "the catalog offers these gaps too little of the other kinds.");
    }

    @Test
    void theSameInputAlwaysGivesTheSameOutput() {
        List<Activity> catalog = new ArrayList<>();
        for (String skill : List.of("a", "b", "c", "d")) {
            catalog.addAll(fullSet(skill));
        }
        List<SkillGap> gaps = new ArrayList<>(List.of(gap("a", 1.0, 3.0, 2), gap("b", 1.0, 3.0, 2),
                gap("c", 2.0, 3.5, 1), gap("d", 1.0, 2.5, 1)));
        PlanDraft first = plan(gaps, catalog, 3, 12, MONDAY);
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(catalog, random);
            Collections.shuffle(gaps, random);
            assertThat(plan(gaps, catalog, 3, 12, MONDAY)).isEqualTo(first);
        }
        assertThat(first.steps()).extracting(PlannedStep::skillId).as("equal priority: ties by gap, then skill id")
                .contains("a", "b").doesNotContain("d");
    }

    @Test
    void everyStepCarriesAHumanReason() {
        List<Activity> catalog = List.of(
                activity("workshop", Format.WORKSHOP, List.of("conflict-resolution"), 1, 5, 3, 2),
                activity("mentoring", Format.MENTORING, List.of("conflict-resolution"), 1, 5, 3, 6),
                activity("practice", Format.PRACTICE, List.of("conflict-resolution"), 1, 5, 8, 8));
        PlanDraft draft = plan(List.of(new SkillGap("conflict-resolution", "Conflict resolution", 2.0, 4.0,
                2.0, 1.0, 2.0)), catalog, 3, 12, MONDAY);

        assertThat(draft.steps()).extracting(PlannedStep::reason).containsExactly(
                "Closes the conflict resolution gap of 2.0 levels (target 4, now 2.0); workshop on 2026-11-23 before practice.",
                "Closes the conflict resolution gap of 2.0 levels (target 4, now 2.0); mentoring with Mentor Mia "
                        + "(level 4.5 in conflict resolution, outside your reporting line).",
                "Closes the conflict resolution gap of 2.0 levels (target 4, now 2.0); practice on the job, where most growth happens.");
    }

    @Test
    void refusesAnImpossibleBudgetOrHorizon() {
        assertThatThrownBy(() -> Planner.plan(List.of(), List.of(), 0, 12, MONDAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Planner.plan(List.of(), List.of(), 3, 0, MONDAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultCatalogGivesAlicesTwelveWeekPlan() {
        List<Activity> catalog = DefaultCatalog.load(JsonMapper.builder().build());
        Map<String, List<SessionSlot>> sessions = catalog.stream().filter(a -> a.format() == Format.WORKSHOP)
                .collect(Collectors.toMap(Activity::id, a -> java.util.stream.IntStream.range(0, 6)
                        .mapToObj(i -> new SessionSlot(a.id() + "@" + i, a.id(), MONDAY.plusWeeks(2L * i), 3)).toList()));
        MentorCandidate carol = new MentorCandidate("carol", "Carol Coach", Map.of("conflict-resolution", 4.5), 2);
        PlanDraft draft = Planner.plan(new PlanningInput(List.of(
                new SkillGap("conflict-resolution", "Conflict resolution", 2.0, 4.0, 2.0, 1.0, 2.0),
                new SkillGap("budgeting", "Budgeting", 1.5, 3.5, 2.0, 0.8, 1.6),
                new SkillGap("active-listening", "Active listening", 2.6, 4.0, 1.4, 1.0, 1.4),
                new SkillGap("networking", "Networking", 2.0, 3.0, 1.0, 0.5, 0.5)), CatalogIndex.of(catalog), sessions,
                List.of(carol), java.util.Set.of(), List.of(), 3, 12, MONDAY, PlanningRules.DEFAULT));

        draft.steps().forEach(s -> System.out.println(s.startsOn() + " .. " + s.dueOn() + "  " + s.skillId() + "  "
                + s.title() + " (" + s.effortHours() + " h)  " + s.reason()));
        draft.notes().forEach(System.out::println);
        System.out.println(draft.mix());

        assertThat(draft.steps()).extracting(PlannedStep::skillId)
                .contains("conflict-resolution", "budgeting", "active-listening").doesNotContain("networking");
        assertThat(draft.steps()).extracting(PlannedStep::activityId)
                .contains("own-a-budget-line");
        assertThat(draft.steps()).filteredOn(s -> s.format() == Format.MENTORING).singleElement()
                .satisfies(s -> assertThat(s.mentorId()).isEqualTo("carol"))
                .satisfies(s -> assertThat(s.skillId()).isEqualTo("conflict-resolution"));
        assertThat(draft.mentors()).extracting(MentorMatch::mentorId).containsExactly("carol");
        assertThat(draft.steps()).filteredOn(s -> s.format() == Format.WORKSHOP)
                .allSatisfy(s -> assertThat(s.sessionId()).startsWith(s.activityId() + "@"));
        assertThat(draft.notes()).anyMatch(n -> n.startsWith("No mentor fits budgeting"));
        assertThat(Math.abs(draft.mix().experience() - Planner.AIM.experience())).isLessThanOrEqualTo(Planner.TOLERANCE);
        assertThat(Math.abs(draft.mix().social() - Planner.AIM.social())).isLessThanOrEqualTo(Planner.TOLERANCE);
        assertThat(Math.abs(draft.mix().formal() - Planner.AIM.formal())).isLessThanOrEqualTo(Planner.TOLERANCE);
    }

    @Test
    void alternativesOfferTheSameBucketFirstAndNeverWhatThePlanHoldsOrTheCompletedOrWhatDoesNotFit() {
        List<Activity> catalog = List.of(
                activity("course", Format.COURSE, List.of("s"), 1, 5, 2, 2),
                activity("practice", Format.PRACTICE, List.of("s"), 1, 5, 4, 4),
                activity("practice-2", Format.PRACTICE, List.of("s"), 1, 5, 4, 4),
                activity("practice-done", Format.PRACTICE, List.of("s"), 1, 5, 4, 4),
                activity("practice-huge", Format.PRACTICE, List.of("s"), 1, 5, 40, 4),
                activity("feedback", Format.FEEDBACK, List.of("s"), 1, 5, 2, 2),
                activity("other-skill", Format.PRACTICE, List.of("t"), 1, 5, 2, 2));
        SkillGap gap = gap("s", 1.0, 3.0, 1);
        List<KeptStep> others = List.of(new KeptStep("course", "s", Bucket.FORMAL, 2, MONDAY, MONDAY.plusWeeks(2), false));
        PlanningInput input = new PlanningInput(List.of(gap), CatalogIndex.of(catalog), Map.of(), List.of(),
                java.util.Set.of("practice-done"), others, 3, 12, MONDAY, PlanningRules.DEFAULT);

        List<PlannedStep> offered = Planner.alternatives(input, gap, "practice", MONDAY.plusWeeks(2), 10);
        assertThat(offered).extracting(PlannedStep::activityId).containsExactly("practice-2", "feedback");
        assertThat(offered).allSatisfy(o -> {
            assertThat(o.startsOn()).isAfterOrEqualTo(MONDAY.plusWeeks(2));
            assertThat(o.skillId()).isEqualTo("s");
            assertThat(o.reason()).startsWith("Closes the skill s gap");
        });
    }

    /** Every skill has a strong mentor with room, and every workshop a weekly Monday session with seats. */
    static PlanDraft plan(List<SkillGap> gaps, List<Activity> catalog, double budget, int horizon, LocalDate startsOn) {
        Map<String, Double> strengths = catalog.stream().flatMap(a -> a.skillIds().stream()).distinct()
                .collect(Collectors.toMap(s -> s, s -> 4.5));
        Map<String, List<SessionSlot>> sessions = catalog.stream().filter(a -> a.format() == Format.WORKSHOP)
                .collect(Collectors.toMap(Activity::id, a -> java.util.stream.IntStream.range(0, horizon)
                        .mapToObj(w -> new SessionSlot(a.id() + "@" + w, a.id(), startsOn.plusWeeks(w), 5)).toList()));
        return Planner.plan(new PlanningInput(gaps, CatalogIndex.of(catalog), sessions,
                List.of(new MentorCandidate("mentor-mia", "Mentor Mia", strengths, 2)), java.util.Set.of(), List.of(),
                budget, horizon, startsOn, PlanningRules.DEFAULT));
    }

    private static List<Activity> fullSet(String skill) {
        return List.of(
                activity(skill + "-course", Format.COURSE, List.of(skill), 1, 5, 1, 1),
                activity(skill + "-reading", Format.READING, List.of(skill), 1, 5, 1, 1),
                activity(skill + "-mentoring", Format.MENTORING, List.of(skill), 1, 5, 1, 2),
                activity(skill + "-feedback", Format.FEEDBACK, List.of(skill), 1, 5, 1, 2),
                activity(skill + "-practice", Format.PRACTICE, List.of(skill), 1, 5, 4, 4),
                activity(skill + "-project", Format.PRACTICE, List.of(skill), 1, 5, 4, 4));
    }

    private static Activity activity(String id, Format format, List<String> skills, int min, int max, double effort,
                                     int weeks, String... prerequisites) {
        return Activity.of(id, Activity.SHARED, "Title of " + id, "Description of " + id, format, skills, min, max,
                effort, weeks, "Provider", null, Arrays.asList(prerequisites));
    }

    private static SkillGap gap(String skill, double current, double target, double priority) {
        return new SkillGap(skill, "skill " + skill, current, target, target - current, 1.0, priority);
    }

    private static PlannedStep step(PlanDraft draft, String activityId) {
        return draft.steps().stream().filter(s -> s.activityId().equals(activityId)).findFirst().orElseThrow();
    }
}
