package org.skillpath.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.skillpath.kit.test.TestTokens.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.AccessMatrix;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TestTokens;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.plan.catalog.Activity;
import org.skillpath.plan.catalog.Format;
import org.skillpath.plan.people.PeopleAccess;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.people.SkipLevelSwitch;
import org.skillpath.plan.plans.Actor;
import org.skillpath.plan.plans.Plan;
import org.skillpath.plan.plans.PlanStatus;
import org.skillpath.plan.plans.PlanStep;
import org.skillpath.plan.plans.SwapApprovalSwitch;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who may do what in plan-service, through the real filter chain with real signed tokens: for every endpoint that
 * takes an id, no token (401), another organisation's caller (404), another person (403 or 404), a wrong role or
 * missing scope (403) and the callers the rules allow. Each request is recorded in one {@link AccessMatrix}, which
 * fails on any mismatch and checks docs/access/plan-service.md against the requests it saw. Also: consumers
 * dead-letter events naming another organisation's stored data, and catalog imports are limited per organisation.
 */
abstract class AccessRulesContract extends PlanServiceTestBase {

    static final AccessMatrix MATRIX = new AccessMatrix("plan-service", """
            Plans are their owner's: the owner and the owner's manager (directory manager with the MANAGER role) see a
            plan and act on it (accept, swap steps, archive); only the manager approves a swap that waits for approval.
            L&D admins, and the skip-level manager when `skillpath.access.skip-level-read` is on, only read plans and
            planning preferences. A mentor sees only the mentoring steps that involve them, through
            `GET /api/mentoring/mentees`, never the plan. Only the person sets their planning preferences; the mentor
            or an L&D admin sets a mentor's capacity; the mentor pool is the L&D admins'. The catalog is read by every
            person of the organisation (and by a client with `catalog:write`) and written by L&D admins or a client
            with `catalog:write`; bulk imports are limited per organisation (429 beyond the limit). The organisation
            is always the token's: another organisation's ids are not found. Dead letters are the platform operator's
            (`ops:admin`).""");

    /** One organisation with a reporting line, an outsider and a mentor, and a mentored plan, built once per class. */
    record Fixture(String org, String owner, String manager, String skip, String other, String mentor, Plan plan) {
    }

    private static Fixture fixture;

    @Autowired
    PeopleAccess peopleAccess;

    Fixture f;

    @BeforeEach
    void organisation() {
        if (fixture == null) {
            fixture = buildFixture();
        }
        f = fixture;
    }

    @AfterAll
    static void document() throws Exception {
        fixture = null;
        MATRIX.verifyAndDocument();
    }

    // ---- plans -------------------------------------------------------------------------------------------------

    @Test
    void aPlanIsSeenByItsOwnerTheirManagersAndLdAdminsAndByNobodyElse() throws Exception {
        String planId = f.plan().getId();
        String stepId = f.plan().getSteps().get(0).stepId();
        String plan = "GET /api/plans/{planId}";
        String alternatives = "GET /api/plans/{planId}/steps/{stepId}/alternatives";
        Supplier<MockHttpServletRequestBuilder> read = () -> get("/api/plans/{planId}", planId);
        Supplier<MockHttpServletRequestBuilder> alts = () -> get("/api/plans/{planId}/steps/{stepId}/alternatives",
                planId, stepId);
        for (String endpoint : List.of(plan, alternatives)) {
            Supplier<MockHttpServletRequestBuilder> request = endpoint.equals(plan) ? read : alts;
            check(endpoint, "no token", 401, null, request);
            check(endpoint, "the plan's owner", 200, owner(), request);
            check(endpoint, "the owner's manager", 200, manager(), request);
            check(endpoint, "an L&D admin", 200, admin(), request);
            check(endpoint, "another employee", 404, other(), request);
            check(endpoint, "the plan's mentor", 404, TestTokens.employee(f.org(), f.mentor()), request);
            check(endpoint, "another organisation's admin", 404, foreignAdmin(), request);
            check(endpoint, "another organisation's person with the owner's id", 404,
                    TestTokens.employee(foreignOrg(), f.owner()), request);
            check(endpoint, "a client with catalog:write", 403, catalogClient(), request);
            skipLevel(endpoint, 404, 200, request);
        }
        check(plan, "the owner's manager without the MANAGER role", 403, TestTokens.employee(f.org(), f.manager()), read);
        mvc.perform(get("/api/plans/{planId}", planId).with(bearer(TestTokens.employee(f.org(), f.manager()))))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(startsWith("requires the role MANAGER")));
        // Invisible is answered exactly like missing.
        mvc.perform(get("/api/plans/{planId}", planId).with(bearer(other())))
                .andExpect(jsonPath("$.detail").value("plan " + planId + " does not exist"));

        String list = "GET /api/plans";
        Supplier<MockHttpServletRequestBuilder> all = () -> get("/api/plans");
        check(list, "no token", 401, null, all);
        check(list, "an L&D admin (the organisation's plans)", 200, admin(), all);
        check(list, "an employee", 403, owner(), all);
        check(list, "a manager", 403, manager(), all);
        check(list, "a client with catalog:write", 403, catalogClient(), all);

        String byPerson = "GET /api/plans?personId={personId}";
        Supplier<MockHttpServletRequestBuilder> ofOwner = () -> get("/api/plans").param("personId", f.owner());
        check(byPerson, "no token", 401, null, ofOwner);
        check(byPerson, "the person", 200, owner(), ofOwner);
        check(byPerson, "the person's manager", 200, manager(), ofOwner);
        check(byPerson, "an L&D admin", 200, admin(), ofOwner);
        check(byPerson, "another employee", 404, other(), ofOwner);
        check(byPerson, "another organisation's admin", 404, foreignAdmin(), ofOwner);
        check(byPerson, "another organisation's person with the same id", 404,
                TestTokens.employee(foreignOrg(), f.owner()), ofOwner);
        check(byPerson, "a client with catalog:write", 403, catalogClient(), ofOwner);
        skipLevel(byPerson, "the person's", 404, 200, ofOwner);
        mvc.perform(get("/api/plans").param("personId", f.owner()).with(bearer(manager())))
                .andExpect(jsonPath("$.items[*].planId").value(hasItem(planId)))
                .andExpect(jsonPath("$.items[*].personId").value(everyItem(
                        is(f.owner()))));
    }

    @Test
    void theOwnerOrTheirManagerAcceptsAndSwapsAndTheActorIsTheirsNeverTheBodys() throws Exception {
        Plan plan = newPlan();
        String planId = plan.getId();
        String accept = "POST /api/plans/{planId}/accept";
        Supplier<MockHttpServletRequestBuilder> accepting = () -> post("/api/plans/{planId}/accept", planId);
        refusals(accept, accepting);
        check(accept, "the owner's manager", 200, manager(), accepting);
        assertThat(mongo.findById(planId, Plan.class).getActivatedBy()).isEqualTo(Actor.MANAGER.name());
        check(accept, "the plan's owner", 200, owner(), accepting);

        String swap = "POST /api/plans/{planId}/steps/{stepId}/swap";
        Supplier<MockHttpServletRequestBuilder> anySwap = () -> post("/api/plans/{planId}/steps/{stepId}/swap", planId,
                plan.getSteps().get(0).stepId()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"activityId\":\"budgeting-course\"}");
        refusals(swap, anySwap);
        Swappable first = swappable(mongo.findById(planId, Plan.class));
        check(swap, "the plan's owner", 200, owner(), swapOf(planId, first));
        Swappable second = swappable(mongo.findById(planId, Plan.class));
        check(swap, "the owner's manager", 200, manager(), swapOf(planId, second));
        // The manager's swap is told as the manager's: the actor came from the token.
        List<ConsumerRecord<String, byte[]>> revisions = TopicReader.read(bootstrap(), PLAN_TOPIC, PATIENCE,
                records -> records.stream().anyMatch(r -> byManager(r, planId)));
        assertThat(revisions).anyMatch(r -> byManager(r, planId));
    }

    @Test
    void onlyTheOwnersManagerApprovesASwapThatWaitsForApproval() throws Exception {
        Plan plan = newPlan();
        String planId = plan.getId();
        lifecycle.accept(f.org(), planId, Actor.PERSON);
        Swappable swappable = swappable(plan);
        String swapId;
        SwapApprovalSwitch.set(lifecycle, true);
        try {
            check("POST /api/plans/{planId}/steps/{stepId}/swap", "the plan's owner (approval required)", 202,
                    owner(), swapOf(planId, swappable));
            swapId = mongo.findById(planId, Plan.class).getPendingSwaps().get(0).swapId();
            String approve = "POST /api/plans/{planId}/swaps/{swapId}/approve";
            Supplier<MockHttpServletRequestBuilder> approving = () -> post("/api/plans/{planId}/swaps/{swapId}/approve",
                    planId, swapId);
            check(approve, "no token", 401, null, approving);
            check(approve, "the plan's owner", 403, owner(), approving);
            check(approve, "an L&D admin", 403, admin(), approving);
            check(approve, "another employee", 404, other(), approving);
            check(approve, "another organisation's admin", 404, foreignAdmin(), approving);
            check(approve, "another organisation's manager with the manager's id", 404,
                    TestTokens.manager(foreignOrg(), f.manager()), approving);
            check(approve, "a client with catalog:write", 403, catalogClient(), approving);
            skipLevel(approve, 404, 403, approving);
            assertThat(mongo.findById(planId, Plan.class).getRevision()).as("refusals change nothing").isZero();
            check(approve, "the owner's manager", 200, manager(), approving);
        } finally {
            SwapApprovalSwitch.set(lifecycle, false);
        }
        assertThat(mongo.findById(planId, Plan.class).getApprovedSwapIds()).containsExactly(swapId);
    }

    @Test
    void theOwnerOrTheirManagerArchivesAPlan() throws Exception {
        Plan plan = newPlan();
        String planId = plan.getId();
        String archive = "POST /api/plans/{planId}/archive";
        Supplier<MockHttpServletRequestBuilder> archiving = () -> post("/api/plans/{planId}/archive", planId)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Changed roles.\"}");
        refusals(archive, archiving);
        assertThat(mongo.findById(planId, Plan.class).getStatus()).as("refusals change nothing")
                .isEqualTo(PlanStatus.PROPOSED);
        check(archive, "the plan's owner", 200, owner(), archiving);
        assertThat(mongo.findById(planId, Plan.class).getArchivedBy()).isEqualTo(Actor.PERSON.name());
        check(archive, "the owner's manager", 200, manager(), archiving);
    }

    // ---- people, mentors, mentoring ----------------------------------------------------------------------------

    @Test
    void planningPreferencesAreReadLikePlansAndSetByThePersonOnly() throws Exception {
        String read = "GET /api/people/{personId}/planning-preferences";
        String write = "PUT /api/people/{personId}/planning-preferences";
        Supplier<MockHttpServletRequestBuilder> reading = () -> get("/api/people/{personId}/planning-preferences",
                f.owner());
        Supplier<MockHttpServletRequestBuilder> writing = () -> put("/api/people/{personId}/planning-preferences",
                f.owner()).contentType(MediaType.APPLICATION_JSON).content("{\"weeklyBudgetHours\":2.5,\"horizonWeeks\":8}");
        for (String endpoint : List.of(read, write)) {
            Supplier<MockHttpServletRequestBuilder> request = endpoint.equals(read) ? reading : writing;
            check(endpoint, "no token", 401, null, request);
            check(endpoint, "another employee", 404, other(), request);
            check(endpoint, "another organisation's admin", 404, foreignAdmin(), request);
            check(endpoint, "another organisation's person with the same id", 404,
                    TestTokens.employee(foreignOrg(), f.owner()), request);
            check(endpoint, "a client with people:write", 403, peopleClient(), request);
        }
        check(read, "the person", 200, owner(), reading);
        check(read, "the person's manager", 200, manager(), reading);
        check(read, "an L&D admin", 200, admin(), reading);
        skipLevel(read, "the person's", 404, 200, reading);
        check(write, "the person's manager", 403, manager(), writing);
        check(write, "an L&D admin", 403, admin(), writing);
        skipLevel(write, "the person's", 404, 403, writing);
        check(write, "the person", 200, owner(), writing);
        assertThat(mongo.findById(f.owner(), PersonView.class).weeklyBudgetHours()).isEqualTo(2.5);
    }

    @Test
    void theMentorPoolIsTheLdAdminsAndACapacityIsSetByTheMentorOrAnLdAdmin() throws Exception {
        String pool = "GET /api/mentors";
        Supplier<MockHttpServletRequestBuilder> listing = () -> get("/api/mentors");
        check(pool, "no token", 401, null, listing);
        check(pool, "an L&D admin", 200, admin(), listing);
        check(pool, "an employee", 403, owner(), listing);
        check(pool, "a manager", 403, manager(), listing);
        check(pool, "a client with catalog:write", 403, catalogClient(), listing);
        mvc.perform(get("/api/mentors").with(bearer(admin())))
                .andExpect(jsonPath("$.items[*].personId").value(hasItem(f.mentor())));

        String capacity = "PUT /api/mentors/{personId}/capacity";
        Supplier<MockHttpServletRequestBuilder> setting = () -> put("/api/mentors/{personId}/capacity", f.mentor())
                .contentType(MediaType.APPLICATION_JSON).content("{\"maxMentees\":4}");
        check(capacity, "no token", 401, null, setting);
        check(capacity, "the mentor's manager", 403, TestTokens.manager(f.org(), f.skip()), setting);
        check(capacity, "another employee", 404, other(), setting);
        check(capacity, "another organisation's admin", 404, foreignAdmin(), setting);
        check(capacity, "another organisation's person with the mentor's id", 404,
                TestTokens.employee(foreignOrg(), f.mentor()), setting);
        check(capacity, "a client with people:write", 403, peopleClient(), setting);
        check(capacity, "the mentor", 200, TestTokens.employee(f.org(), f.mentor()), setting);
        check(capacity, "an L&D admin", 200, admin(), setting);
        assertThat(mongo.findById(f.mentor(), PersonView.class).mentorCapacity()).isEqualTo(4);
    }

    @Test
    void aMentorSeesOnlyTheMentoringStepsWithThemNeverTheWholePlan() throws Exception {
        String mentees = "GET /api/mentoring/mentees";
        Supplier<MockHttpServletRequestBuilder> request = () -> get("/api/mentoring/mentees").param("size", "100");
        check(mentees, "no token", 401, null, request);
        check(mentees, "a mentor", 200, TestTokens.employee(f.org(), f.mentor()), request);
        check(mentees, "an employee who mentors nobody", 200, other(), request);
        check(mentees, "a client with catalog:write", 403, catalogClient(), request);

        List<PlanStep> mentoring = f.plan().getSteps().stream().filter(s -> f.mentor().equals(s.mentorId())).toList();
        assertThat(mentoring).isNotEmpty();
        assertThat(f.plan().getSteps()).hasSizeGreaterThan(mentoring.size());
        String body = mvc.perform(request.get().with(bearer(TestTokens.employee(f.org(), f.mentor()))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.planId == '" + f.plan().getId() + "')].personId").value(f.owner()))
                .andExpect(jsonPath("$.items[?(@.planId == '" + f.plan().getId() + "')].displayName")
                        .value("Olive Owner"))
                .andExpect(jsonPath("$.items[?(@.planId == '" + f.plan().getId() + "')].steps[*].stepId")
                        .value(containsInAnyOrder(mentoring.stream().map(PlanStep::stepId)
                                .toArray())))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).as("nothing of the plan beyond the mentoring steps")
                .doesNotContain("\"gaps\"", "\"notes\"", "\"mix\"", "conflict-resolution-course");
        f.plan().getSteps().stream().filter(s -> !f.mentor().equals(s.mentorId()))
                .forEach(s -> assertThat(body).doesNotContain(s.stepId()));
        mvc.perform(request.get().with(bearer(other()))).andExpect(jsonPath("$.totalItems").value(0));
        mvc.perform(request.get().with(bearer(TestTokens.employee(foreignOrg(), f.mentor()))))
                .andExpect(jsonPath("$.totalItems").value(0));
    }

    // ---- catalog -----------------------------------------------------------------------------------------------

    @Test
    void theCatalogIsReadByEveryoneOfTheOrganisationAndWrittenByLdAdminsOrACatalogClient() throws Exception {
        String activityId = f.org() + ":acc-workshop";
        mvc.perform(put("/api/catalog/activities/{id}", "acc-workshop").with(bearer(admin()))
                        .contentType(MediaType.APPLICATION_JSON).content(activityJson("Run a retro", "WORKSHOP")))
                .andExpect(status().isOk());

        String list = "GET /api/catalog";
        Supplier<MockHttpServletRequestBuilder> listing = () -> get("/api/catalog");
        check(list, "no token", 401, null, listing);
        check(list, "an employee", 200, owner(), listing);
        check(list, "an L&D admin", 200, admin(), listing);
        check(list, "a client with catalog:write", 200, catalogClient(), listing);
        check(list, "a client with people:write", 403, peopleClient(), listing);

        String one = "GET /api/catalog/activities/{activityId}";
        String sessions = "GET /api/catalog/activities/{activityId}/sessions";
        for (String endpoint : List.of(one, sessions)) {
            Supplier<MockHttpServletRequestBuilder> request = () -> get(endpoint.equals(one)
                    ? "/api/catalog/activities/{activityId}" : "/api/catalog/activities/{activityId}/sessions", activityId);
            check(endpoint, "no token", 401, null, request);
            check(endpoint, "an employee", 200, owner(), request);
            check(endpoint, "a client with catalog:write", 200, catalogClient(), request);
            check(endpoint, "another organisation's admin", 404, foreignAdmin(), request);
            check(endpoint, "a client with people:write", 403, peopleClient(), request);
        }

        String addSession = "POST /api/catalog/activities/{activityId}/sessions";
        Supplier<MockHttpServletRequestBuilder> adding = () -> post("/api/catalog/activities/{activityId}/sessions",
                activityId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"startsOn\":\"2026-12-14\",\"capacity\":8,\"location\":\"Room 2\"}");
        check(addSession, "no token", 401, null, adding);
        check(addSession, "an employee", 403, owner(), adding);
        check(addSession, "a manager", 403, manager(), adding);
        check(addSession, "another organisation's admin", 404, foreignAdmin(), adding);
        check(addSession, "a client with people:write", 403, peopleClient(), adding);
        check(addSession, "an L&D admin", 201, admin(), adding);
        check(addSession, "a client with catalog:write", 201, catalogClient(), adding);

        String upsert = "PUT /api/catalog/activities/{id}";
        Supplier<MockHttpServletRequestBuilder> putting = () -> put("/api/catalog/activities/{id}", "acc-workshop")
                .contentType(MediaType.APPLICATION_JSON).content(activityJson("Run a retrospective", "WORKSHOP"));
        check(upsert, "no token", 401, null, putting);
        check(upsert, "an employee", 403, owner(), putting);
        check(upsert, "a manager", 403, manager(), putting);
        check(upsert, "a client with people:write", 403, peopleClient(), putting);
        check(upsert, "an L&D admin", 200, admin(), putting);
        check(upsert, "a client with catalog:write", 200, catalogClient(), putting);
        // The same short id from another organisation is that organisation's own activity, never this one.
        check(upsert, "another organisation's admin (stores its own activity)", 200, foreignAdmin(), () ->
                put("/api/catalog/activities/{id}", "acc-workshop").contentType(MediaType.APPLICATION_JSON)
                        .content(activityJson("Hijacked", "WORKSHOP")));
        assertThat(mongo.findById(activityId, Activity.class).title()).isEqualTo("Run a retrospective");
        assertThat(mongo.findById(activityId, Activity.class).orgId()).isEqualTo(f.org());

        String remove = "DELETE /api/catalog/activities/{activityId}";
        for (String id : List.of("acc-gone-1", "acc-gone-2")) {
            mvc.perform(put("/api/catalog/activities/{id}", id).with(bearer(admin()))
                    .contentType(MediaType.APPLICATION_JSON).content(activityJson("Gone", "READING")))
                    .andExpect(status().isOk());
        }
        Supplier<MockHttpServletRequestBuilder> deleting = () -> delete("/api/catalog/activities/{activityId}",
                f.org() + ":acc-gone-1");
        check(remove, "no token", 401, null, deleting);
        check(remove, "an employee", 403, owner(), deleting);
        check(remove, "a client with people:write", 403, peopleClient(), deleting);
        check(remove, "another organisation's admin", 404, foreignAdmin(), deleting);
        check(remove, "an L&D admin", 204, admin(), deleting);
        check(remove, "a client with catalog:write", 204, catalogClient(),
                () -> delete("/api/catalog/activities/{activityId}", f.org() + ":acc-gone-2"));
        assertThat(mongo.findById(activityId, Activity.class)).as("another organisation's delete changed nothing")
                .isNotNull();

        for (String format : List.of("JSON", "CSV")) {
            String endpoint = "POST /api/catalog/import (" + format + ")";
            // Each import endpoint in an organisation of its own, so the rows stay within its import budget.
            String org = "acc-import-" + uuid().substring(0, 8);
            Supplier<MockHttpServletRequestBuilder> importing = () -> importRequest(format, "acc-imported");
            check(endpoint, "no token", 401, null, importing);
            check(endpoint, "an employee", 403, TestTokens.employee(org, uuid()), importing);
            check(endpoint, "a client with people:write", 403, TestTokens.client(org, "hr-sync", "people:write"),
                    importing);
            check(endpoint, "an L&D admin", 200, TestTokens.admin(org, uuid()), importing);
            check(endpoint, "a client with catalog:write", 200, TestTokens.client(org, "lnd-platform",
                    "catalog:write"), importing);
            assertThat(mongo.findById(org + ":acc-imported", Activity.class)).isNotNull();
        }
    }

    @Test
    void catalogImportsAreLimitedPerOrganisationAndOneOrganisationsBurstNeverSlowsAnother() throws Exception {
        String org = "acc-limit-" + uuid().substring(0, 8);
        String admin = TestTokens.admin(org, uuid());
        for (int i = 0; i < IMPORTS_PER_MINUTE; i++) {
            mvc.perform(importRequest(i % 2 == 0 ? "JSON" : "CSV", "acc-limited").with(bearer(admin)))
                    .andExpect(status().isOk());
        }
        check("POST /api/catalog/import (JSON)", "an L&D admin beyond the organisation's limit", 429, admin,
                () -> importRequest("JSON", "acc-limited"));
        mvc.perform(importRequest("CSV", "acc-limited").with(bearer(admin)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(startsWith(
                        "the organisation's limit for catalog-import is " + IMPORTS_PER_MINUTE + " a minute")));
        // Single activities are no mass action, and another organisation's budget is its own.
        mvc.perform(put("/api/catalog/activities/{id}", "acc-single").with(bearer(admin))
                .contentType(MediaType.APPLICATION_JSON).content(activityJson("Single", "READING")))
                .andExpect(status().isOk());
        mvc.perform(importRequest("JSON", "acc-limited").with(bearer(TestTokens.admin("acc-other-" + uuid()
                .substring(0, 8), uuid())))).andExpect(status().isOk());
    }

    // ---- operator, actuator --------------------------------------------------------------------------------------

    @Test
    void deadLettersAreThePlatformOperatorsAndOnlyHealthPrometheusAndTheApiDocumentsAreOpen() throws Exception {
        String operator = TestTokens.client("platform", "ops", "ops:admin");
        String topics = "GET /api/admin/dead-letters";
        String letters = "GET /api/admin/dead-letters/{topic}";
        String replay = "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay";
        Supplier<MockHttpServletRequestBuilder> listing = () -> get("/api/admin/dead-letters");
        Supplier<MockHttpServletRequestBuilder> reading = () -> get("/api/admin/dead-letters/{topic}", PEOPLE_DLT);
        Supplier<MockHttpServletRequestBuilder> replaying = () -> post(
                "/api/admin/dead-letters/{topic}/{partition}/{offset}/replay", PEOPLE_DLT, 0, 999_999_999L);
        for (String endpoint : List.of(topics, letters, replay)) {
            Supplier<MockHttpServletRequestBuilder> request = endpoint.equals(topics) ? listing
                    : endpoint.equals(letters) ? reading : replaying;
            check(endpoint, "no token", 401, null, request);
            check(endpoint, "an L&D admin", 403, admin(), request);
            check(endpoint, "a client with catalog:write", 403, catalogClient(), request);
        }
        check(topics, "the platform operator (ops:admin)", 200, operator, listing);
        check(letters, "the platform operator (ops:admin)", 200, operator, reading);
        check(replay, "the platform operator (ops:admin), an offset holding no dead letter", 404, operator, replaying);

        check("GET /actuator/health", "no token", 200, null, () -> get("/actuator/health"));
        check("GET /actuator/prometheus", "no token", 200, null, () -> get("/actuator/prometheus"));
        check("GET /v3/api-docs", "no token", 200, null, () -> get("/v3/api-docs"));
        check("GET /actuator/env", "no token", 401, null, () -> get("/actuator/env"));
        check("GET /actuator/env", "an L&D admin (not exposed)", 404, admin(), () -> get("/actuator/env"));
    }

    // ---- consumers -----------------------------------------------------------------------------------------------

    @Test
    void eventsNamingAnotherOrganisationsPersonOrPlanAreDeadLetteredAndChangeNothing() {
        String foreign = foreignOrg();
        String zoe = uuid();
        publishPerson(f.org(), zoe, personJson(zoe, f.org(), "Zoe Tenant", f.manager(), false));
        await().atMost(PATIENCE).until(() -> mongo.findById(zoe, PersonView.class) != null);

        // Skill gaps for a person stored in another organisation: no strengths recorded, no plan anywhere.
        String stolen = uuid();
        publishGaps(zoe, stolen, foreign, gapsJson(stolen, zoe, foreign));
        String own = uuid();
        publishGaps(zoe, own, f.org(), gapsJson(own, zoe, f.org()));
        Plan plan = awaitPlan(DeterministicIds.of("plan", own));
        assertThat(mongo.findById(DeterministicIds.of("plan", stolen), Plan.class)).isNull();
        assertThat(mongo.findById(zoe, PersonView.class).orgId()).isEqualTo(f.org());
        assertDeadLettered(ASSESSMENT_DLT, zoe, 1, "person " + zoe);

        // A directory record and an erasure for the person in another organisation: the person stays as stored.
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, zoe, RawEvents.ceHeaders(uuid(), "org.skillpath.person.upserted",
                foreign, "people/" + zoe), checked(personJson(zoe, foreign, "Zoe Moved", null, true)));
        RawEvents.publish(bootstrap(), PEOPLE_TOPIC, zoe, RawEvents.ceHeaders(uuid(), "org.skillpath.person.erased",
                foreign, "people/" + zoe), null);
        publishPerson(f.org(), zoe, personJson(zoe, f.org(), "Zoe Renamed", f.manager(), false));
        await().atMost(PATIENCE).until(() -> "Zoe Renamed".equals(mongo.findById(zoe, PersonView.class).displayName()));
        assertThat(mongo.findById(zoe, PersonView.class)).satisfies(p -> {
            assertThat(p.orgId()).isEqualTo(f.org());
            assertThat(p.managerId()).isEqualTo(f.manager());
            assertThat(p.mentorOptIn()).isFalse();
        });
        assertDeadLettered(PEOPLE_DLT, zoe, 2, "person " + zoe);

        // Progress for the plan from another organisation: neither the step nor the plan completes.
        PlanStep foreignStep = plan.getSteps().get(0);
        PlanStep ownStep = plan.getSteps().get(1);
        publishProgress(zoe, "org.skillpath.step.completed", foreign, stepCompleted(plan, foreignStep, foreign));
        publishProgress(zoe, PLAN_COMPLETED, foreign, """
                {"planId":"%s","personId":"%s","orgId":"%s","assessmentId":"%s","completedAt":"2027-02-12T16:00:00Z",
                 "reassessmentDueOn":"2027-05-13"}""".formatted(plan.getId(), zoe, foreign, own));
        publishProgress(zoe, "org.skillpath.step.completed", f.org(), stepCompleted(plan, ownStep, f.org()));
        await().atMost(PATIENCE).until(() -> mongo.findById(plan.getId(), Plan.class).getCompletedStepIds()
                .contains(ownStep.stepId()));
        assertThat(mongo.findById(plan.getId(), Plan.class)).satisfies(p -> {
            assertThat(p.getCompletedStepIds()).containsExactly(ownStep.stepId());
            assertThat(p.getStatus()).isEqualTo(PlanStatus.PROPOSED);
        });
        assertThat(mongo.findById(zoe, PersonView.class).completedActivityIds()).containsExactly(ownStep.activityId());
        assertDeadLettered(PROGRESS_DLT, zoe, 2, "plan " + plan.getId());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** The refusals every plan action shares: who may see the plan but not act, who may not see it at all. */
    void refusals(String endpoint, Supplier<MockHttpServletRequestBuilder> request) throws Exception {
        check(endpoint, "no token", 401, null, request);
        check(endpoint, "an L&D admin", 403, admin(), request);
        check(endpoint, "another employee", 404, other(), request);
        check(endpoint, "the plan's mentor", 404, TestTokens.employee(f.org(), f.mentor()), request);
        check(endpoint, "another organisation's admin", 404, foreignAdmin(), request);
        check(endpoint, "another organisation's person with the owner's id", 404,
                TestTokens.employee(foreignOrg(), f.owner()), request);
        check(endpoint, "a client with catalog:write", 403, catalogClient(), request);
        skipLevel(endpoint, 404, 403, request);
    }

    /** The skip-level manager of the plan's owner, with skip-level reading off (the default) and on. */
    void skipLevel(String endpoint, int off, int on, Supplier<MockHttpServletRequestBuilder> request) throws Exception {
        skipLevel(endpoint, "the owner's", off, on, request);
    }

    /** @param whose "the owner's" (of a plan) or "the person's" (of a person) */
    void skipLevel(String endpoint, String whose, int off, int on, Supplier<MockHttpServletRequestBuilder> request)
            throws Exception {
        String skip = TestTokens.manager(f.org(), f.skip());
        check(endpoint, whose + " skip-level manager (skip-level read off)", off, skip, request);
        SkipLevelSwitch.set(peopleAccess, true);
        try {
            check(endpoint, whose + " skip-level manager (skip-level read on)", on, skip, request);
        } finally {
            SkipLevelSwitch.set(peopleAccess, false);
        }
    }

    /** Performs the request as the caller (no token when null), records it in the matrix and checks it at once. */
    void check(String endpoint, String caller, int expected, String token,
               Supplier<MockHttpServletRequestBuilder> request) throws Exception {
        MockHttpServletRequestBuilder built = request.get();
        if (token != null) {
            built.with(bearer(token));
        }
        int actual = mvc.perform(built).andReturn().getResponse().getStatus();
        MATRIX.check(endpoint, caller, expected, () -> actual);
        assertThat(actual).as(endpoint + " as " + caller).isEqualTo(expected);
    }

    Supplier<MockHttpServletRequestBuilder> swapOf(String planId, Swappable swappable) {
        return () -> post("/api/plans/{planId}/steps/{stepId}/swap", planId, swappable.step().stepId())
                .contentType(MediaType.APPLICATION_JSON).content("{\"activityId\":\"" + swappable.alternative() + "\"}");
    }

    MockHttpServletRequestBuilder importRequest(String format, String id) {
        if (format.equals("CSV")) {
            return post("/api/catalog/import").contentType("text/csv").content("""
                    id,title,description,format,skillIds,minLevel,maxLevel,effortHours,durationWeeks,prerequisites
                    %s,Imported,Imported by a sync.,READING,budgeting,1,5,2,1,
                    """.formatted(id));
        }
        return post("/api/catalog/import").contentType(MediaType.APPLICATION_JSON)
                .content("[" + activityJson("Imported", "READING").replace("{", "{\"id\":\"" + id + "\",") + "]");
    }

    static String activityJson(String title, String format) {
        return """
                {"title":"%s","description":"An activity of the organisation.","format":"%s",
                 "skillIds":["budgeting"],"effortHours":3,"durationWeeks":1}""".formatted(title, format);
    }

    /** A new proposed plan of the fixture's owner. */
    Plan newPlan() {
        String assessmentId = uuid();
        publishGaps(f.owner(), assessmentId, f.org(), gapsJson(assessmentId, f.owner(), f.org()));
        return awaitPlan(DeterministicIds.of("plan", assessmentId));
    }

    Fixture buildFixture() {
        String org = "acc-" + uuid().substring(0, 8);
        String owner = uuid();
        String manager = uuid();
        String skip = uuid();
        String other = uuid();
        String mentor = uuid();
        publishPerson(org, skip, personJson(skip, org, "Sue Skip", null, false));
        publishPerson(org, manager, personJson(manager, org, "Max Manager", skip, false));
        publishPerson(org, owner, personJson(owner, org, "Olive Owner", manager, false));
        publishPerson(org, other, personJson(other, org, "Eve Else", null, false));
        publishPerson(org, mentor, personJson(mentor, org, "Carol Coach", skip, true));
        publishStrengths(org, mentor, 4.6);
        await().atMost(PATIENCE).until(() -> strengthsOf(mentor) && List.of(skip, manager, owner, other).stream()
                .allMatch(id -> mongo.findById(id, PersonView.class) != null
                        && mongo.findById(id, PersonView.class).displayName() != null));
        String assessmentId = uuid();
        publishGaps(owner, assessmentId, org, gapsJson(assessmentId, owner, org));
        Plan plan = awaitPlan(DeterministicIds.of("plan", assessmentId));
        assertThat(plan.mentorIds()).as(plan.getNotes().toString()).containsExactly(mentor);
        assertThat(plan.getSteps()).anyMatch(s -> s.format() == Format.MENTORING);
        return new Fixture(org, owner, manager, skip, other, mentor, plan);
    }

    String owner() {
        return TestTokens.employee(f.org(), f.owner());
    }

    String manager() {
        return TestTokens.manager(f.org(), f.manager());
    }

    String other() {
        return TestTokens.employee(f.org(), f.other());
    }

    String admin() {
        return TestTokens.admin(f.org(), uuid());
    }

    String catalogClient() {
        return TestTokens.client(f.org(), "lnd-platform", "catalog:write");
    }

    String peopleClient() {
        return TestTokens.client(f.org(), "hr-sync", "people:write");
    }

    String foreignOrg() {
        return f.org() + "-other";
    }

    String foreignAdmin() {
        return TestTokens.admin(foreignOrg(), uuid());
    }

    static String checked(String personJson) {
        ContractSchemas.assertValid("org.skillpath.person.upserted", personJson);
        return personJson;
    }

    void publishProgress(String key, String type, String org, String json) {
        ContractSchemas.assertValid(type, json);
        RawEvents.publish(bootstrap(), PROGRESS_TOPIC, key, RawEvents.ceHeaders(uuid(), type, org, "plans/x"), json);
    }

    static String stepCompleted(Plan plan, PlanStep step, String org) {
        return """
                {"planId":"%s","stepId":"%s","personId":"%s","orgId":"%s","activityId":"%s","skillId":"%s",
                 "title":"t","completedAt":"2026-12-01T10:00:00Z","source":"PERSON","reflection":null,
                 "planProgressPercent":20,"completedSteps":1,"totalSteps":5}"""
                .formatted(plan.getId(), step.stepId(), plan.getPersonId(), org, step.activityId(), step.skillId());
    }

    void assertDeadLettered(String topic, String key, int count, String names) {
        List<ConsumerRecord<String, byte[]>> dead = exactly(topic, key, count);
        assertThat(dead).hasSize(count).allSatisfy(r -> assertThat(TopicReader.header(r, "x-exception-message"))
                .contains("organisation mismatch").contains(names).contains("stored for another organisation"));
    }

    static boolean byManager(ConsumerRecord<String, byte[]> record, String planId) {
        return ("plans/" + planId).equals(TopicReader.header(record, "ce_subject")) && record.value() != null
                && TopicReader.value(record).contains("(by the manager)");
    }
}
