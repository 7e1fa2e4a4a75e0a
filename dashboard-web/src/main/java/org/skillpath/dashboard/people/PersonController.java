package org.skillpath.dashboard.people;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.ServiceException;
import org.skillpath.dashboard.api.SkillpathApi;
import org.skillpath.dashboard.plan.PlanViews;
import org.skillpath.dashboard.web.Formats;
import org.skillpath.dashboard.web.GrowthRow;
import org.skillpath.dashboard.web.LevelRow;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One report in detail, for their manager (or an L&amp;D admin): levels, growth, and the plans step by step with
 * the reason for each step. The manager confirms on-the-job practice the person reported done.
 */
@Controller
class PersonController {

    /** Ids go into API paths: the services' own ids are UUIDs and derived ids of the same characters. */
    static final String ID = "[A-Za-z0-9._:-]{1,128}";

    private final SkillpathApi api;
    private final PlanViews plans;
    private final Clock clock;

    PersonController(SkillpathApi api, PlanViews plans, Clock clock) {
        this.api = api;
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping("/people/{personId}")
    String person(@PathVariable @Pattern(regexp = ID) String personId, Model model) {
        MemberDetail detail = api.person(personId);
        Map<String, String> skillNames = new LinkedHashMap<>();
        detail.levels().forEach(l -> skillNames.put(l.skillId(), Formats.skillName(l.skillId(), l.skillName())));
        model.addAttribute("person", detail);
        model.addAttribute("name", detail.displayName() == null ? "(name not known yet)" : detail.displayName());
        model.addAttribute("assessedOn", Formats.date(detail.assessedAt(), clock.getZone()));
        model.addAttribute("levels", LevelRow.of(detail.levels()));
        model.addAttribute("growth", detail.growth().stream().map(g -> GrowthRow.of(
                Formats.skillName(g.skillId(), skillNames.get(g.skillId())), g.previousLevel(), g.currentLevel(), 1)).toList());
        model.addAttribute("plans", plans.of(personId, skillNames));
        return "person";
    }

    @PostMapping("/people/{personId}/plans/{planId}/steps/{stepId}/confirmation")
    String confirm(@PathVariable @Pattern(regexp = ID) String personId, @PathVariable @Pattern(regexp = ID) String planId,
                   @PathVariable @Pattern(regexp = ID) String stepId,
                   @RequestParam(defaultValue = "") @Size(max = 2000) String note, RedirectAttributes flash) {
        try {
            api.confirm(planId, stepId, note.isBlank() ? null : note.strip());
            flash.addFlashAttribute("success", "The step is confirmed as done.");
        } catch (ServiceException e) {
            if (e.status() >= 500) {
                throw e;
            }
            flash.addFlashAttribute("failure", "The step was not confirmed: "
                    + (e.detail() == null ? "progress-service refused it (" + e.status() + ")." : e.detail()));
        }
        return "redirect:/people/" + personId + "#step-" + stepId;
    }
}
