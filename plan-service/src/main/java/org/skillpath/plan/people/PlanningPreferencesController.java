package org.skillpath.plan.people;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.web.CurrentOrg;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's weekly learning budget and plan horizon; their next plan uses them, unset means the defaults. */
@RestController
@RequestMapping("/api/people/{personId}/planning-preferences")
class PlanningPreferencesController {

    record Preferences(@DecimalMin("0.5") @DecimalMax("40") Double weeklyBudgetHours,
                       @Min(1) @Max(52) Integer horizonWeeks) {
    }

    private final PersonViews people;
    private final double defaultBudget;
    private final int defaultHorizon;

    PlanningPreferencesController(PersonViews people,
                                  @Value("${skillpath.planning.weekly-budget-hours}") double defaultBudget,
                                  @Value("${skillpath.planning.horizon-weeks}") int defaultHorizon) {
        this.people = people;
        this.defaultBudget = defaultBudget;
        this.defaultHorizon = defaultHorizon;
    }

    @GetMapping
    Preferences get(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String personId) {
        return people.find(orgId, personId)
                .map(p -> new Preferences(p.weeklyBudgetHours() == null ? defaultBudget : p.weeklyBudgetHours(),
                        p.horizonWeeks() == null ? defaultHorizon : p.horizonWeeks()))
                .orElse(new Preferences(defaultBudget, defaultHorizon));
    }

    @PutMapping
    Preferences put(@CurrentOrg String orgId, @PathVariable @Size(max = 100) String personId,
                    @Valid @RequestBody Preferences preferences) {
        if (!people.setPlanningPreferences(orgId, personId, preferences.weeklyBudgetHours(), preferences.horizonWeeks())) {
            throw org.skillpath.kit.web.ApiException.notFound("person", personId);
        }
        return get(orgId, personId);
    }
}
