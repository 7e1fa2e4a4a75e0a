package org.skillpath.plan.people;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's weekly learning budget and plan horizon; their next plan uses them, unset means the defaults. A person
 * plan-service does not know in the caller's organisation is not found, whoever asks.
 */
@RestController
@RequestMapping("/api/people/{personId}/planning-preferences")
class PlanningPreferencesController {

    record Preferences(@DecimalMin("0.5") @DecimalMax("40") Double weeklyBudgetHours,
                       @Min(1) @Max(52) Integer horizonWeeks) {
    }

    private final PersonViews people;
    private final PeopleAccess access;
    private final double defaultBudget;
    private final int defaultHorizon;

    PlanningPreferencesController(PersonViews people, PeopleAccess access,
                                  @Value("${skillpath.planning.weekly-budget-hours}") double defaultBudget,
                                  @Value("${skillpath.planning.horizon-weeks}") int defaultHorizon) {
        this.people = people;
        this.access = access;
        this.defaultBudget = defaultBudget;
        this.defaultHorizon = defaultHorizon;
    }

    /** The person, their manager, or a reader of their plans (skip-level manager when configured, L&D admin). */
    @GetMapping
    Preferences get(@CurrentCaller Caller caller, @PathVariable @Size(max = 100) String personId) {
        if (!access.relationToKnown(caller, personId).sees()) {
            throw ApiException.notFound("person", personId);
        }
        return current(caller.orgId(), personId);
    }

    /** Only the person sets their own budget and horizon. */
    @PutMapping
    Preferences put(@CurrentCaller Caller caller, @PathVariable @Size(max = 100) String personId,
                    @Valid @RequestBody Preferences preferences) {
        PeopleAccess.Relation relation = access.relationToKnown(caller, personId);
        if (!relation.sees()) {
            throw ApiException.notFound("person", personId);
        }
        if (relation != PeopleAccess.Relation.SELF) {
            throw Callers.forbidden("only the person sets their own planning preferences");
        }
        if (!people.setPlanningPreferences(caller.orgId(), personId, preferences.weeklyBudgetHours(),
                preferences.horizonWeeks())) {
            throw ApiException.notFound("person", personId);
        }
        return current(caller.orgId(), personId);
    }

    private Preferences current(String orgId, String personId) {
        return people.find(orgId, personId)
                .map(p -> new Preferences(p.weeklyBudgetHours() == null ? defaultBudget : p.weeklyBudgetHours(),
                        p.horizonWeeks() == null ? defaultHorizon : p.horizonWeeks()))
                .orElseThrow(() -> ApiException.notFound("person", personId));
    }
}
