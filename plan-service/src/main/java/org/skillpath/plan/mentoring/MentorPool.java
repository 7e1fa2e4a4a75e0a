package org.skillpath.plan.mentoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.people.PersonViews;
import org.skillpath.plan.planning.MentorCandidate;
import org.skillpath.plan.planning.MentorMatcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The mentors a person may be matched with, as the planner takes them, and their mentee slots. */
@Component
public class MentorPool {

    private final PersonViews people;
    private final int defaultCapacity;

    MentorPool(PersonViews people, @Value("${skillpath.mentoring.default-capacity:2}") int defaultCapacity) {
        this.people = people;
        this.defaultCapacity = defaultCapacity;
    }

    /** A snapshot of the eligible pool: the records behind it are needed to reserve a slot conditionally. */
    public record Snapshot(List<MentorCandidate> candidates, Map<String, PersonView> records) {

        public Snapshot without(Set<String> mentorIds) {
            return new Snapshot(candidates.stream().filter(c -> !mentorIds.contains(c.personId())).toList(), records);
        }
    }

    /**
     * The opted-in, active mentors of the organisation outside the mentee's reporting line. A plan that holds a
     * slot already (a redelivery, a revision) still sees that mentor as having room.
     */
    public Snapshot eligibleFor(String orgId, String menteeId, String planId) {
        return eligible(orgId, menteeId, null, planId);
    }

    /** The same, for a mentee whose view was read already (their own line is taken from it). */
    public Snapshot eligibleFor(PersonView mentee, String planId) {
        return eligible(mentee.orgId(), mentee.personId(), mentee, planId);
    }

    /**
     * Only the reporting lines that decide eligibility are read, those of the mentee and of the candidates, and
     * none when nobody but the mentee opted in: the organisation's size does not matter.
     */
    private Snapshot eligible(String orgId, String menteeId, PersonView mentee, String planId) {
        List<PersonView> optedIn = people.mentors(orgId);
        Map<String, PersonView> records = optedIn.stream().collect(Collectors.toMap(PersonView::personId, p -> p));
        List<MentorCandidate> candidates = optedIn.stream().filter(p -> !p.personId().equals(menteeId))
                .map(p -> new MentorCandidate(p.personId(), p.displayName(), p.strengthLevels(),
                        p.menteePlans().contains(planId) ? Math.max(1, spare(p)) : spare(p)))
                .toList();
        if (candidates.isEmpty()) {
            return new Snapshot(List.of(), records);
        }
        List<PersonView> known = new ArrayList<>(optedIn);
        if (mentee != null) {
            known.add(mentee);
        }
        Map<String, String> lines = people.reportingLines(orgId, known,
                mentee == null ? List.of(menteeId) : List.of());
        return new Snapshot(MentorMatcher.eligible(menteeId, lines, candidates), records);
    }

    public boolean reserve(String orgId, Snapshot snapshot, String mentorId, String planId) {
        PersonView mentor = snapshot.records().get(mentorId);
        return mentor != null && people.reserveMentor(orgId, mentor, defaultCapacity, planId);
    }

    public void release(String mentorId, String planId) {
        people.releaseMentor(mentorId, planId);
    }

    public int capacityOf(PersonView p) {
        return p.mentorCapacity() == null ? defaultCapacity : p.mentorCapacity();
    }

    int spare(PersonView p) {
        return Math.max(0, capacityOf(p) - p.menteeCount());
    }
}
