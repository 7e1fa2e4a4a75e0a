package org.skillpath.progress.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skillpath.kit.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Statement validation as an LRS must do it (xAPI Data 2.2 and 2.4), on the specification's statement shapes. */
class StatementValidatorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String LMS = "https://lms.example.com";
    private static final String COURSE = "https://lms.example.com/activities/conflict-101";

    @Test
    void aSpecificationShapedStatementIsValidAndReadsOut() {
        String id = UUID.randomUUID().toString();
        StatementValidator.Outcome outcome = validate(XapiStatements.statement(id, LMS, "alice", XapiStatements.COMPLETED, COURSE));

        assertThat(outcome.problems()).isEmpty();
        StatementValidator.Parsed parsed = outcome.parsed();
        assertThat(parsed.id()).isEqualTo(id);
        assertThat(parsed.account()).isEqualTo(new StatementValidator.Account(LMS, "alice"));
        assertThat(parsed.verbId()).isEqualTo(XapiStatements.COMPLETED);
        assertThat(parsed.activityId()).isEqualTo(COURSE);
        assertThat(parsed.timestamp()).isEqualTo(Instant.parse("2026-03-04T10:15:00Z"));
        assertThat(parsed.progress()).isNull();
    }

    @Test
    void theCmi5ProgressExtensionIsRead() {
        StatementValidator.Outcome outcome = validate(XapiStatements.progressed(UUID.randomUUID().toString(), LMS,
                "alice", COURSE, 40));
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.parsed().progress()).isEqualTo(40);
    }

    @Test
    void theMinimalStatementNeedsNoIdAndAnActivityWithoutObjectType() {
        StatementValidator.Outcome outcome = validate("""
                {"actor":{"mbox":"mailto:xapi@adlnet.gov"},"verb":{"id":"http://adlnet.gov/expapi/verbs/created"},
                 "object":{"id":"http://example.adlnet.gov/xapi/example/activity"}}""");
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.parsed().id()).isNull();
        assertThat(outcome.parsed().account()).as("identified by mbox, not an account").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing actor | /actor | | statement.actor",
            "missing verb | /verb | | statement.verb",
            "missing object | /object | | statement.object",
            "id not a UUID | /id | \"not-a-uuid\" | statement.id",
            "verb id without scheme | /verb/id | \"completed\" | statement.verb.id",
            "null outside extensions | /result/response | null | statement.result.response",
            "string where a boolean is required | /result/success | \"true\" | statement.result.success",
            "string where a number is required | /result/score/scaled | \"0.5\" | statement.result.score.scaled",
            "scaled score above 1 | /result/score/scaled | 1.5 | statement.result.score.scaled",
            "duration not ISO 8601 | /result/duration | \"90 minutes\" | statement.result.duration",
            "a property the specification does not define | /mood | \"happy\" | statement.mood",
            "wrong case of a key | /Verb | {} | statement.Verb",
            "unsupported statement version | /version | \"2.0.0\" | statement.version",
            "timestamp not ISO 8601 | /timestamp | \"yesterday\" | statement.timestamp",
            "registration not a UUID | /context/registration | \"abc\" | statement.context.registration",
            "account without name | /actor/account/name | | statement.actor.account.name",
            "account homePage without scheme | /actor/account/homePage | \"lms.example.com\" | statement.actor.account.homePage",
            "two identifiers on one agent | /actor/mbox | \"mailto:alice@example.com\" | statement.actor",
            "unknown object type | /object/objectType | \"Thing\" | statement.object.objectType",
    })
    void refusals(String why, String pointer, String value, String field) {
        ObjectNode statement = (ObjectNode) JSON.readTree(XapiStatements.statement(UUID.randomUUID().toString(), LMS,
                "alice", XapiStatements.COMPLETED, COURSE));
        change(statement, pointer, value);

        StatementValidator.Outcome outcome = StatementValidator.validate(statement, "statement");

        assertThat(outcome.parsed()).as(why).isNull();
        assertThat(outcome.problems()).extracting(FieldProblem::field).as(why).contains(field);
    }

    @ParameterizedTest
    @CsvSource({"101", "-1", "50.5", "\"50\""})
    void progressOutsideCmi5sRangeIsRefused(String value) {
        StatementValidator.Outcome outcome = validate(XapiStatements.progressed(UUID.randomUUID().toString(), LMS,
                "alice", COURSE, value));
        assertThat(outcome.problems()).extracting(FieldProblem::field)
                .containsExactly("statement.result.extensions." + XapiStatements.CMI5_PROGRESS);
    }

    @Test
    void nullsInsideExtensionsAreAllowed() {
        StatementValidator.Outcome outcome = validate("""
                {"actor":{"account":{"homePage":"https://lms.example.com","name":"alice"}},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"https://example.com/a"},
                 "context":{"extensions":{"https://example.com/ext/note":null}}}""");
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void aGroupWithMembersIsValidButNamesNoSinglePerson() {
        StatementValidator.Outcome outcome = validate("""
                {"actor":{"objectType":"Group","member":[{"account":{"homePage":"https://lms.example.com","name":"a"}},
                                                         {"mbox":"mailto:b@example.com"}]},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},"object":{"id":"https://example.com/w"}}""");
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.parsed().account()).isNull();
    }

    @Test
    void notAnObjectIsRefused() {
        assertThat(StatementValidator.validate(JSON.readTree("[1]"), "statements[0]").problems())
                .extracting(FieldProblem::field).containsExactly("statements[0]");
    }

    private static StatementValidator.Outcome validate(String json) {
        return StatementValidator.validate(JSON.readTree(json), "statement");
    }

    /** Sets (or, without a value, removes) the node at a JSON pointer. */
    private static void change(ObjectNode root, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        String parentPointer = pointer.substring(0, slash);
        String key = pointer.substring(slash + 1);
        ObjectNode parent = parentPointer.isEmpty() ? root : (ObjectNode) root.at(parentPointer);
        if (value == null) {
            parent.remove(key);
        } else {
            JsonNode node = JSON.readTree(value);
            parent.set(key, node);
        }
    }
}
