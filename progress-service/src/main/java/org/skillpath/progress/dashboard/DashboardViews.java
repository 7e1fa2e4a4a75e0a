package org.skillpath.progress.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.skillpath.kit.web.PageResponse;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;

/**
 * What the dashboard shows, computed from the read model and today's date (pure functions: the same documents
 * and the same day always give the same dashboard). Team aggregates appear only for groups of at least
 * {@value #MIN_GROUP} people, so no aggregate singles anyone out.
 */
public final class DashboardViews {

    public static final int MIN_GROUP = 3;

    private DashboardViews() {
    }

    public record PlanSummary(String planId, String status, int progressPercent, int overdueSteps, LocalDate nextDueOn) {
    }

    public record GapSummary(String skillId, String skillName, double currentLevel, Double targetLevel) {
    }

    public record MemberRow(String personId, String displayName, String department, PlanSummary activePlan,
                            List<GapSummary> topGaps, Instant lastActivityAt) {
    }

    public record SkillCell(String skillId, String skillName, double averageCurrent, Double averageTarget, int people) {
    }

    public record SkillGrowth(String skillId, String skillName, double averagePrevious, double averageCurrent,
                              double averageChange, int people) {
    }

    /** @param available false when the group is too small; then only {@code reason} and {@code people} are set */
    public record Aggregates(boolean available, String reason, int people, Integer averageProgressPercent,
                             Integer overdueSteps, List<SkillCell> heatMap, List<SkillGrowth> growth) {
    }

    public record TeamOverview(String managerId, int teamSize, Aggregates aggregates, PageResponse<MemberRow> members) {
    }

    public record OrganisationOverview(Aggregates aggregates, PageResponse<MemberRow> people) {
    }

    public record StepDetail(String stepId, String title, String skillId, double effortHours, LocalDate dueOn,
                             boolean done, Instant completedAt, boolean overdue) {
    }

    public record PlanDetail(String planId, String status, Instant createdAt, LocalDate startsOn, LocalDate endsOn,
                             int progressPercent, Instant completedAt, List<StepDetail> steps) {
    }

    public record MemberDetail(String personId, String displayName, String managerId, String department,
                               String roleName, Instant assessedAt, List<GapSummary> topGaps, List<GapSummary> levels,
                               List<DashboardMember.Growth> growth, List<PlanDetail> plans, Instant lastActivityAt) {
    }

    /** Filters of the team and organisation lists. */
    public record Filter(boolean overdueOnly, String skillId) {

        boolean accepts(DashboardMember m, LocalDate today) {
            MemberRow row = row(m, today);
            if (overdueOnly && (row.activePlan() == null || row.activePlan().overdueSteps() == 0)) {
                return false;
            }
            return skillId == null || levels(m).stream().anyMatch(l -> skillId.equals(l.skillId()) && l.target() != null
                    && l.current() < l.target());
        }
    }

    // ---- plans ----

    static String status(DashboardMember.DashPlan p) {
        if (p.archivedAt() != null) {
            return "ARCHIVED";
        }
        if (p.completedAt() != null) {
            return "COMPLETED";
        }
        return p.activatedAt() != null ? "ACTIVE" : "PROPOSED";
    }

    /** The plan's steps now: the latest revision's, plus steps a revision dropped after they were done. */
    static List<DashboardMember.DashStep> steps(DashboardMember.DashPlan p) {
        List<DashboardMember.DashStep> steps = new ArrayList<>(p.steps() == null ? List.of() : p.steps());
        Set<String> present = new HashSet<>();
        steps.forEach(s -> present.add(s.stepId()));
        for (String done : doneSteps(p).keySet()) {
            if (!present.contains(done) && p.stepsEver() != null) {
                p.stepsEver().stream().filter(s -> s.stepId().equals(done)).findFirst().ifPresent(s -> {
                    steps.add(s);
                    present.add(done);
                });
            }
        }
        return steps;
    }

    static Map<String, Instant> doneSteps(DashboardMember.DashPlan p) {
        Map<String, Instant> done = new TreeMap<>();
        if (p.done() != null) {
            p.done().forEach(d -> done.merge(d.stepId(), d.completedAt(), (a, b) -> a.isBefore(b) ? a : b));
        }
        return done;
    }

    /** Effort-weighted, rounded down, as the progress API computes it; a completed plan is 100. */
    static int progressPercent(DashboardMember.DashPlan p) {
        if (p.completedAt() != null) {
            return 100;
        }
        Map<String, Instant> done = doneSteps(p);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal completed = BigDecimal.ZERO;
        for (DashboardMember.DashStep s : steps(p)) {
            BigDecimal effort = BigDecimal.valueOf(s.effortHours());
            total = total.add(effort);
            if (done.containsKey(s.stepId())) {
                completed = completed.add(effort);
            }
        }
        return total.signum() == 0 ? 0
                : completed.multiply(BigDecimal.valueOf(100)).divide(total, 0, RoundingMode.DOWN).intValueExact();
    }

    static PlanDetail planDetail(DashboardMember.DashPlan p, LocalDate today) {
        Map<String, Instant> done = doneSteps(p);
        boolean open = p.completedAt() == null && p.archivedAt() == null;
        List<StepDetail> steps = steps(p).stream().map(s -> new StepDetail(s.stepId(), s.title(), s.skillId(),
                s.effortHours(), s.dueOn(), done.containsKey(s.stepId()), done.get(s.stepId()),
                open && !done.containsKey(s.stepId()) && s.dueOn() != null && s.dueOn().isBefore(today))).toList();
        return new PlanDetail(p.planId(), status(p), p.createdAt(), p.startsOn(), p.endsOn(), progressPercent(p),
                p.completedAt(), steps);
    }

    /** The newest plan that is neither completed nor archived (and whose plan.created has arrived). */
    static DashboardMember.DashPlan activePlan(DashboardMember m) {
        if (m.plans() == null) {
            return null;
        }
        return m.plans().values().stream()
                .filter(p -> p.createdAt() != null && p.completedAt() == null && p.archivedAt() == null)
                .max(Comparator.comparing(DashboardMember.DashPlan::createdAt).thenComparing(DashboardMember.DashPlan::planId))
                .orElse(null);
    }

    // ---- people ----

    static List<DashboardMember.SkillLevel> levels(DashboardMember m) {
        return m.gaps() == null || m.gaps().levels() == null ? List.of() : m.gaps().levels();
    }

    static List<GapSummary> topGaps(DashboardMember m) {
        return levels(m).stream().filter(l -> l.rank() != null)
                .sorted(Comparator.comparing(DashboardMember.SkillLevel::rank)).limit(3)
                .map(DashboardViews::gap).toList();
    }

    public static MemberRow row(DashboardMember m, LocalDate today) {
        DashboardMember.DashPlan active = activePlan(m);
        PlanSummary summary = null;
        if (active != null) {
            PlanDetail detail = planDetail(active, today);
            int overdue = (int) detail.steps().stream().filter(StepDetail::overdue).count();
            LocalDate nextDue = detail.steps().stream().filter(s -> !s.done() && s.dueOn() != null)
                    .map(StepDetail::dueOn).min(Comparator.naturalOrder()).orElse(null);
            summary = new PlanSummary(active.planId(), detail.status(), detail.progressPercent(), overdue, nextDue);
        }
        return new MemberRow(m.personId(), m.displayName(), m.department(), summary, topGaps(m), m.lastActivityAt());
    }

    public static MemberDetail detail(DashboardMember m, LocalDate today) {
        List<PlanDetail> plans = m.plans() == null ? List.of() : m.plans().values().stream()
                .filter(p -> p.createdAt() != null)
                .sorted(Comparator.comparing(DashboardMember.DashPlan::createdAt).reversed()
                        .thenComparing(DashboardMember.DashPlan::planId))
                .map(p -> planDetail(p, today)).toList();
        return new MemberDetail(m.personId(), m.displayName(), m.managerId(), m.department(),
                m.gaps() == null ? null : m.gaps().roleName(), m.gaps() == null ? null : m.gaps().identifiedAt(),
                topGaps(m), levels(m).stream().map(DashboardViews::gap).toList(),
                m.gaps() == null || m.gaps().growth() == null ? List.of() : m.gaps().growth(), plans,
                m.lastActivityAt());
    }

    /** Rows in name order (then id, so pages never overlap), filtered, one page of them. */
    public static PageResponse<MemberRow> page(List<DashboardMember> members, Filter filter, LocalDate today,
                                               int page, int size) {
        List<MemberRow> rows = members.stream().filter(m -> filter.accepts(m, today))
                .sorted(Comparator.comparing((DashboardMember m) -> m.displayName() == null ? "\uffff"
                        : m.displayName().toLowerCase(java.util.Locale.ROOT)).thenComparing(DashboardMember::personId))
                .map(m -> row(m, today)).toList();
        int from = (int) Math.min((long) page * size, rows.size());
        int to = Math.min(from + size, rows.size());
        return PageResponse.of(new PageImpl<>(rows.subList(from, to), PageRequest.of(page, size), rows.size()));
    }

    /** The group's averages, heat map and growth, or only the reason they are withheld. */
    public static Aggregates aggregates(List<DashboardMember> group, LocalDate today) {
        if (group.size() < MIN_GROUP) {
            return new Aggregates(false, "fewer than " + MIN_GROUP + " people: aggregates would identify individuals",
                    group.size(), null, null, List.of(), List.of());
        }
        int progressSum = 0;
        int withPlan = 0;
        int overdue = 0;
        Map<String, List<DashboardMember.SkillLevel>> bySkill = new LinkedHashMap<>();
        Map<String, List<DashboardMember.Growth>> growthBySkill = new LinkedHashMap<>();
        Map<String, String> names = new TreeMap<>();
        for (DashboardMember m : group) {
            MemberRow row = row(m, today);
            if (row.activePlan() != null) {
                withPlan++;
                progressSum += row.activePlan().progressPercent();
                overdue += row.activePlan().overdueSteps();
            }
            for (DashboardMember.SkillLevel l : levels(m)) {
                bySkill.computeIfAbsent(l.skillId(), k -> new ArrayList<>()).add(l);
                names.putIfAbsent(l.skillId(), l.skillName());
            }
            if (m.gaps() != null && m.gaps().growth() != null) {
                m.gaps().growth().forEach(g -> growthBySkill.computeIfAbsent(g.skillId(), k -> new ArrayList<>()).add(g));
            }
        }
        List<SkillCell> heatMap = bySkill.entrySet().stream().map(e -> {
            List<Double> targets = e.getValue().stream().map(DashboardMember.SkillLevel::target).filter(Objects::nonNull).toList();
            return new SkillCell(e.getKey(), names.get(e.getKey()),
                    average(e.getValue().stream().map(DashboardMember.SkillLevel::current).toList()),
                    targets.isEmpty() ? null : average(targets), e.getValue().size());
        }).sorted(Comparator.comparing((SkillCell c) -> -(c.averageTarget() == null ? 0 : c.averageTarget() - c.averageCurrent()))
                .thenComparing(SkillCell::skillId)).toList();
        List<SkillGrowth> growth = growthBySkill.entrySet().stream().map(e -> {
            double previous = average(e.getValue().stream().map(DashboardMember.Growth::previousLevel).toList());
            double current = average(e.getValue().stream().map(DashboardMember.Growth::currentLevel).toList());
            return new SkillGrowth(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), previous, current,
                    round(current - previous), e.getValue().size());
        }).sorted(Comparator.comparing(SkillGrowth::skillId)).toList();
        return new Aggregates(true, null, group.size(), withPlan == 0 ? null : progressSum / withPlan, overdue,
                heatMap, growth);
    }

    private static GapSummary gap(DashboardMember.SkillLevel l) {
        return new GapSummary(l.skillId(), l.skillName(), l.current(), l.target());
    }

    private static double average(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(BigDecimal.valueOf(v));
        }
        return sum.divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP).doubleValue();
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
