package org.skillpath.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.plan.catalog.Format;
import org.skillpath.plan.people.PersonView;
import org.skillpath.plan.plans.Plan;
import org.skillpath.plan.plans.PlanStep;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * What handling one {@code skillgaps.identified} costs in store round trips: the event is handed to the consumer
 * function on the test's thread and every MongoDB command that thread sends is counted (deterministic, unlike a
 * timing). Above all, planning must not read the whole organisation: the people documents read per plan depend
 * on the mentee, the opted-in mentors and their reporting lines, never on how many people the organisation has.
 */
abstract class StoreRoundTripsContract extends PlanServiceTestBase {

    /**
     * A first plan without mentors, besides a seat per workshop step: the plan's tenant check (which also tells
     * whether it exists), the person's strengths recorded and their view read in one findAndModify, the open
     * workshop sessions, the opted-in mentors (none, so no reporting line is read), the insert. It was 9 (and read
     * every person of the organisation with a manager) before.
     */
    static final int FIRST_PLAN_COMMANDS = 5;
    /**
     * A redelivery finds the plan there: the tenant check, and the strengths, which change nothing (the update
     * matches nothing, so the person is read to check the tenant). It was 6 before.
     */
    static final int REDELIVERY_COMMANDS = 3;
    /** Colleagues besides the mentee, none of whom opted in: the organisation's size. */
    static final int COLLEAGUES = 60;

    @Autowired
    MongoCommands commands;
    @Autowired
    @Qualifier("assessmentEvents")
    Consumer<Message<byte[]>> assessmentEvents;

    @Test
    void aFirstPlanReadsThePersonOnlyWhenNobodyOptedInWhateverTheOrganisationsSize() {
        String tenant = "org-" + uuid().substring(0, 8);
        String manager = uuid();
        List<PersonView> org = new ArrayList<>(List.of(person(tenant, manager, null, false)));
        for (int i = 0; i < COLLEAGUES; i++) {
            org.add(person(tenant, uuid(), manager, false));
        }
        String alice = uuid();
        org.add(person(tenant, alice, manager, false));
        mongo.insertAll(org);
        warmUp(tenant, org.get(1).personId());

        String assessmentId = uuid();
        String json = gapsJson(assessmentId, alice, tenant);
        List<MongoCommands.Command> first = handle(tenant, alice, assessmentId, json);

        Plan plan = mongo.findById(DeterministicIds.of("plan", assessmentId), Plan.class);
        assertThat(plan).as("stored by the handling itself").isNotNull();
        long workshops = plan.getSteps().stream().filter(s -> s.format() == Format.WORKSHOP).count();
        assertThat(first).as("commands for a first plan with %d workshop step(s): %s", workshops, first)
                .hasSizeLessThanOrEqualTo(FIRST_PLAN_COMMANDS + (int) workshops);
        assertThat(documentsRead(first, "people")).as("people documents read: %s", first).isEqualTo(1);
        assertThat(mongo.findById(alice, PersonView.class).strengths()).extracting(PersonView.Strength::skillId)
                .containsExactly("critical-thinking");

        List<MongoCommands.Command> again = handle(tenant, alice, assessmentId, json);
        assertThat(again).as("commands for a redelivery: %s", again).hasSizeLessThanOrEqualTo(REDELIVERY_COMMANDS);
        assertThat(again).as("a redelivery writes no plan").noneMatch(c -> c.collection().equals("plans")
                && !c.name().equals("find"));
    }

    /**
     * ed heads the organisation; dana reports to ed, bob and carol to dana, alice (the mentee) to bob, gil to alice
     * and frank to gil. ed, carol and frank opted in and are strong in conflict resolution, ed and frank the
     * strongest, but only carol stands outside alice's reporting line (ed is above her, frank below). The rest of
     * the organisation reports to dana and is never read.
     */
    @Test
    void withMentorsOnlyTheReportingLinesOfTheMenteeAndTheCandidatesAreRead() {
        String tenant = "org-" + uuid().substring(0, 8);
        String ed = uuid();
        String dana = uuid();
        String bob = uuid();
        String carol = uuid();
        String alice = uuid();
        String gil = uuid();
        String frank = uuid();
        List<PersonView> org = new ArrayList<>(List.of(mentor(tenant, ed, null, 5.0), person(tenant, dana, ed, false),
                person(tenant, bob, dana, false), mentor(tenant, carol, dana, 4.6), person(tenant, alice, bob, false),
                person(tenant, gil, alice, false), mentor(tenant, frank, gil, 5.0)));
        for (int i = 0; i < COLLEAGUES; i++) {
            org.add(person(tenant, uuid(), dana, false));
        }
        mongo.insertAll(org);
        warmUp(tenant, org.get(org.size() - 1).personId());

        String assessmentId = uuid();
        List<MongoCommands.Command> handled = handle(tenant, alice, assessmentId, gapsJson(assessmentId, alice, tenant));

        Plan plan = mongo.findById(DeterministicIds.of("plan", assessmentId), Plan.class);
        assertThat(plan.getSteps()).filteredOn(s -> s.format() == Format.MENTORING).extracting(PlanStep::mentorId)
                .as(plan.getNotes().toString()).containsExactly(carol);
        assertThat(mongo.findById(carol, PersonView.class).menteePlans()).containsExactly(plan.getId());
        long workshops = plan.getSteps().stream().filter(s -> s.format() == Format.WORKSHOP).count();
        // Besides a first plan's commands: one level of reporting lines read, one mentor slot taken.
        assertThat(handled).as("commands for a mentored plan with %d workshop step(s): %s", workshops, handled)
                .hasSizeLessThanOrEqualTo(FIRST_PLAN_COMMANDS + (int) workshops + 2);
        // alice, the three mentors, and bob, dana and gil, who link them to the lines' tops.
        assertThat(documentsRead(handled, "people")).as("people documents read: %s", handled).isLessThanOrEqualTo(7);
    }

    /**
     * A plan for someone else of the organisation first: planning reads the catalog from per-owner snapshots, and
     * the first plan of a new organisation reads its catalog once; that is not a cost of each event.
     */
    void warmUp(String tenant, String personId) {
        String assessmentId = uuid();
        handle(tenant, personId, assessmentId, gapsJson(assessmentId, personId, tenant));
    }

    List<MongoCommands.Command> handle(String tenant, String personId, String assessmentId, String json) {
        Message<byte[]> message = MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8))
                .copyHeaders(RawEvents.ceHeaders(uuid(), GAPS_IDENTIFIED, tenant, "assessments/" + assessmentId))
                .setHeader(KafkaHeaders.RECEIVED_KEY, personId)
                .build();
        return commands.during(() -> assessmentEvents.accept(message));
    }

    static int documentsRead(List<MongoCommands.Command> commands, String collection) {
        return commands.stream().filter(c -> c.collection().equals(collection)).mapToInt(MongoCommands.Command::documents)
                .sum();
    }

    static PersonView person(String tenant, String personId, String managerId, boolean mentor) {
        return new PersonView(personId, tenant, "Person " + personId.substring(0, 8), managerId, mentor, true,
                List.of(), null, null, List.of(), 0, List.of(), null, null);
    }

    static PersonView mentor(String tenant, String personId, String managerId, double conflictResolution) {
        return new PersonView(personId, tenant, "Mentor " + personId.substring(0, 8), managerId, true, true,
                List.of(new PersonView.Strength("conflict-resolution", "Conflict resolution", conflictResolution)),
                Instant.parse("2026-11-10T09:30:00Z"), null, List.of(), 0, List.of(), null, null);
    }
}
