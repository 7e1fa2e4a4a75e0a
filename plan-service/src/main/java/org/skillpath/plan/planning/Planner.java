package org.skillpath.plan.planning;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.Bucket;
import org.skillpath.plan.catalog.CatalogIndex;
import org.skillpath.plan.catalog.Format;

/**
 * Turns ranked skill gaps into a dated plan. Pure: the same {@link PlanningInput} always gives the same plan.
 * <ol>
 *   <li>Focus: the highest-ranked gaps ({@link PlanningRules#focusGaps}); a gap of g levels wants 1 + floor(g)
 *   steps, less the steps a revision keeps for it.</li>
 *   <li>Candidates per gap, from the catalog index by skill and level: activities that suit the current level
 *   (rounded up; 0 counts as 1), or any activity of the skill when none does; never an activity the person
 *   completed or the plan holds already; mentoring only with a matched mentor; workshops only with a session
 *   that has seats left within the horizon.</li>
 *   <li>Choice: round by round, each gap in rank order takes one more step from the bucket that brings the
 *   plan's effort closest to 70-20-10, so every focus gap gets its first step before any gets a second.
 *   Prerequisites come along (unless completed) and count as steps.</li>
 *   <li>Order per gap: prerequisites first, then formal, social, experience (formal learning before
 *   practice).</li>
 *   <li>Schedule: a step spreads its effort evenly over the weeks it spans; no week's load exceeds the weekly
 *   budget; a step starts when its prerequisites are due; practice starts when its gap's formal steps are due; a
 *   workshop takes its earliest session that fits; what does not fit in the horizon is dropped with a note.
 *   Placement is breadth-first, so each focus gap gets a step whenever one fits at all.</li>
 *   <li>The mix (by effort, kept steps included) is computed; a deviation beyond the tolerance is explained.</li>
 * </ol>
 */
public final class Planner {

    public static final double DEFAULT_WEEKLY_BUDGET_HOURS = 3;
    public static final int DEFAULT_HORIZON_WEEKS = 12;
    public static final Mix AIM = new Mix(0.7, 0.2, 0.1);
    static final double TOLERANCE = PlanningRules.DEFAULT.mixTolerance();
    private static final double EPSILON = 1e-9;
    private static final List<Bucket> PICK_ORDER = List.of(Bucket.EXPERIENCE, Bucket.SOCIAL, Bucket.FORMAL);
    private static final List<Bucket> RUN_ORDER = List.of(Bucket.FORMAL, Bucket.SOCIAL, Bucket.EXPERIENCE);
    private static final Map<Bucket, Double> AIMS = Map.of(Bucket.EXPERIENCE, AIM.experience(),
            Bucket.SOCIAL, AIM.social(), Bucket.FORMAL, AIM.formal());
    /** Highest priority first; ties by larger gap, then skill id. */
    public static final Comparator<SkillGap> RANKING = Comparator.comparingDouble(SkillGap::priority).reversed()
            .thenComparing(Comparator.comparingDouble(SkillGap::gap).reversed())
            .thenComparing(SkillGap::skillId);

    private Planner() {
    }

    public static PlanDraft plan(PlanningInput input) {
        return new Run(input).plan();
    }

    /** A first plan from a plain list of activities; for tests and tools. */
    public static PlanDraft plan(List<SkillGap> gaps, List<Activity> catalog, double weeklyBudgetHours,
                                 int horizonWeeks, LocalDate startsOn) {
        return plan(PlanningInput.simple(gaps, CatalogIndex.of(catalog), weeklyBudgetHours, horizonWeeks, startsOn));
    }

    /**
     * What a step could be swapped for: activities of the same gap that suit the level, are neither completed nor
     * in the plan, have their prerequisites done or planned, and fit the budget the other steps leave, from the
     * replaced step's start on. The same bucket first, then the others; at most {@code max}.
     *
     * @param input    the plan's context; {@code kept} holds every step of the plan except the replaced one
     * @param gap      the gap the replaced step serves
     * @param replaced the activity id of the step to replace
     * @param from     the earliest start of an alternative
     */
    public static List<PlannedStep> alternatives(PlanningInput input, SkillGap gap, String replaced, LocalDate from,
                                                 int max) {
        return new Run(input).alternatives(gap, replaced, from, max);
    }

    private enum State { PENDING, VISITING, SCHEDULED, DROPPED }

    /** The steps chosen for one focus gap, in run order. */
    private static final class Track {
        final SkillGap gap;
        final int rank;
        final MentorMatch mentor;
        final Map<Bucket, Pool> pools = new EnumMap<>(Bucket.class);
        final List<Activity> picked = new ArrayList<>();
        final Map<String, String> prerequisiteOf = new TreeMap<>();
        final List<Step> steps = new ArrayList<>();
        int wanted;
        boolean hasMentoring;

        Track(SkillGap gap, int rank, MentorMatch mentor) {
            this.gap = gap;
            this.rank = rank;
            this.mentor = mentor;
        }
    }

    /**
     * A gap's candidates of one bucket: a cursor over the index's list, so a plan touches only the activities it
     * consumes, however many the catalog holds for the skill.
     */
    private static final class Pool {
        final List<Activity> list;
        int next;

        Pool(List<Activity> list) {
            this.list = list;
        }

        static Pool empty() {
            return new Pool(List.of());
        }
    }

    private static final class Step {
        final Activity activity;
        final Track track;
        final int index;
        State state = State.PENDING;
        int startDay;
        int dueDay;
        SessionSlot session;

        Step(Activity activity, Track track, int index) {
            this.activity = activity;
            this.track = track;
            this.index = index;
        }
    }

    /** The state of one planning call. */
    private static final class Run {
        private final PlanningInput in;
        private final CatalogIndex catalog;
        private final double budget;
        private final int horizon;
        private final LocalDate startsOn;
        private final double[] load;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Step> chosen = new LinkedHashMap<>();
        private final Map<String, KeptStep> kept = new HashMap<>();
        private final Map<Bucket, Double> effort = new EnumMap<>(Bucket.class);
        private final List<Track> tracks = new ArrayList<>();

        Run(PlanningInput in) {
            this.in = in;
            this.catalog = in.catalog();
            this.budget = in.weeklyBudgetHours();
            this.horizon = in.horizonWeeks();
            this.startsOn = in.startsOn();
            this.load = new double[horizon];
            for (Bucket b : Bucket.values()) {
                effort.put(b, 0.0);
            }
            for (KeptStep k : in.kept()) {
                kept.put(k.activityId(), k);
                effort.merge(k.bucket(), k.effortHours(), Double::sum);
                if (!k.completed()) {
                    occupy(day(k.startsOn()), day(k.dueOn()), k.effortHours());
                }
            }
        }

        PlanDraft plan() {
            List<SkillGap> ranked = in.gaps().stream().sorted(RANKING).toList();
            int focusCount = Math.min(in.rules().focusGaps(), ranked.size());
            for (int i = 0; i < focusCount; i++) {
                tracks.add(prepare(ranked.get(i), i));
            }
            choose();
            for (Track track : tracks) {
                boolean placed = false;
                for (Step step : track.steps) {
                    schedule(step);
                    if (step.state == State.SCHEDULED) {
                        placed = true;
                        break;
                    }
                }
                if (!placed && !track.steps.isEmpty()) {
                    notes.add("No step for " + name(track.gap) + " fits the " + hours(budget)
                            + " h weekly budget within the " + horizon + "-week horizon.");
                }
            }
            // Then the rest, experience first: the long practice steps are the hardest to fit and carry the 70 %,
            // so they get the budget before the short social and formal ones. When the budget runs out, what is
            // dropped are further steps of gaps that have one already, never whole gaps.
            tracks.stream().flatMap(t -> t.steps.stream()).filter(s -> s.state == State.PENDING)
                    .sorted(Comparator.<Step>comparingInt(s -> PICK_ORDER.indexOf(s.activity.bucket()))
                            .thenComparingInt(s -> s.track.rank).thenComparingInt(s -> s.index))
                    .toList().forEach(this::schedule);

            List<Step> scheduled = chosen.values().stream().filter(s -> s.state == State.SCHEDULED)
                    .sorted(Comparator.<Step>comparingInt(s -> s.startDay).thenComparingInt(s -> s.track.rank)
                            .thenComparingInt(s -> s.index))
                    .toList();
            Map<Bucket, Double> planned = new EnumMap<>(Bucket.class);
            for (Bucket b : Bucket.values()) {
                planned.put(b, scheduled.stream().filter(s -> s.activity.bucket() == b)
                        .mapToDouble(s -> s.activity.effortHours()).sum()
                        + in.kept().stream().filter(k -> k.bucket() == b).mapToDouble(KeptStep::effortHours).sum());
            }
            double total = planned.values().stream().mapToDouble(Double::doubleValue).sum();
            Mix mix = total == 0 ? new Mix(0, 0, 0) : new Mix(round3(planned.get(Bucket.EXPERIENCE) / total),
                    round3(planned.get(Bucket.SOCIAL) / total), round3(planned.get(Bucket.FORMAL) / total));

            List<String> allNotes = new ArrayList<>();
            allNotes.add(summary(scheduled, total));
            if (ranked.size() > focusCount) {
                allNotes.add("Focus on the " + focusCount + " highest-ranked gaps; not in this plan: "
                        + ranked.subList(focusCount, ranked.size()).stream().map(Planner::name)
                        .collect(Collectors.joining(", ")) + ".");
            }
            allNotes.addAll(notes);
            if (total > 0) {
                allNotes.addAll(mixNotes(planned, total, scheduled));
            }
            List<MentorMatch> mentors = tracks.stream().filter(t -> t.mentor != null)
                    .filter(t -> scheduled.stream().anyMatch(s -> s.track == t && s.activity.format() == Format.MENTORING))
                    .map(t -> t.mentor).toList();
            return new PlanDraft(scheduled.stream().map(this::toPlannedStep).toList(), List.copyOf(allNotes), mix,
                    startsOn, startsOn.plusWeeks(horizon), mentors);
        }

        List<PlannedStep> alternatives(SkillGap gap, String replaced, LocalDate from, int max) {
            Track track = prepare(gap, 0);
            List<Activity> candidates = new ArrayList<>();
            Bucket own = Optional.ofNullable(catalog.get(replaced)).map(Activity::bucket).orElse(Bucket.EXPERIENCE);
            List<Bucket> order = new ArrayList<>(List.of(own));
            PICK_ORDER.stream().filter(b -> b != own).forEach(order::add);
            order.forEach(b -> candidates.addAll(remaining(track, track.pools.get(b))));
            List<PlannedStep> out = new ArrayList<>();
            int fromDay = Math.max(0, day(from));
            for (Activity a : candidates) {
                if (out.size() >= max) {
                    break;
                }
                if (a.id().equals(replaced) || !a.prerequisites().stream()
                        .allMatch(p -> kept.containsKey(p) || in.completedActivityIds().contains(p))) {
                    continue;
                }
                Step step = new Step(a, track, 0);
                int earliest = fromDay;
                for (String p : a.prerequisites()) {
                    KeptStep k = kept.get(p);
                    if (k != null && !k.completed()) {
                        earliest = Math.max(earliest, day(k.dueOn()));
                    }
                }
                if (place(step, earliest, false)) {
                    out.add(toPlannedStep(step));
                }
            }
            return out;
        }

        /** A focus gap's mentor, its candidate pools and how many steps it wants. */
        private Track prepare(SkillGap gap, int rank) {
            MentorMatch mentor = null;
            if (catalog.offers(gap.skillId(), Format.MENTORING)) {
                mentor = MentorMatcher.best(gap.skillId(), in.mentors()).orElse(null);
                if (mentor == null) {
                    notes.add("No mentor fits " + name(gap) + " (nobody eligible outside your reporting line is at "
                            + "level 4 or more in it with room for a mentee); a workshop or peer-feedback step "
                            + "takes mentoring's place.");
                }
            }
            Track track = new Track(gap, rank, mentor);
            long keptForGap = in.kept().stream().filter(k -> k.skillId().equals(gap.skillId())).count();
            track.wanted = (int) Math.max(0, 1 + (long) Math.floor(gap.gap() + EPSILON) - keptForGap);
            PICK_ORDER.forEach(b -> track.pools.put(b, Pool.empty()));
            if (catalog.forSkill(gap.skillId()).isEmpty()) {
                notes.add("The catalog has no activity for " + name(gap) + "; add one to plan for this gap.");
                return track;
            }
            int level = levelOf(gap.currentLevel());
            if (catalog.suited(gap.skillId(), level).isEmpty()) {
                level = 0;
                notes.add("No activity for " + name(gap) + " suits level " + levelOf(gap.currentLevel())
                        + "; chose among all of its activities.");
            }
            for (Bucket b : PICK_ORDER) {
                track.pools.put(b, new Pool(catalog.suited(gap.skillId(), level, b)));
            }
            return track;
        }

        private boolean usable(Activity a, Track track) {
            if (blocked(a.id())) {
                return false;
            }
            // One mentoring relationship per gap, and only with a matched mentor.
            if (a.format() == Format.MENTORING && (track.mentor == null || track.hasMentoring)) {
                return false;
            }
            return a.format() != Format.WORKSHOP || !slots(a).isEmpty();
        }

        private boolean blocked(String activityId) {
            return in.completedActivityIds().contains(activityId) || kept.containsKey(activityId);
        }

        /** The activity's sessions with seats left that end within the horizon, earliest first. */
        private List<SessionSlot> slots(Activity a) {
            int end = horizon * 7;
            return in.sessions().getOrDefault(a.id(), List.of()).stream()
                    .filter(s -> s.seatsLeft() > 0 && day(s.startsOn()) >= 0
                            && day(s.startsOn()) + 7 * a.durationWeeks() <= end)
                    .sorted(Comparator.comparing(SessionSlot::startsOn).thenComparing(SessionSlot::sessionId))
                    .toList();
        }

        /** Round by round, every gap that wants more takes one more step, so no gap is starved by another. */
        private void choose() {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Track track : tracks) {
                    if (track.picked.size() < track.wanted && pickOne(track)) {
                        progress = true;
                    }
                }
            }
            for (Track track : tracks) {
                if (track.picked.size() < track.wanted) {
                    notes.add(capitalised(name(track.gap)) + ": " + track.picked.size() + " of " + track.wanted
                            + " intended steps; the catalog has no further suitable activity.");
                }
                List<Activity> ordered = runOrder(track.picked);
                for (int i = 0; i < ordered.size(); i++) {
                    Step step = new Step(ordered.get(i), track, i);
                    track.steps.add(step);
                    chosen.put(step.activity.id(), step);
                }
            }
        }

        /** Takes the next activity from the bucket that brings the mix closest to 70-20-10. */
        private boolean pickOne(Track track) {
            List<Bucket> buckets = new ArrayList<>();
            Map<Bucket, Double> deviation = new EnumMap<>(Bucket.class);
            for (Bucket b : PICK_ORDER) {
                Activity head = head(track, track.pools.get(b));
                if (head != null) {
                    buckets.add(b);
                    deviation.put(b, deviationAfter(b, head.effortHours()));
                }
            }
            buckets.sort(Comparator.<Bucket>comparingDouble(b -> Math.round(deviation.get(b) * 1e6))
                    .thenComparingInt(PICK_ORDER::indexOf));
            for (Bucket b : buckets) {
                Pool pool = track.pools.get(b);
                for (Activity a = head(track, pool); a != null; a = head(track, pool)) {
                    pool.next++;
                    List<Activity> missing = new ArrayList<>();
                    if (!collectPrerequisites(a, new HashSet<>(), missing)) {
                        notes.add("Skipped '" + a.title() + "': its prerequisites are missing from the catalog or circular.");
                        continue;
                    }
                    if (track.picked.size() + missing.size() + 1 > track.wanted) {
                        continue;
                    }
                    for (Activity m : missing) {
                        track.prerequisiteOf.putIfAbsent(m.id(), a.title());
                        add(track, m);
                    }
                    add(track, a);
                    return true;
                }
            }
            return false;
        }

        private void add(Track track, Activity a) {
            if (a.format() == Format.MENTORING) {
                track.hasMentoring = true;
            }
            track.picked.add(a);
            chosen.put(a.id(), null);
            effort.merge(a.bucket(), a.effortHours(), Double::sum);
        }

        /** The pool's first usable activity nobody has chosen yet (another gap may have taken it meanwhile). */
        private Activity head(Track track, Pool pool) {
            while (pool.next < pool.list.size()) {
                Activity a = pool.list.get(pool.next);
                if (!chosen.containsKey(a.id()) && usable(a, track)) {
                    return a;
                }
                pool.next++;
            }
            return null;
        }

        /** Every usable activity left in the pool, without consuming it. */
        private List<Activity> remaining(Track track, Pool pool) {
            List<Activity> out = new ArrayList<>();
            for (int i = pool.next; i < pool.list.size(); i++) {
                Activity a = pool.list.get(i);
                if (!chosen.containsKey(a.id()) && usable(a, track)) {
                    out.add(a);
                }
            }
            return out;
        }

        /** The sum of the buckets' distances from their aim once {@code hours} more go to {@code bucket}. */
        private double deviationAfter(Bucket bucket, double hours) {
            double total = effort.values().stream().mapToDouble(Double::doubleValue).sum() + hours;
            double sum = 0;
            for (Bucket b : Bucket.values()) {
                double e = effort.get(b) + (b == bucket ? hours : 0);
                sum += Math.abs(e / total - AIMS.get(b));
            }
            return sum;
        }

        /** Adds to {@code out}, prerequisites before dependents, what {@code a} needs and nobody has yet. */
        private boolean collectPrerequisites(Activity a, Set<String> path, List<Activity> out) {
            if (!path.add(a.id())) {
                return false;
            }
            for (String id : a.prerequisites().stream().sorted().toList()) {
                if (blocked(id) || chosen.containsKey(id)) {
                    continue;
                }
                Activity p = catalog.get(id);
                if (p == null) {
                    return false;
                }
                if (out.contains(p)) {
                    continue;
                }
                if (!collectPrerequisites(p, path, out)) {
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
                KeptStep k = kept.get(id);
                if (in.completedActivityIds().contains(id) || (k != null && k.completed())) {
                    continue;
                }
                if (k != null) {
                    earliest = Math.max(earliest, day(k.dueOn()));
                    continue;
                }
                Step prerequisite = chosen.get(id);
                schedule(prerequisite);
                if (prerequisite.state != State.SCHEDULED) {
                    drop(step, "its prerequisite '" + prerequisite.activity.title() + "' could not be scheduled");
                    return;
                }
                earliest = Math.max(earliest, prerequisite.dueDay);
            }
            // Formal learning comes first: practice starts once the gap's formal steps are done; social steps
            // (mentoring, feedback) may run alongside both once the formal ones have begun.
            for (Step earlier : step.track.steps.subList(0, step.index)) {
                if (earlier.activity.bucket() != Bucket.FORMAL) {
                    continue;
                }
                schedule(earlier);
                if (earlier.state == State.SCHEDULED) {
                    earliest = Math.max(earliest, step.activity.bucket() == Bucket.EXPERIENCE
                            ? earlier.dueDay : earlier.startDay);
                }
            }
            if (place(step, earliest, true)) {
                step.state = State.SCHEDULED;
                return;
            }
            Activity a = step.activity;
            drop(step, a.format() == Format.WORKSHOP
                    ? "none of its sessions with seats left fits the " + hours(budget) + " h weekly budget before the "
                    + horizon + "-week horizon ends"
                    : "it needs " + hours(a.hoursPerWeek()) + " h a week for " + a.durationWeeks()
                    + " weeks, more than the " + hours(budget) + " h weekly budget leaves free before the "
                    + horizon + "-week horizon ends");
        }

        /** Finds the first start on or after {@code earliestDay} that fits; occupies the budget if asked to. */
        private boolean place(Step step, int earliestDay, boolean occupy) {
            Activity a = step.activity;
            int end = horizon * 7;
            if (a.format() == Format.WORKSHOP) {
                for (SessionSlot slot : slots(a)) {
                    int start = day(slot.startsOn());
                    int due = start + 7 * a.durationWeeks();
                    if (start >= earliestDay && due <= end && fits(start, due, a.effortHours())) {
                        commit(step, start, due, slot, occupy);
                        return true;
                    }
                }
                return false;
            }
            for (int week = ceilWeek(earliestDay); week + a.durationWeeks() <= horizon; week++) {
                int start = week * 7;
                int due = start + 7 * a.durationWeeks();
                if (fits(start, due, a.effortHours())) {
                    commit(step, start, due, null, occupy);
                    return true;
                }
            }
            return false;
        }

        private void commit(Step step, int start, int due, SessionSlot slot, boolean occupy) {
            step.startDay = start;
            step.dueDay = due;
            step.session = slot;
            if (occupy) {
                occupy(start, due, step.activity.effortHours());
            }
        }

        /** Whether spreading {@code hours} over the weeks from day {@code start} to {@code due} keeps the budget. */
        private boolean fits(int start, int due, double hours) {
            int first = Math.floorDiv(start, 7);
            int last = ceilWeek(due);
            double rate = hours / (last - first);
            for (int w = Math.max(0, first); w < Math.min(horizon, last); w++) {
                if (load[w] + rate > budget + EPSILON) {
                    return false;
                }
            }
            return true;
        }

        private void occupy(int start, int due, double hours) {
            int first = Math.floorDiv(start, 7);
            int last = ceilWeek(due);
            if (last <= first) {
                return;
            }
            double rate = hours / (last - first);
            for (int w = Math.max(0, first); w < Math.min(horizon, last); w++) {
                load[w] += rate;
            }
        }

        private int day(LocalDate date) {
            return (int) ChronoUnit.DAYS.between(startsOn, date);
        }

        private void drop(Step step, String why) {
            step.state = State.DROPPED;
            notes.add("Dropped '" + step.activity.title() + "' (" + name(step.track.gap) + "): " + why + ".");
        }

        private PlannedStep toPlannedStep(Step s) {
            Activity a = s.activity;
            LocalDate start = startsOn.plusDays(s.startDay);
            String mentorId = a.format() == Format.MENTORING && s.track.mentor != null ? s.track.mentor.mentorId() : null;
            return new PlannedStep(a.id(), a.title(), a.format(), a.bucket(), s.track.gap.skillId(), a.effortHours(),
                    start, startsOn.plusDays(s.dueDay), reason(s.track.gap, a, s.track.prerequisiteOf.get(a.id()),
                    mentorId == null ? null : s.track.mentor, start), a.xapiActivityId(),
                    s.session == null ? null : s.session.sessionId(), mentorId);
        }

        private String summary(List<Step> scheduled, double total) {
            String skills = tracks.stream().map(t -> name(t.gap)).collect(Collectors.joining(", "));
            int steps = scheduled.size();
            return "Planned " + steps + " step" + (steps == 1 ? "" : "s") + (skills.isEmpty() ? "" : " for " + skills)
                    + (in.kept().isEmpty() ? "" : " besides " + in.kept().size() + " kept")
                    + ": " + hours(total) + " of " + hours(budget * horizon) + " available hours over "
                    + horizon + " weeks.";
        }

        private List<String> mixNotes(Map<Bucket, Double> planned, double total, List<Step> scheduled) {
            List<String> out = new ArrayList<>();
            for (Bucket b : PICK_ORDER) {
                double share = planned.get(b) / total;
                double deviation = share - AIMS.get(b);
                if (Math.abs(deviation) <= in.rules().mixTolerance() + EPSILON) {
                    continue;
                }
                String bucket = b.name().toLowerCase(Locale.ROOT);
                long count = scheduled.stream().filter(s -> s.activity.bucket() == b).count()
                        + in.kept().stream().filter(k -> k.bucket() == b).count();
                long droppedHere = dropped(s -> s.activity.bucket() == b);
                long droppedElsewhere = dropped(s -> s.activity.bucket() != b);
                String why;
                if (deviation < 0) {
                    why = droppedHere > 0 ? droppedHere + " " + bucket + " step(s) did not fit the weekly budget"
                            : count == 0 ? "no suitable " + bucket + " activity was available for these gaps"
                            : "its " + count + " " + bucket + " step(s) are short next to the others";
                } else {
                    why = droppedElsewhere > 0 ? droppedElsewhere + " other step(s) did not fit the weekly budget"
                            : "the catalog offers these gaps too little of the other kinds";
                }
                out.add(String.format(Locale.ROOT, "Mix: %s is %d%% of the planned effort against an aim of %d%% "
                                + "(%d points %s) because %s.", bucket, Math.round(share * 100),
                        Math.round(AIMS.get(b) * 100), Math.round(Math.abs(deviation) * 100),
                        deviation < 0 ? "below" : "above", why));
            }
            return out;
        }

        private long dropped(Predicate<Step> which) {
            return chosen.values().stream().filter(s -> s.state == State.DROPPED).filter(which).count();
        }
    }

    static String reason(SkillGap gap, Activity a, String prerequisiteOf, MentorMatch mentor, LocalDate start) {
        String closes = String.format(Locale.ROOT, "Closes the %s gap of %.1f levels (target %s, now %.1f)",
                name(gap), gap.gap(), hours(gap.targetLevel()), gap.currentLevel());
        if (prerequisiteOf != null) {
            return closes + "; needed before '" + prerequisiteOf + "'.";
        }
        return closes + switch (a.format()) {
            case WORKSHOP -> "; workshop on " + start + " before practice.";
            case COURSE, READING -> "; formal learning before practice.";
            case MENTORING -> mentor == null ? "; a mentor's guidance alongside practice."
                    : String.format(Locale.ROOT, "; mentoring with %s (level %.1f in %s, outside your reporting line).",
                    mentor.displayName() == null ? "your matched mentor" : mentor.displayName(), mentor.level(), name(gap));
            case FEEDBACK -> "; feedback from others shows where to focus.";
            case NETWORKING -> "; learning from a wider network.";
            case PRACTICE -> "; practice on the job, where most growth happens.";
        };
    }

    /** Levels are 1-5; a fractional level counts as the next whole one, an unrated 0 as 1. */
    static int levelOf(double currentLevel) {
        return Math.max(1, Math.min(5, (int) Math.ceil(currentLevel - EPSILON)));
    }

    private static int ceilWeek(int day) {
        return Math.floorDiv(day + 6, 7);
    }

    /** The skill's name as it reads inside a sentence: "Conflict resolution" becomes "conflict resolution". */
    static String name(SkillGap gap) {
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
