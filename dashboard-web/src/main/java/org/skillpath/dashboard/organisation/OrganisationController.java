package org.skillpath.dashboard.organisation;

import jakarta.validation.constraints.Size;
import org.skillpath.dashboard.api.SkillpathApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The L&amp;D admin's view of the organisation (or one department): gaps by skill and growth. */
@Controller
class OrganisationController {

    private final SkillpathApi api;

    OrganisationController(SkillpathApi api) {
        this.api = api;
    }

    @GetMapping("/organisation")
    String organisation(@RequestParam(defaultValue = "") @Size(max = 200) String department, Model model) {
        model.addAttribute("department", department.strip());
        model.addAttribute("organisation", OrganisationView.of(api.organisation(department.strip())));
        return "organisation";
    }
}
