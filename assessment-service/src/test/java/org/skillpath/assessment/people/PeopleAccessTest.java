package org.skillpath.assessment.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.skillpath.assessment.people.PeopleAccess.Relation;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.security.Caller;

/** How a caller stands to a person: the reporting line, and skip-level reads only when configured. */
class PeopleAccessTest {

    final Person boss = person("boss", null);
    final Person mona = person("mona", "boss");
    final Person alice = person("alice", "mona");
    final Map<String, Person> directory = Map.of("boss", boss, "mona", mona, "alice", alice);
    final BiFunction<String, String, Optional<Person>> lookup =
            (id, org) -> Optional.ofNullable(directory.get(id)).filter(p -> p.getOrgId().equals(org));

    @Test
    void aPersonIsThemselvesAndAManagerManagesTheirDirectReports() {
        assertThat(PeopleAccess.relation(caller("alice", "acme"), alice, false, lookup)).isEqualTo(Relation.SELF);
        assertThat(PeopleAccess.relation(caller("mona", "acme"), alice, false, lookup)).isEqualTo(Relation.MANAGER);
        assertThat(PeopleAccess.relation(caller("alice", "acme"), mona, false, lookup)).isEqualTo(Relation.NONE);
    }

    @Test
    void theManagersManagerReadsOnlyWhenSkipLevelReadIsOn() {
        assertThat(PeopleAccess.relation(caller("boss", "acme"), alice, false, lookup)).isEqualTo(Relation.NONE);
        assertThat(PeopleAccess.relation(caller("boss", "acme"), alice, true, lookup)).isEqualTo(Relation.SKIP_LEVEL_MANAGER);
        assertThat(PeopleAccess.relation(caller("boss", "acme"), mona, true, lookup)).isEqualTo(Relation.MANAGER);
    }

    @Test
    void nothingCrossesOrganisationsAndClientsHaveNoRelation() {
        assertThat(PeopleAccess.relation(caller("alice", "globex"), alice, true, lookup)).isEqualTo(Relation.NONE);
        assertThat(PeopleAccess.relation(caller("mona", "globex"), alice, true, lookup)).isEqualTo(Relation.NONE);
        assertThat(PeopleAccess.relation(Caller.client("alice", "acme", Set.of("people:read")), alice, true, lookup))
                .isEqualTo(Relation.NONE);
    }

    private static Caller caller(String id, String org) {
        return Caller.person(id, org, Set.of(Caller.EMPLOYEE, Caller.MANAGER));
    }

    private static Person person(String id, String managerId) {
        Person p = new Person(id, "acme", Instant.EPOCH);
        p.update(new PersonDetails(id, id, id + "@example.com", managerId, null, null, null, null, true, false),
                Instant.EPOCH, x -> new OutboxEvent(id, "t", "type", "/s", "people/" + id, id, "acme", Instant.EPOCH, "{}"));
        return p;
    }
}
