package org.skillpath.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.skillpath.dashboard.api.Dashboards;
import org.skillpath.dashboard.api.Dashboards.Aggregates;
import org.skillpath.dashboard.api.Dashboards.Gap;
import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.Dashboards.MemberRow;
import org.skillpath.dashboard.api.Dashboards.PlanDetail;
import org.skillpath.dashboard.api.Dashboards.PlanSummary;
import org.skillpath.dashboard.api.Dashboards.StepDetail;
import org.skillpath.dashboard.api.Dashboards.TeamOverview;
import org.skillpath.dashboard.api.Plans;
import org.skillpath.dashboard.api.ServiceException;
import org.skillpath.dashboard.api.SkillpathApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The pages over a stubbed API: routing by role, what each page renders, refusals as friendly pages, CSRF on
 * the forms, and what a check-in sends. The real services, issuer and browser are local-stack's DashboardBrowserIT.
 */
@SpringBootTest(classes = DashboardWebApplication.class, properties = "spring.config.name=dashboard-web")
@AutoConfigureMockMvc
class DashboardPagesTest {

    static final LocalDate TODAY = LocalDate.now();

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SkillpathApi api;

    static OidcLoginRequestPostProcessor signedIn(String personId, String name, String... roles) {
        return oidcLogin().idToken(t -> t.subject(personId).claim("name", name).claim("roles", List.of(roles)));
    }

    static final OidcLoginRequestPostProcessor MANAGER = signedIn("bob", "Bob Manager", "EMPLOYEE", "MANAGER");
    static final OidcLoginRequestPostProcessor EMPLOYEE = signedIn("alice", "Alice Specialist", "EMPLOYEE");

    static Plans.PlanProgress alicesProgress() {
        return new Plans.PlanProgress("p1", "alice", "ACTIVE", TODAY, TODAY.plusDays(60), Instant.now(), List.of(
                new Plans.StepProgress("s1", "Read: Difficult conversations", "READING", "conflict-resolution", 2,
                        TODAY.plusDays(7), "NOT_STARTED", null, null, false),
                new Plans.StepProgress("s2", "Run the team budget review", "PRACTICE", "budgeting", 4,
                        TODAY.plusDays(14), "IN_PROGRESS", null, null, true)),
                new Plans.Progress(0, 2, 0, List.of()), 0, null, null);
    }

    static Plans.Plan alicesPlan() {
        return new Plans.Plan("p1", "alice", "Team lead", "ACTIVE", TODAY, TODAY.plusDays(60), List.of(
                new Plans.PlannedStep("s1", "Read: Difficult conversations", "READING", "conflict-resolution", 2, TODAY,
                        TODAY.plusDays(7), "Conflict resolution is 2.0 below the team lead's 4.0"),
                new Plans.PlannedStep("s2", "Run the team budget review", "PRACTICE", "budgeting", 4, TODAY,
                        TODAY.plusDays(14), "Budgeting grows by doing")),
                List.of(new Plans.PlanGap("conflict-resolution", "Conflict resolution", 2, 4)));
    }

    @Test
    void withoutASessionEveryPageSendsTheBrowserToTheIssuer() throws Exception {
        mvc.perform(get("/team")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/skillpath"));
        mvc.perform(get("/signed-out")).andExpect(status().isOk());
        mvc.perform(get("/css/dashboard.css")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void theStartPageFollowsTheRoles() throws Exception {
        mvc.perform(get("/").with(MANAGER)).andExpect(redirectedUrl("/team"));
        mvc.perform(get("/").with(signedIn("lee", "Lee", "EMPLOYEE", "LD_ADMIN"))).andExpect(redirectedUrl("/organisation"));
        mvc.perform(get("/").with(EMPLOYEE)).andExpect(redirectedUrl("/me"));
    }

    @Test
    void theTeamPageShowsEachReportsProgressGapsAndTheHeatMap() throws Exception {
        Gap gap = new Gap("conflict-resolution", "Conflict resolution", 2.0, 4.0);
        when(api.team()).thenReturn(new TeamOverview("bob", 1, new Aggregates(false, "fewer than 3 people", 1, null, null,
                null, null), new Dashboards.Page<>(List.of(new MemberRow("alice", "Alice Specialist", "Delivery",
                new PlanSummary("p1", "ACTIVE", 25, 1, TODAY.plusDays(7)), List.of(gap), Instant.now())), 0, 100, 1, 1)));
        when(api.person("alice")).thenReturn(new MemberDetail("alice", "Alice Specialist", "bob", "Delivery", "Team lead",
                Instant.now(), List.of(gap), List.of(gap), List.of(), List.of(new PlanDetail("p1", "ACTIVE", Instant.now(),
                TODAY, TODAY.plusDays(60), 25, null, List.of(
                new StepDetail("s1", "Read", "conflict-resolution", 2, TODAY, true, Instant.now(), false),
                new StepDetail("s2", "Do", "conflict-resolution", 6, TODAY, false, null, true)))), Instant.now()));

        String html = mvc.perform(get("/team").with(MANAGER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("<h1>My team</h1>", "Alice Specialist", "href=\"/people/alice\"",
                "1 of 2 steps done (25\u00a0%)", "<progress max=\"100\" value=\"25\"", "Conflict resolution: 2.0 of 4.0",
                "<svg", "aria-label=\"Alice Specialist, Conflict resolution: current 2.0, target 4.0, gap 2.0\"",
                "Team averages are not shown: fewer than 3 people.", "Signed in as <strong>Bob Manager</strong>",
                "aria-current=\"page\"");
        assertHeadingsInOrder(html);
    }

    @Test
    void aRefusalFromAServiceIsAFriendlyPageWithItsStatus() throws Exception {
        when(api.team()).thenThrow(new ServiceException("progress-service", 403, "requires the role MANAGER or LD_ADMIN", null));
        String html = mvc.perform(get("/team").with(EMPLOYEE)).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Not for you to see", "requires the role MANAGER or LD_ADMIN")
                .doesNotContain("Exception", "at org.");

        when(api.person("nobody")).thenThrow(new ServiceException("progress-service", 404, "person nobody", null));
        mvc.perform(get("/people/nobody").with(MANAGER)).andExpect(status().isNotFound());

        when(api.organisation("")).thenThrow(new ServiceException("progress-service", 503, null, null));
        String down = mvc.perform(get("/organisation").with(signedIn("lee", "Lee", "EMPLOYEE", "LD_ADMIN")))
                .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString();
        assertThat(down).contains("Temporarily unavailable");
    }

    @Test
    void theDrillDownShowsEveryStepWithItsReason() throws Exception {
        when(api.person("alice")).thenReturn(new MemberDetail("alice", "Alice Specialist", "bob", "Delivery", "Team lead",
                Instant.now(), List.of(), List.of(new Gap("conflict-resolution", "Conflict resolution", 2.0, 4.0)),
                List.of(new Dashboards.Growth("conflict-resolution", 1.5, 2.0)), List.of(), Instant.now()));
        when(api.progressOf("alice", 3)).thenReturn(List.of(alicesProgress()));
        when(api.plan("p1")).thenReturn(alicesPlan());

        String html = mvc.perform(get("/people/alice").with(MANAGER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("<h1>Alice Specialist</h1>", "Plan towards Team lead", "Read: Difficult conversations",
                "Conflict resolution is 2.0 below the team lead&#39;s 4.0", "Budgeting grows by doing",
                "Done, waiting for the manager&#39;s confirmation", "Confirm as done", "+0.5 (grew)")
                // the manager does not check in for the person
                .doesNotContain("Check in");
        assertHeadingsInOrder(html);
        mvc.perform(get("/people/a%20b").with(MANAGER)).andExpect(status().isBadRequest());
    }

    @Test
    void myPlanOffersALabelledCheckInOnEachOpenStep() throws Exception {
        when(api.person("alice")).thenThrow(new ServiceException("progress-service", 404, null, null));
        when(api.progressOf("alice", 3)).thenReturn(List.of(alicesProgress()));
        when(api.plan("p1")).thenReturn(alicesPlan());

        String html = mvc.perform(get("/me").with(EMPLOYEE)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("action=\"/me/plans/p1/steps/s1/check-ins\"", "name=\"_csrf\"", "Not assessed yet.")
                // the practice step waits for the manager: no second check-in
                .doesNotContain("action=\"/me/plans/p1/steps/s2/check-ins\"");
        Matcher controls = Pattern.compile("<(?:textarea|input)[^>]*\\bid=\"([^\"]+)\"").matcher(html);
        int labelled = 0;
        while (controls.find()) {
            assertThat(html).as("a label for #" + controls.group(1)).contains("<label for=\"" + controls.group(1) + "\"");
            labelled++;
        }
        assertThat(labelled).isEqualTo(2);
        assertHeadingsInOrder(html);
    }

    @Test
    void aCheckInNeedsTheCsrfTokenAndPostsThroughToProgressService() throws Exception {
        String requestId = "0b6c4a2e-8d0e-4f6b-9a51-3f1f6c0e2a11";
        mvc.perform(post("/me/plans/p1/steps/s1/check-ins").with(EMPLOYEE).param("reflection", "Tried it")
                .param("requestId", requestId)).andExpect(status().isForbidden());
        verify(api, never()).checkIn(anyString(), anyString(), any(), anyBoolean(), anyString());

        mvc.perform(post("/me/plans/p1/steps/s1/check-ins").with(EMPLOYEE).with(csrf())
                        .param("reflection", "  Tried it in the retro  ").param("complete", "true").param("requestId", requestId))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/me#step-s1"))
                .andExpect(flash().attribute("success", "Checked in and reported the step done."));
        verify(api).checkIn("p1", "s1", "Tried it in the retro", true, requestId);
    }

    @Test
    void aRefusedCheckInKeepsTheDraftAndSaysWhy() throws Exception {
        when(api.checkIn(eq("p1"), eq("s1"), any(), anyBoolean(), anyString()))
                .thenThrow(new ServiceException("progress-service", 409, "step s1 is completed already", null));

        mvc.perform(post("/me/plans/p1/steps/s1/check-ins").with(EMPLOYEE).with(csrf()).param("reflection", "Again")
                        .param("requestId", "0b6c4a2e-8d0e-4f6b-9a51-3f1f6c0e2a11"))
                .andExpect(redirectedUrl("/me#step-s1"))
                .andExpect(flash().attribute("failure", "The check-in was not saved: step s1 is completed already"))
                .andExpect(flash().attribute("draft", "Again"));
    }

    @Test
    void pagesForbidFramingAndForeignScripts() throws Exception {
        mvc.perform(get("/signed-out")).andExpect(header().string("Content-Security-Policy",
                org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("default-src 'self'"),
                        org.hamcrest.Matchers.containsString("frame-ancestors 'none'"),
                        org.hamcrest.Matchers.containsString("form-action 'self' http://127.0.0.1:9000"))));
    }

    /** No heading level is skipped on the way down (h1, then h2, h3 ...). */
    static void assertHeadingsInOrder(String html) {
        Matcher m = Pattern.compile("<h([1-6])[\\s>]").matcher(html);
        int previous = 0;
        while (m.find()) {
            int level = Integer.parseInt(m.group(1));
            assertThat(level).as("heading after h" + previous).isLessThanOrEqualTo(previous + 1);
            previous = level;
        }
        assertThat(previous).as("at least one heading").isPositive();
    }
}
