package org.skillpath.progress.progress;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.skillpath.progress.IntegrationContract;
import org.springframework.http.MediaType;

/** The progress API's refusals are problem details, its lists pages in a stable order, its tenant a wall. */
public abstract class ProgressApiContract extends IntegrationContract {

    @Test
    public void anUnknownPlanIsA404Problem() throws Exception {
        mvc.perform(get("/api/progress/plans/{planId}", "no-such-plan").header("X-Org-Id", newOrgId()))
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

        mvc.perform(get("/api/progress/plans/{planId}", plan.getPlanId()).header("X-Org-Id", newOrgId()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/progress").param("personId", plan.getPersonId()).header("X-Org-Id", newOrgId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(0));
        mvc.perform(get("/api/progress/plans/{planId}", plan.getPlanId()).header("X-Org-Id", orgId))
                .andExpect(status().isOk());
    }

    @Test
    public void aRequestWithoutAValidOrganisationIsA400Problem() throws Exception {
        mvc.perform(get("/api/progress/plans/{planId}", "p"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("X-Org-Id"));
        mvc.perform(get("/api/progress").param("personId", "p").header("X-Org-Id", "Not A Tenant!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("X-Org-Id"));
    }

    @Test
    public void badListParametersAre400Problems() throws Exception {
        String orgId = newOrgId();
        mvc.perform(get("/api/progress").header("X-Org-Id", orgId))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
        mvc.perform(get("/api/progress").param("personId", " ").header("X-Org-Id", orgId))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        mvc.perform(get("/api/progress").param("personId", "p").param("size", "101").header("X-Org-Id", orgId))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/progress").param("personId", "p").param("page", "-1").header("X-Org-Id", orgId))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/progress").param("personId", "p").param("size", "many").header("X-Org-Id", orgId))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    public void aPersonsPlansArePagedNewestFirst() throws Exception {
        String orgId = newOrgId();
        String personId = newId();
        PlanProgress oldest = store(orgId, personId, Instant.parse("2025-01-06T09:00:00Z"));
        PlanProgress middle = store(orgId, personId, Instant.parse("2025-06-02T09:00:00Z"));
        PlanProgress newest = store(orgId, personId, Instant.parse("2026-01-05T09:00:00Z"));
        store(orgId, newId(), Instant.parse("2026-01-05T09:00:00Z"));

        mvc.perform(get("/api/progress").param("personId", personId).param("size", "2").header("X-Org-Id", orgId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].planId", contains(newest.getPlanId(), middle.getPlanId())))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items[0].progress.percentComplete").value(0));
        mvc.perform(get("/api/progress").param("personId", personId).param("size", "2").param("page", "1")
                        .header("X-Org-Id", orgId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].planId", contains(oldest.getPlanId())));
    }

    @Test
    public void theOpenApiDocumentDescribesEveryApi() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/xapi/statements'].post").exists())
                .andExpect(jsonPath("$.paths['/xapi/statements'].put").exists())
                .andExpect(jsonPath("$.paths['/api/dashboard/team'].get").exists())
                .andExpect(jsonPath("$.paths['/api/progress/plans/{planId}/steps/{stepId}/check-ins'].post").exists());
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
