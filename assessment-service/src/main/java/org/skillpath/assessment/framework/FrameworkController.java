package org.skillpath.assessment.framework;

import java.util.List;

import org.skillpath.kit.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class FrameworkController {

    private final FrameworkCatalog catalog;

    FrameworkController(FrameworkCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/frameworks/default")
    SkillFramework defaultFramework() {
        return catalog.defaultFramework();
    }

    @GetMapping("/role-profiles")
    List<RoleProfile> roleProfiles() {
        return catalog.roleProfiles();
    }

    @GetMapping("/role-profiles/{id}")
    RoleProfile roleProfile(@PathVariable String id) {
        return catalog.roleProfile(id).orElseThrow(() -> ApiException.notFound("role profile", id));
    }
}
