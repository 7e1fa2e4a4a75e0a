package org.skillpath.kit.security;

import java.util.Map;

import org.skillpath.kit.web.CurrentOrg;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service with the kit, to exercise its security defaults through the real filter chain. */
@SpringBootApplication
public class SecuredTestApplication {

    @RestController
    static class Endpoints {

        @GetMapping("/api/whoami")
        Map<String, Object> whoami(@CurrentOrg String org, @CurrentCaller Caller caller) {
            return Map.of("org", org, "subject", caller.subject(), "client", caller.client(),
                    "roles", caller.roles(), "scopes", caller.scopes());
        }

        @PreAuthorize("hasRole('LD_ADMIN')")
        @GetMapping("/api/admin-only")
        Map<String, Object> adminOnly() {
            return Map.of("ok", true);
        }

        @GetMapping("/api/people-sync")
        Map<String, Object> peopleSync() {
            Callers.requireScopeOrRole("people:write", Caller.LD_ADMIN);
            return Map.of("ok", true);
        }

        @RateLimited("bulk")
        @PostMapping("/api/bulk")
        Map<String, Object> bulk(@CurrentOrg String org) {
            Callers.requireRole(Caller.LD_ADMIN);
            return Map.of("org", org);
        }

        @GetMapping("/open/ping")
        Map<String, Object> open() {
            return Map.of("pong", true);
        }
    }
}
