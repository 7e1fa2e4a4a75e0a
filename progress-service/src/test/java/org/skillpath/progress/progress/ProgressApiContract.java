package org.skillpath.progress.progress;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.progress.IntegrationContract;
import org.springframework.http.MediaType;

/**
 * The progress API's refusals are problem details, its lists pages in a stable order, its tenant (the token's
 * organisation) a wall, and its OpenAPI document says what every operation needs.
 */
public abstract class ProgressApiContract extends IntegrationContract {

    @Test
    public void anUnknownPlanIsA404Problem() throws Exception {
        mvc.perform(get("/api/progress/plans/{planId}", "no-such-plan").with(bearer(newAdmin(newOrgId()))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("plan no-such-plan does not exist"));
    }

    @Test
    public void anotherOrganisationsPlanIsAsAbsentAsAMissingOne() throws Exception {
        String orgId = newOrgId();
        PlanProgress plan = store(orgId, newId(), Instant.parse("2026-01-04T09:00:00Z"));
        inDirectory(orgId, plan.getPersonId(), null);
        String otherAdmin = newAdmin(newOrgId());

        mvc.perform(get("/api/progress/plans/{planId}", plan.getPlanId()).with(bearer(otherAdmin)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/progress").param("personId", plan.getPersonId()).with(bearer(otherAdmin)))
                .andExpect(status().isNotFound());
        // The owner's id in another organisation's token: no person of that organisation's directory.
        mvc.perform(get("/api/progress/plans/{planId}", plan.getPlanId())
                        .with(bearer(TestTokens.employee(newOrgId(), plan.getPersonId()))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/progress/plans/{planId}", plan.getPlanId())
                        .with(bearer(TestTokens.employee(orgId, plan.getPersonId()))))
                .andExpect(status().isOk());
    }

    @Test
    public void withoutAValidTokenEveryRequestIsA401ProblemWhateverHeadersItCarries() throws Exception {
        mvc.perform(get("/api/progress/plans/{planId}", "p"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/progress").param("personId", "p").header("X-Org-Id", newOrgId())
                        .header("X-Person-Id", "p"))
                .andExpect(status().isUnauthorized());
        String personId = newId();
        for (String token : List.of(TestTokens.token(c -> c.subject(personId).claim("roles", List.of("EMPLOYEE"))),
                TestTokens.token(c -> c.subject(personId).claim("org", "Not A Tenant!").claim("roles", List.of("EMPLOYEE"))),
                TestTokens.expired(newOrgId(), personId), TestTokens.foreignSigned(newOrgId(), personId))) {
            mvc.perform(get("/api/progress").param("personId", personId).with(bearer(token)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    public void badListParametersAre400Problems() throws Exception {
        String admin = newAdmin(newOrgId());
        mvc.perform(get("/api/progress").with(bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
        mvc.perform(get("/api/progress").param("personId", " ").with(bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        mvc.perform(get("/api/progress").param("personId", "p").param("size", "101").with(bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/progress").param("personId", "p").param("page", "-1").with(bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/progress").param("personId", "p").param("size", "many").with(bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    public void aPersonsPlansArePagedNewestFirst() throws Exception {
        String orgId = newOrgId();
        String personId = newId();
        inDirectory(orgId, personId, null);
        String token = TestTokens.employee(orgId, personId);
        PlanProgress oldest = store(orgId, personId, Instant.parse("2025-01-06T09:00:00Z"));
        PlanProgress middle = store(orgId, personId, Instant.parse("2025-06-02T09:00:00Z"));
        PlanProgress newest = store(orgId, personId, Instant.parse("2026-01-05T09:00:00Z"));
        store(orgId, newId(), Instant.parse("2026-01-05T09:00:00Z"));

        mvc.perform(get("/api/progress").param("personId", personId).param("size", "2").with(bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].planId", contains(newest.getPlanId(), middle.getPlanId())))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].progress.percentComplete").value(0));
        mvc.perform(get("/api/progress").param("personId", personId).param("size", "2").param("page", "1")
                        .with(bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].planId", contains(oldest.getPlanId())));
    }

    @Test
    public void theOpenApiDocumentDescribesEveryApiAndWhatItNeeds() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/xapi/statements'].post").exists())
                .andExpect(jsonPath("$.paths['/xapi/statements'].put").exists())
                .andExpect(jsonPath("$.paths['/api/dashboard/team'].get").exists())
                .andExpect(jsonPath("$.paths['/api/progress/plans/{planId}/steps/{stepId}/check-ins'].post").exists())
                .andExpect(jsonPath("$.paths['/api/lrs-credentials'].post").exists())
                .andExpect(jsonPath("$.paths['/api/lrs-credentials/{key}/revoke'].post").exists())
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes['bearer-jwt'].bearerFormat").value("JWT"))
                .andExpect(jsonPath("$.components.securitySchemes['lrs-basic'].scheme").value("basic"))
                .andExpect(jsonPath("$.security[0]['bearer-jwt']").exists())
                .andExpect(jsonPath("$.paths['/xapi/statements'].post.security[*]['lrs-basic']").exists())
                .andExpect(jsonPath("$.paths['/xapi/statements'].post.security[*]['bearer-jwt']").exists())
                .andExpect(jsonPath("$.paths['/asyncapi'].get.security.length()").value(0))
                // The tenant and the caller come from the token: no header or parameter names them.
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'orgId')]", empty()))
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'caller')]", empty()))
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'X-Org-Id')]", empty()))
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'X-Person-Id')]", empty()))
                .andExpect(jsonPath("$.paths..parameters[?(@.name == 'X-Person-Roles')]", empty()));
    }

    private PlanProgress store(String orgId, String personId, Instant createdAt) {
        String assessmentId = newId();
        LocalDate start = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        PlanCreated plan = new PlanCreated(PlanCreatedEvents.planIdFor(assessmentId), personId, orgId, assessmentId,
                createdAt, start, start.plusWeeks(12), "ACTIVE", null, List.of(new PlanCreated.Step("s1", "act-1", "Read a book",
                "READING", "FORMAL", "networking", 3.0, start.plusWeeks(4), null)));
        return mongo.insert(PlanProgress.of(plan.requireComplete()));
    }
}
