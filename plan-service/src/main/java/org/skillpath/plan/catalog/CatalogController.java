package org.skillpath.plan.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog")
class CatalogController {

    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The activities the caller's organisation can plan with, optionally for one skill, ordered by id. */
    @GetMapping
    PageResponse<Activity> list(@CurrentCaller Caller caller, @CurrentOrg String orgId,
                                @RequestParam(required = false) @Pattern(regexp = "[a-z0-9-]{1,100}") String skillId,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        CatalogAccess.requireReader(caller);
        return PageResponse.of(catalog.page(orgId, skillId, page, size));
    }
}
