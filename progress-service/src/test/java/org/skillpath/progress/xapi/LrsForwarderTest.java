package org.skillpath.progress.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Forwarded statements: ids derived from the event id (a replay PUTs the same statement), valid xAPI, no echoes. */
class LrsForwarderTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final LrsForwarder forwarder = new LrsForwarder(new XapiProperties(Map.of(), List.of(),
            new XapiProperties.Forward(true, "https://lrs.example.com/xapi", null, null, "https://skillpath.example.com",
                    "https://skillpath.example.com/xapi")), JSON);

    @Test
    void theStatementIdIsUuidV5OfTheEventIdAndTheStatementIsValid() {
        InboundEvent event = event("evt-1", "org.skillpath.step.completed", "PERSON");
        Map<String, Object> statement = forwarder.statementFor(event);

        assertThat(statement.get("id")).isEqualTo(DeterministicIds.v5(LrsForwarder.NAMESPACE, "evt-1").toString());
        assertThat(forwarder.statementFor(event("evt-1", "org.skillpath.step.completed", "PERSON")))
                .as("a replay builds the same statement").isEqualTo(statement);
        assertThat(forwarder.statementFor(event("evt-2", "org.skillpath.step.completed", "PERSON")).get("id"))
                .isNotEqualTo(statement.get("id"));
        StatementValidator.Outcome outcome = StatementValidator.validate(JSON.valueToTree(statement), "statement");
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.parsed().account()).isEqualTo(new StatementValidator.Account("https://skillpath.example.com", "alice-id"));
        assertThat(outcome.parsed().activityId()).isEqualTo("https://skillpath.example.com/xapi/plans/p1/steps/s1");
    }

    @Test
    void completionsThatCameFromTheLmsAreNotEchoedAndOtherEventsAreNotForwarded() {
        assertThat(forwarder.statementFor(event("evt-3", "org.skillpath.step.completed", "XAPI"))).isNull();
        assertThat(forwarder.statementFor(event("evt-4", "org.skillpath.step.overdue", "PERSON"))).isNull();
        assertThat(forwarder.statementFor(event("evt-5", "org.skillpath.plan.completed", null)).get("object").toString())
                .contains("https://skillpath.example.com/xapi/plans/p1");
    }

    private static InboundEvent event(String id, String type, String source) {
        String data = """
                {"planId":"p1","stepId":"s1","personId":"alice-id","orgId":"org-1","title":"Budgeting basics",
                 "completedAt":"2026-03-04T10:00:00Z","source":%s}""".formatted(source == null ? "null" : "\"" + source + "\"");
        return new InboundEvent(id, "/skillpath/progress-service", type, "plans/p1", null, "org-1", "alice-id",
                data.getBytes(StandardCharsets.UTF_8));
    }
}
