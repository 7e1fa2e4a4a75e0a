package org.skillpath.plan.planning;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.Bucket;

/**
 * Turns ranked skill gaps into a dated plan. Pure: the same input always gives the same output.
 * <ol>
 *   <li>Focus: the {@value #FOCUS} highest-ranked gaps; a gap of g levels wants 1 + floor(g) steps.</li>
 *   <li>Choice per skill: activities that suit the current level (rounded up; 0 counts as 1), or any activity of
 *   the skill when none does; never one activity twice; experience first, then social, then formal, in turns, so
 *   that even a small gap gets practice on the job (70-20-10); the skill's main activities before the ones it
 *   only touches, then by id. Prerequisites come along and count as steps.</li>
 *   <li>Order per skill: prerequisites first, then formal, social, experience (formal learning before practice).</li>
 *   <li>Schedule week by week: a step spreads effortHours evenly over durationWeeks; the weeks' load never
 *   exceeds the weekly budget; a step starts after its prerequisites are due and not before the skill's earlier
 *   steps; what does not fit in the horizon is dropped with a note. Steps are placed breadth-first: the first
 *   step of each focus gap (the next one if it cannot fit), then the second of each, and so on, so each focus gap
 *   gets a step whenever one fits at all.</li>
 *   <li>The achieved mix (by effort) is computed; a deviation of more than 10 points from 70-20-10 is explained.</li>
 * </ol>
 */
public final class Planner {

    public static final double DEFAULT_WEEKLY_BUDGET_HOURS = 3;
    public static final int DEFAULT_HORIZON_WEEKS = 12;
    /** A few hours a week spread over more gaps would leave each of them too little. */
    public static final int FOCUS = 3;
    public static final Mix AIM = new Mix(0.7, 0.2, 0.1);
    static final double TOLERANCE = 0.10;
    private static final double EPSILON = 1e-9;
    private static final List<Bucket> PICK_ORDER = List.of(Bucket.EXPERIENCE, Bucket.SOCIAL, Bucket.FORMAL);
    private static final List<Bucket> RUN_ORDER = List.of(Bucket.FORMAL, Bucket.SOCIAL, Bucket.EXPERIENCE);
    private static final Comparator<SkillGap> RANKING = Comparator.comparingDouble(SkillGap::priority).reversed()
            .thenComparing(Comparator.comparingDouble(SkillGap::gap).reversed())
            .thenComparing(SkillGap::skillId);

    private Planner() {
    }

    /**
     * @param gaps              the person's gaps (ranked by priority; ties by gap, then skill id)
     * @param catalog           the activities the person's organisation can use
     * @param weeklyBudgetHours hours a week the person can spend on the plan
     * @param horizonWeeks      how many weeks the plan spans
     * @param startsOn          the first day of week 0
     */
    public static PlanDraft plan(List<SkillGap> gaps, List<Activity> catalog, double weeklyBudgetHours,
                                 int horizonWeeks, LocalDate startsOn) {
        if (!(weeklyBudgetHours > 0)) {
            throw new IllegalArgumentException("weeklyBudgetHours must be positive");
        }
        if (horizonWeeks < 1) {
            throw new IllegalArgumentException("horizonWeeks must be at least 1");
        }
        Objects.requireNonNull(startsOn, "startsOn");
        return new Run(catalog, weeklyBudgetHours, horizonWeeks, startsOn).plan(gaps);
    }

    private enum State { PENDING, VISITING, SCHEDULED, DROPPED }

    /** The steps chosen for one focus gap, in run order. */
    private record Track(SkillGap gap, int rank, List<Step> steps) {
    }

    private static final class Step {
        final Activity activity;
        final Track track;
        final int index;
        final String reason;
        State state = State.PENDING;
        int startWeek;

        Step(Activity activity, Track track, int index, String reason) {
            this.activity = activity;
            this.track = track;
            this.index = index;
            this.reason = reason;
        }

        int dueWeek() {
            return startWeek + activity.durationWeeks();
        }
    }

    /** The state of one planning call. */
    private static final class Run {
        private final Map<String, Activity> catalog = new TreeMap<>();
        private final double budget;
        private final int horizon;
        private final LocalDate startsOn;
        private final double[] load;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Step> chosen = new LinkedHashMap<>();
        private final List<Track> tracks = new ArrayList<>();

        Run(List<Activity> activities, double budget, int horizon, LocalDate startsOn) {
            activities.forEach(a -> catalog.put(a.id(), a));
            this.budget = budget;
            this.horizon = horizon;
            this.startsOn = startsOn;
            this.load = new double[horizon];
        }

        PlanDraft plan(List<SkillGap> gaps) {
            List<SkillGap> ranked = gaps.stream().sorted(RANKING).toList();
            List<SkillGap> focus = ranked.subList(0, Math.min(FOCUS, ranked.size()));
            for (int i = 0; i < focus.size(); i++) {
                tracks.add(choose(focus.get(i), i));
            }
            for (Track track : tracks) {
                boolean placed = false;
                for (Step step : track.steps()) {
                    schedule(step);
                    if (step.state == State.SCHEDULED) {
                        placed = true;
                        break;
                    }
                }
                if (!placed && !track.steps().isEmpty()) {
                    notes.add("No step for " + name(track.gap()) + " fits the " + hours(budget)
                            + " h weekly budget within the " + horizon + "-week horizon.");
                }
            }
            // Then the second step of each gap, the third, and so on: when the budget runs out, the steps
            // dropped are the later ones of the larger gaps, not whole gaps.
            int longest = tracks.stream().mapToInt(t -> t.steps().size()).max().orElse(0);
            for (int round = 1; round < longest; round++) {
                for (Track track : tracks) {
                    if (round < track.steps().size()) {
                        schedule(track.steps().get(round));
                    }
                }
            }

            List<Step> scheduled = chosen.values().stream().filter(s -> s.state == State.SCHEDULED)
                    .sorted(Comparator.<Step>comparingInt(s -> s.startWeek).thenComparingInt(s -> s.track.rank())
                            .thenComparingInt(s -> s.index))
                    .toList();
            List<PlannedStep> steps = scheduled.stream().map(this::toPlannedStep).toList();
            Map<Bucket, Double> effort = new EnumMap<>(Bucket.class);
            for (Bucket b : Bucket.values()) {
                effort.put(b, scheduled.stream().filter(s -> s.activity.bucket() == b)
                        .mapToDouble(s -> s.activity.effortHours()).sum());
            }
            double total = effort.values().stream().mapToDouble(Double::doubleValue).sum();
            Mix mix = total == 0 ? new Mix(0, 0, 0) : new Mix(round3(effort.get(Bucket.EXPERIENCE) / total),
                    round3(effort.get(Bucket.SOCIAL) / total), round3(effort.get(Bucket.FORMAL) / total));

            List<String> allNotes = new ArrayList<>();
            allNotes.add(summary(scheduled.size(), total));
            if (ranked.size() > FOCUS) {
                allNotes.add("Focus on the " + FOCUS + " highest-ranked gaps; not in this plan: "
                        + ranked.subList(FOCUS, ranked.size()).stream().map(Planner::name)
                        .collect(Collectors.joining(", ")) + ".");
            }
            allNotes.addAll(notes);
            if (total > 0) {
                allNotes.addAll(mixNotes(effort, total, scheduled));
            }
            return new PlanDraft(steps, List.copyOf(allNotes), mix, startsOn, startsOn.plusWeeks(horizon));
        }

        private Track choose(SkillGap gap, int rank) {
            Track track = new Track(gap, rank, new ArrayList<>());
            List<Activity> forSkill = catalog.values().stream()
                    .filter(a -> a.skillIds().contains(gap.skillId())).toList();
            if (forSkill.isEmpty()) {
                notes.add("The catalog has no activity for " + name(gap) + "; add one to plan for this gap.");
                return track;
            }
            int level = levelOf(gap.currentLevel());
            List<Activity> suited = forSkill.stream().filter(a -> a.suits(level)).toList();
            if (suited.isEmpty()) {
                suited = forSkill;
                notes.add("No activity for " + name(gap) + " suits level " + level
                        + "; chose among all of its activities.");
            }
            Comparator<Activity> preference = Comparator
                    .<Activity>comparingInt(a -> a.skillIds().get(0).equals(gap.skillId()) ? 0 : 1)
                    .thenComparing(Activity::id);
            Map<Bucket, Deque<Activity>> pools = new EnumMap<>(Bucket.class);
            for (Bucket b : PICK_ORDER) {
                pools.put(b, suited.stream().filter(a -> a.bucket() == b).sorted(preference)
                        .collect(Collectors.toCollection(ArrayDeque::new)));
            }

            int wanted = 1 + (int) Math.floor(gap.gap() + EPSILON);
            List<Activity> picked = new ArrayList<>();
            Set<String> pickedIds = new HashSet<>();
            Map<String, String> prerequisiteOf = new TreeMap<>();
            while (picked.size() < wanted && pools.values().stream().anyMatch(p -> !p.isEmpty())) {
                for (Bucket b : PICK_ORDER) {
                    if (picked.size() >= wanted) {
                        break;
                    }
                    Activity a = pools.get(b).poll();
                    if (a == null || chosen.containsKey(a.id()) || pickedIds.contains(a.id())) {
                        continue;
                    }
                    List<Activity> missing = new ArrayList<>();
                    if (!collectPrerequisites(a, pickedIds, new HashSet<>(), missing)) {
                        notes.add("Skipped '" + a.title() + "': its prerequisites are missing from the catalog or circular.");
                        continue;
                    }
                    if (picked.size() + missing.size() + 1 > wanted) {
                        continue;
                    }
                    for (Activity m : missing) {
                        prerequisiteOf.putIfAbsent(m.id(), a.title());
                        picked.add(m);
                        pickedIds.add(m.id());
                    }
                    picked.add(a);
                    pickedIds.add(a.id());
                }
            }
            if (picked.size() < wanted) {
                notes.add(capitalised(name(gap)) + ": " + picked.size() + " of " + wanted
                        + " intended steps; the catalog has no further suitable activity.");
            }
            List<Activity> ordered = runOrder(picked);
            for (int i = 0; i < ordered.size(); i++) {
                Activity a = ordered.get(i);
                Step step = new Step(a, track, i, reason(gap, a, prerequisiteOf.get(a.id())));
                track.steps().add(step);
                chosen.put(a.id(), step);
            }
            return track;
        }

        /** Adds to {@code out}, prerequisites before dependents, what {@code a} needs and nobody has chosen yet. */
        private boolean collectPrerequisites(Activity a, Set<String> picked, Set<String> path, List<Activity> out) {
            if (!path.add(a.id())) {
                return false;
            }
            for (String id : a.prerequisites().stream().sorted().toList()) {
                Activity p = catalog.get(id);
                if (p == null) {
                    return false;
                }
                if (chosen.containsKey(id) || picked.contains(id) || out.contains(p)) {
                    continue;
                }
                if (!collectPrerequisites(p, picked, path, out)) {
                    return false;
                }
                out.add(p);
            }
            path.remove(a.id());
            return true;
        }

        /** Prerequisites first; otherwise formal, social, experience; ties by id. */
        private static List<Activity> runOrder(List<Activity> picked) {
            Comparator<Activity> byRun = Comparator.<Activity>comparingInt(a -> RUN_ORDER.indexOf(a.bucket()))
                    .thenComparing(Activity::id);
            Set<String> ids = picked.stream().map(Activity::id).collect(Collectors.toSet());
            List<Activity> remaining = new ArrayList<>(picked);
            List<Activity> ordered = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            while (!remaining.isEmpty()) {
                Activity next = remaining.stream()
                        .filter(a -> a.prerequisites().stream().allMatch(p -> !ids.contains(p) || placed.contains(p)))
                        .min(byRun).orElseThrow(() -> new IllegalStateException("circular prerequisites"));
                remaining.remove(next);
                ordered.add(next);
                placed.add(next.id());
            }
            return ordered;
        }

        private void schedule(Step step) {
            if (step.state != State.PENDING) {
                return;
            }
            step.state = State.VISITING;
            int earliest = 0;
            for (String id : step.activity.prerequisites()) {
                Step prerequisite = chosen.get(id);
                schedule(prerequisite);
                if (prerequisite.state != State.SCHEDULED) {
                    drop(step, "its prerequisite '" + prerequisite.activity.title() + "' could not be scheduled");
                    return;
                }
                earliest = Math.max(earliest, prerequisite.dueWeek());
            }
            for (Step earlier : step.track.steps().subList(0, step.index)) {
                schedule(earlier);
                if (earlier.state == State.SCHEDULED) {
                    earliest = Math.max(earliest, earlier.startWeek);
                }
            }
            Activity a = step.activity;
            double rate = a.hoursPerWeek();
            for (int week = earliest; week + a.durationWeeks() <= horizon; week++) {
                if (fits(week, a.durationWeeks(), rate)) {
                    for (int w = week; w < week + a.durationWeeks(); w++) {
                        load[w] += rate;
                    }
                    step.startWeek = week;
                    step.state = State.SCHEDULED;
                    return;
                }
            }
            drop(step, "it needs " + hours(rate) + " h a week for " + a.durationWeeks()
                    + " weeks, more than the " + hours(budget) + " h weekly budget leaves free before the "
                    + horizon + "-week horizon ends");
        }

        private boolean fits(int week, int weeks, double rate) {
            for (int w = week; w < week + weeks; w++) {
                if (load[w] + rate > budget + EPSILON) {
                    return false;
                }
            }
            return true;
        }

        private void drop(Step step, String why) {
            step.state = State.DROPPED;
            notes.add("Dropped '" + step.activity.title() + "' (" + name(step.track.gap()) + "): " + why + ".");
        }

        private PlannedStep toPlannedStep(Step s) {
            Activity a = s.activity;
            LocalDate start = startsOn.plusWeeks(s.startWeek);
            return new PlannedStep(a.id(), a.title(), a.format(), a.bucket(), s.track.gap().skillId(),
                    a.effortHours(), start, start.plusWeeks(a.durationWeeks()), s.reason, a.xapiActivityId());
        }

        private String summary(int steps, double total) {
            String skills = tracks.stream().map(t -> name(t.gap())).collect(Collectors.joining(", "));
            return "Planned " + steps + " step" + (steps == 1 ? "" : "s") + (skills.isEmpty() ? "" : " for " + skills)
                    + ": " + hours(total) + " of " + hours(budget * horizon) + " available hours over "
                    + horizon + " weeks.";
        }

        private List<String> mixNotes(Map<Bucket, Double> effort, double total, List<Step> scheduled) {
            List<String> out = new ArrayList<>();
            Map<Bucket, Double> aim = Map.of(Bucket.EXPERIENCE, AIM.experience(), Bucket.SOCIAL, AIM.social(),
                    Bucket.FORMAL, AIM.formal());
            for (Bucket b : PICK_ORDER) {
                double share = effort.get(b) / total;
                double deviation = share - aim.get(b);
                if (Math.abs(deviation) <= TOLERANCE + EPSILON) {
                    continue;
                }
                String bucket = b.name().toLowerCase(Locale.ROOT);
                long count = scheduled.stream().filter(s -> s.activity.bucket() == b).count();
                long droppedHere = dropped(s -> s.activity.bucket() == b);
                long droppedElsewhere = dropped(s -> s.activity.bucket() != b);
                String why;
                if (deviation < 0) {
                    why = droppedHere > 0 ? droppedHere + " " + bucket + " step(s) did not fit the weekly budget"
                            : count == 0 ? "no suitable " + bucket + " activity was chosen for these gaps"
                            : "its " + count + " " + bucket + " step(s) are short next to the others";
                } else {
                    why = droppedElsewhere > 0 ? droppedElsewhere + " other step(s) did not fit the weekly budget"
                            : "its " + count + " " + bucket + " step(s) outweigh the others";
                }
                out.add(String.format(Locale.ROOT, "Mix: %s is %d%% of the planned effort against an aim of %d%% "
                                + "(%d points %s) because %s.", bucket, Math.round(share * 100),
                        Math.round(aim.get(b) * 100), Math.round(Math.abs(deviation) * 100),
                        deviation < 0 ? "below" : "above", why));
            }
            return out;
        }

        private long dropped(Predicate<Step> which) {
            return chosen.values().stream().filter(s -> s.state == State.DROPPED).filter(which).count();
        }
    }

    static String reason(SkillGap gap, Activity a, String prerequisiteOf) {
        String closes = String.format(Locale.ROOT, "Closes the %s gap of %.1f levels (target %s, now %.1f)",
                name(gap), gap.gap(), hours(gap.targetLevel()), gap.currentLevel());
        if (prerequisiteOf != null) {
            return closes + "; needed before '" + prerequisiteOf + "'.";
        }
        return closes + switch (a.format()) {
            case COURSE, WORKSHOP, READING -> "; formal learning before practice.";
            case MENTORING -> "; a mentor's guidance alongside practice.";
            case FEEDBACK -> "; feedback from others shows where to focus.";
            case NETWORKING -> "; learning from a wider network.";
            case PRACTICE -> "; practice on the job, where most growth happens.";
        };
    }

    /** Levels are 1-5; a fractional level counts as the next whole one, an unrated 0 as 1. */
    static int levelOf(double currentLevel) {
        return Math.max(1, Math.min(5, (int) Math.ceil(currentLevel - EPSILON)));
    }

    /** The skill's name as it reads inside a sentence: "Conflict resolution" becomes "conflict resolution". */
    private static String name(SkillGap gap) {
        String n = gap.skillName() == null || gap.skillName().isBlank() ? gap.skillId() : gap.skillName();
        boolean acronym = n.length() > 1 && Character.isUpperCase(n.charAt(1));
        return acronym ? n : n.substring(0, 1).toLowerCase(Locale.ROOT) + n.substring(1);
    }

    private static String capitalised(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** 3 → "3", 1.5 → "1.5". */
    private static String hours(double h) {
        return h == Math.rint(h) ? String.valueOf((long) h) : String.format(Locale.ROOT, "%.1f", h);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
