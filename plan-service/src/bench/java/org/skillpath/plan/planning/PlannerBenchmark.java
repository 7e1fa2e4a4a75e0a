package org.skillpath.plan.planning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.CatalogIndex;
import org.skillpath.plan.catalog.Format;

/**
 * Plan building as the catalog grows: 100, 1,000 and 10,000 activities over 60 skills (so each skill's share
 * grows with the catalog), with 3, 10 or 20 gaps, every gap in focus, a 5 h budget over 26 weeks, workshop
 * sessions and a mentor pool. {@code plan} is the planner on an indexed catalog; {@code indexAndPlan} also builds
 * the index from the whole catalog, the upper bound of what the service does per plan (it indexes only the
 * gaps' skills). Run with the {@code bench} profile, see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlannerBenchmark {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final int SKILLS = 60;

    @Param({"100", "1000", "10000"})
    int activities;

    @Param({"3", "10", "20"})
    int gaps;

    private List<Activity> catalog;
    private PlanningInput input;

    @Setup
    public void setUp() {
        Random r = new Random(42);
        catalog = new ArrayList<>();
        Format[] formats = Format.values();
        for (int i = 0; i < activities; i++) {
            Format format = formats[r.nextInt(formats.length)];
            String skill = "skill-" + r.nextInt(SKILLS);
            int min = 1 + r.nextInt(3);
            List<String> prerequisites = format == Format.PRACTICE && i > 0 && r.nextInt(6) == 0
                    ? List.of(catalog.get(r.nextInt(i)).id()) : List.of();
            catalog.add(Activity.of(String.format("a%05d", i), Activity.SHARED, "Activity " + i, "Description",
                    format, List.of(skill), min, Math.min(5, min + 2), 1 + r.nextInt(6), 1 + r.nextInt(6), "Provider",
                    null, prerequisites));
        }
        Map<String, List<SessionSlot>> sessions = new HashMap<>();
        for (Activity a : catalog) {
            if (a.format() == Format.WORKSHOP) {
                List<SessionSlot> slots = new ArrayList<>();
                for (int w = 0; w < 26; w += 2) {
                    slots.add(new SessionSlot(a.id() + "@" + w, a.id(), MONDAY.plusWeeks(w), 5));
                }
                sessions.put(a.id(), slots);
            }
        }
        List<MentorCandidate> mentors = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            mentors.add(new MentorCandidate("mentor-" + m, "Mentor " + m,
                    Map.of("skill-" + r.nextInt(SKILLS), 4.0 + r.nextInt(10) / 10.0), 1 + r.nextInt(3)));
        }
        List<SkillGap> skillGaps = new ArrayList<>();
        for (int g = 0; g < gaps; g++) {
            double current = 1 + r.nextInt(20) / 10.0;
            skillGaps.add(new SkillGap("skill-" + g, "Skill " + g, current, 4.5, 4.5 - current, 1, gaps - g));
        }
        input = new PlanningInput(skillGaps, CatalogIndex.of(catalog), sessions, mentors, Set.of(), List.of(), 5, 26,
                MONDAY, new PlanningRules(gaps, 0.10));
    }

    @Benchmark
    public PlanDraft plan() {
        return Planner.plan(input);
    }

    @Benchmark
    public PlanDraft indexAndPlan() {
        return Planner.plan(new PlanningInput(input.gaps(), CatalogIndex.of(catalog), input.sessions(), input.mentors(),
                input.completedActivityIds(), input.kept(), input.weeklyBudgetHours(), input.horizonWeeks(),
                input.startsOn(), input.rules()));
    }
}
