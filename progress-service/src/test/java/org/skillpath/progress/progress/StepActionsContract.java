package org.skillpath.progress.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.progress.IntegrationContract;
import org.skillpath.progress.people.PersonView;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The people around a plan over the API, each with their own token: the person checks in (reflections go to
 * their portfolio) and skips, the manager confirms practice, the mentor logs sessions; each only where the
 * relationship allows. Someone with no relation to the plan finds no plan (404); a relation without the right
 * to the action is a 403 problem.
 */
public abstract class StepActionsContract extends IntegrationContract {

    private String orgId;
    private String alice;
    private String bob;
    private String carol;
    private String dan;
    private String planId;

    @BeforeEach
    void aTeamAndAPlan() {
        orgId = newOrgId();
        alice = newId();
        bob = newId();
        carol = newId();
        dan = newId();
        mongo.insert(new PersonView(bob, orgId, "Bob Manager", null, true, "bob", null));
        mongo.insert(new PersonView(alice, orgId, "Alice Specialist", bob, true, "alice", null));
        mongo.insert(new PersonView(carol, orgId, "Carol Mentor", null, true, "carol", null));
        mongo.insert(new PersonView(dan, orgId, "Dan Elsewhere", null, true, "dan", null));
        planId = newId();
        Plans.store(mongo, orgId, alice, planId, "ACTIVE", carol, today(), List.of(
                new Plans.Step("course", "COURSE", "conflict-resolution", 2, today().plusWeeks(2), null),
                new Plans.Step("practice", "PRACTICE", "budgeting", 8, today().plusWeeks(6), null),
                new Plans.Step("mentoring", "MENTORING", "conflict-resolution", 2, today().plusWeeks(8), null)));
    }

    @Test
    public void theCallerMustBeAnActivePersonOfTheTokensOrganisation() throws Exception {
        action("course/start", null, "{}").andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        action("course/start", TestTokens.employee(orgId, newId()), "{}").andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("the caller is not a person of this organisation's directory"));
        String left = newId();
        mongo.insert(new PersonView(left, orgId, "Lou Left", null, false, "lou", null));
        action("course/start", TestTokens.employee(orgId, left), "{}").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("the caller is no longer an active person of this organisation"));
        action("course/start", TestTokens.client(orgId, "lms", "xapi:write"), "{}").andExpect(status().isForbidden());
        action("course/start", token(dan), "{}").andExpect(status().isNotFound());
        action("course/start", token(bob), "{}").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("only the plan's owner does this"));
        action("course/start", token(alice), "{}").andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[0].status").value("IN_PROGRESS"));
        action("nope/start", token(alice), "{}").andExpect(status().isNotFound());
        // Alice's id under another organisation's token is nobody there.
        mvc.perform(post("/api/progress/plans/{p}/steps/course/start", planId)
                .with(bearer(TestTokens.employee(newOrgId(), alice)))).andExpect(status().isForbidden());
    }

    @Test
    public void practiceNeedsTheManagersConfirmationAndTheMentorLogsSessions() throws Exception {
        // A Greek omicron inside Latin words is normalised, as every human text the service ingests.
        action("practice/check-ins", token(alice), """
                {"reflection":"Resοlved a cοnflict over the Q2 budget","complete":true}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[1].status").value("IN_PROGRESS"))
                .andExpect(jsonPath("$.steps[1].awaitingConfirmation").value(true));
        action("practice/confirmation", token(dan), "{}").andExpect(status().isNotFound());
        action("practice/confirmation", token(carol), "{}").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("only the person's manager confirms practice steps"));
        action("course/confirmation", token(bob), "{}").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("stepId"));
        action("practice/confirmation", token(bob), "{\"note\":\"Saw the budget review\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[1].status").value("COMPLETED"))
                .andExpect(jsonPath("$.steps[1].completedBy").value("MANAGER"));

        action("mentoring/mentoring-sessions", token(bob), "{\"heldOn\":\"" + today() + "\"}").andExpect(status().isForbidden());
        action("mentoring/mentoring-sessions", token(carol), "{\"heldOn\":\"" + today().plusDays(1) + "\"}")
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].field").value("heldOn"));
        action("mentoring/mentoring-sessions", token(carol), "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("heldOn"));
        action("mentoring/mentoring-sessions", token(carol), """
                {"heldOn":"%s","durationMinutes":45,"notes":"Role-played a hard conversation","completesStep":true}"""
                .formatted(today())).andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[2].status").value("COMPLETED"))
                .andExpect(jsonPath("$.status").value("ACTIVE"));

        action("course/skip", token(alice), "{\"reason\":\" \"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        action("practice/skip", token(alice), "{\"reason\":\"changed my mind\"}").andExpect(status().isConflict());
        action("course/skip", token(carol), "{\"reason\":\"not needed\"}").andExpect(status().isForbidden());
        action("course/skip", token(alice), "{\"reason\":\"took the same course last year\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[0].status").value("SKIPPED"))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.progress.percentComplete").value(100));

        mvc.perform(get("/api/progress/people/{id}/portfolio", alice).with(bearer(token(bob))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.items[*].kind", containsInAnyOrder("REFLECTION", "MANAGER_CONFIRMATION",
                        "MENTORING_SESSION")))
                .andExpect(jsonPath("$.items[?(@.kind == 'REFLECTION')].text").value("Resolved a conflict over the Q2 budget"));
        mvc.perform(get("/api/progress/people/{id}/portfolio", alice).with(bearer(token(dan))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/progress/people/{id}/portfolio", alice).with(bearer(token(carol))).param("size", "1"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1));

        PlanProgress plan = Plans.load(mongo, planId);
        assertThat(plan.getReassessmentDueOn()).isEqualTo(today().plusDays(14));
        assertThat(plan.getSteps()).extracting(PlanStep::completedBy)
                .containsExactly(null, CompletionSource.MANAGER, CompletionSource.MENTOR);
    }

    @Test
    public void aCheckInOnACourseCompletesItAndBadInputIsRefused() throws Exception {
        action("course/check-ins", token(alice), "{\"evidenceUrl\":\"ftp://example.com/x\",\"complete\":true}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("evidenceUrl"));
        action("course/check-ins", token(alice), "{\"reflection\":\"" + "x".repeat(4001) + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reflection"));
        action("course/check-ins", token(alice), "{\"complete\":\"soon\"}").andExpect(status().isBadRequest());
        action("course/check-ins", token(alice), "{\"evidenceUrl\":\"https://example.com/notes\",\"complete\":true}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[0].status").value("COMPLETED"))
                .andExpect(jsonPath("$.steps[0].completedBy").value("PERSON"))
                .andExpect(jsonPath("$.progress.percentComplete").value(16))
                .andExpect(jsonPath("$.streakWeeks").value(1));
    }

    /** A token of a person of this organisation: MANAGER for Bob, who manages Alice. */
    private String token(String personId) {
        return personId.equals(bob) ? TestTokens.manager(orgId, personId) : TestTokens.employee(orgId, personId);
    }

    private ResultActions action(String path, String token, String body) throws Exception {
        var request = post("/api/progress/plans/" + planId + "/steps/" + path)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            request.with(bearer(token));
        }
        return mvc.perform(request);
    }
}
