package org.skillpath.dashboard.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.skillpath.dashboard.api.Plans.Plan;
import org.skillpath.dashboard.api.Plans.PlanProgress;
import org.skillpath.dashboard.api.ServiceException;
import org.skillpath.dashboard.api.SkillpathApi;
import org.springframework.stereotype.Component;

/** A person's newest plans, each joined with plan-service's reasons, for the drill-down and "my plan" pages. */
@Component
public class PlanViews {

    /** The current plan and the two before it are plenty for a page; older ones stay in the API. */
    static final int SHOWN = 3;

    private final SkillpathApi api;
    private final Clock clock;

    PlanViews(SkillpathApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    public List<PlanView> of(String personId, Map<String, String> skillNames) {
        return api.progressOf(personId, SHOWN).stream()
                .map(p -> PlanView.of(p, plan(p), skillNames, clock.getZone(), LocalDate.now(clock))).toList();
    }

    /** The plan's reasons; a plan plan-service no longer shows this person leaves them out rather than the page. */
    private Plan plan(PlanProgress progress) {
        try {
            return api.plan(progress.planId());
        } catch (ServiceException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }
}
