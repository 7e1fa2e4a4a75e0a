package org.skillpath.dashboard.me;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.ServiceException;
import org.skillpath.dashboard.api.SkillpathApi;
import org.skillpath.dashboard.plan.PlanViews;
import org.skillpath.dashboard.security.SignedIn;
import org.skillpath.dashboard.web.Formats;
import org.skillpath.dashboard.web.LevelRow;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's own plan, and their check-ins on its steps. */
@Controller
class MyPlanController {

    /** progress-service keeps reflections up to this length. */
    static final int REFLECTION_MAX = 4000;
    private static final String ID = "[A-Za-z0-9._:-]{1,128}";

    private final SkillpathApi api;
    private final PlanViews plans;

    MyPlanController(SkillpathApi api, PlanViews plans) {
        this.api = api;
        this.plans = plans;
    }

    @GetMapping("/me")
    String myPlan(@AuthenticationPrincipal OidcUser user, Model model) {
        SignedIn me = SignedIn.of(user);
        List<LevelRow> levels = List.of();
        Map<String, String> skillNames = new LinkedHashMap<>();
        try {
            MemberDetail detail = api.person(me.personId());
            detail.levels().forEach(l -> skillNames.put(l.skillId(), Formats.skillName(l.skillId(), l.skillName())));
            levels = LevelRow.of(detail.levels());
        } catch (ServiceException e) {
            // nobody has assessed the person yet: the page says so instead of failing
            if (e.status() != 404) {
                throw e;
            }
        }
        model.addAttribute("levels", levels);
        model.addAttribute("plans", plans.of(me.personId(), skillNames));
        // one key per rendering of the form: submitting it twice (a double click, a retry) checks in once
        model.addAttribute("requestId", UUID.randomUUID().toString());
        return "me";
    }

    @PostMapping("/me/plans/{planId}/steps/{stepId}/check-ins")
    String checkIn(@PathVariable @Pattern(regexp = ID) String planId, @PathVariable @Pattern(regexp = ID) String stepId,
                   @RequestParam(defaultValue = "") String reflection,
                   @RequestParam(defaultValue = "false") boolean complete,
                   @RequestParam @Pattern(regexp = "[0-9a-f-]{36}") String requestId, RedirectAttributes flash) {
        if (reflection.length() > REFLECTION_MAX) {
            flash.addFlashAttribute("failure", "The reflection is longer than " + REFLECTION_MAX
                    + " characters; please shorten it.");
            flash.addFlashAttribute("draft", reflection);
            flash.addFlashAttribute("draftStep", stepId);
            return "redirect:/me#step-" + stepId;
        }
        try {
            api.checkIn(planId, stepId, reflection.isBlank() ? null : reflection.strip(), complete, requestId);
            flash.addFlashAttribute("success", complete ? "Checked in and reported the step done."
                    : "Checked in: your reflection is saved.");
        } catch (ServiceException e) {
            if (e.status() >= 500) {
                throw e;
            }
            flash.addFlashAttribute("failure", "The check-in was not saved: "
                    + (e.detail() == null ? "progress-service refused it (" + e.status() + ")." : e.detail()));
            flash.addFlashAttribute("draft", reflection);
            flash.addFlashAttribute("draftStep", stepId);
        }
        return "redirect:/me#step-" + stepId;
    }
}
