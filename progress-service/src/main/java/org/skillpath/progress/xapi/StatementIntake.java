package org.skillpath.progress.xapi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.FieldProblem;
import org.skillpath.progress.people.PersonView;
import org.skillpath.progress.progress.LearningRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes statements in as an LRS does (xAPI Communication 2.1.1-2.1.2): validates the whole request before
 * storing any of it, refuses duplicate ids inside one batch (400) and known ids with other content (409),
 * accepts known ids with the same content without a second effect, then stores each statement and applies it
 * to the person's plans. Everything is the organisation's own: ids are known per organisation, people are
 * matched in its directory, and only its plans change.
 */
@Service
class StatementIntake {

    static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";
    static final String PASSED = "http://adlnet.gov/expapi/verbs/passed";
    static final String ATTENDED = "http://adlnet.gov/expapi/verbs/attended";
    static final String PROGRESSED = "http://adlnet.gov/expapi/verbs/progressed";
    static final String FAILED = "http://adlnet.gov/expapi/verbs/failed";

    private static final Logger log = LoggerFactory.getLogger(StatementIntake.class);

    private final MongoTemplate mongo;
    private final LearningRecords records;
    private final XapiProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    StatementIntake(MongoTemplate mongo, LearningRecords records, XapiProperties properties, ObjectMapper json,
                    Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.records = records;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    private record Incoming(String id, JsonNode node, StatementValidator.Parsed parsed, String hash,
                            StoredStatement existing) {
    }

    /**
     * @param statementId the PUT's {@code statementId} parameter; null for a POST
     * @param paths       the field path of each statement, for the problems reported
     * @return the statement ids, in the order the statements came
     */
    List<String> store(String orgId, List<JsonNode> statements, List<String> paths, String statementId) {
        List<FieldProblem> problems = new ArrayList<>();
        List<StatementValidator.Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            StatementValidator.Outcome outcome = StatementValidator.validate(statements.get(i), paths.get(i));
            problems.addAll(outcome.problems());
            parsed.add(outcome.parsed());
        }
        if (statements.isEmpty()) {
            problems.add(new FieldProblem("statements", "at least one statement"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid statement", summary(problems), problems);
        }

        List<Incoming> incoming = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            StatementValidator.Parsed p = parsed.get(i);
            String id;
            if (statementId != null) {
                id = statementId.toLowerCase(Locale.ROOT);
                if (p.id() != null && !p.id().equals(id)) {
                    throw ApiException.badRequest(paths.get(i) + ".id", "differs from the statementId parameter");
                }
            } else {
                id = p.id() != null ? p.id() : UUID.randomUUID().toString();
            }
            if (!ids.add(id)) {
                throw ApiException.badRequest(paths.get(i) + ".id", "the id " + id + " occurs twice in this batch");
            }
            JsonNode node = statements.get(i);
            incoming.add(new Incoming(id, node, p, StatementComparison.hash(node),
                    mongo.findById(StoredStatement.idOf(orgId, id), StoredStatement.class)));
        }
        List<String> conflicts = incoming.stream().filter(in -> in.existing() != null && !same(in, in.existing()))
                .map(Incoming::id).toList();
        if (!conflicts.isEmpty()) {
            throw ApiException.conflict("statements " + conflicts + " exist already with other content");
        }

        List<String> result = new ArrayList<>();
        for (Incoming in : incoming) {
            StoredStatement stored = in.existing() != null ? in.existing() : insert(orgId, in);
            if (!stored.processed()) {
                process(stored, in.parsed());
            }
            result.add(in.id());
        }
        return result;
    }

    private StoredStatement insert(String orgId, Incoming in) {
        Instant now = clock.instant();
        ObjectNode copy = (ObjectNode) in.node().deepCopy();
        // What the LRS assigns (xAPI Data 2.4.7-2.4.10): the id, the stored time, a timestamp if none was sent,
        // and the version 1.0.0 when the statement named none.
        copy.put("id", in.id());
        copy.put("stored", now.toString());
        if (!copy.has("timestamp")) {
            copy.put("timestamp", now.toString());
        }
        if (!copy.has("version")) {
            copy.put("version", "1.0.0");
        }
        StatementValidator.Account account = in.parsed().account();
        StoredStatement stored = new StoredStatement(StoredStatement.idOf(orgId, in.id()), in.id(), orgId, in.hash(),
                in.parsed().timestamp(), json.writeValueAsString(copy), in.parsed().verbId(), in.parsed().activityId(),
                account == null ? null : account.homePage(), account == null ? null : account.name(), null,
                StoredStatement.Outcome.RECEIVED, List.of(), now, false);
        try {
            return mongo.insert(stored);
        } catch (DuplicateKeyException raced) {
            // Another request stored the same id between our check and this insert.
            StoredStatement winner = mongo.findById(stored.id(), StoredStatement.class);
            if (winner == null || !same(in, winner)) {
                throw ApiException.conflict("statement " + in.id() + " exists already with other content");
            }
            return winner;
        }
    }

    private void process(StoredStatement stored, StatementValidator.Parsed parsed) {
        PersonView person = parsed.account() == null ? null : person(stored.orgId(), parsed.account());
        StoredStatement.Outcome outcome;
        List<StoredStatement.MatchedStep> matched = List.of();
        LearningRecords.Verb verb = verb(parsed.verbId());
        if (person == null) {
            outcome = StoredStatement.Outcome.UNMATCHED_PERSON;
        } else if (verb == null) {
            outcome = StoredStatement.Outcome.VERB_NOT_TRACKED;
        } else if (parsed.activityId() == null) {
            outcome = StoredStatement.Outcome.UNMATCHED_STEP;
        } else {
            List<LearningRecords.Match> matches = records.apply(stored.orgId(), person.personId(),
                    parsed.activityId(), stored.statementId(), verb, parsed.progress(), parsed.timestamp());
            matched = matches.stream().map(m -> new StoredStatement.MatchedStep(m.planId(), m.stepId(),
                    m.effect().name())).toList();
            outcome = matches.isEmpty() ? StoredStatement.Outcome.UNMATCHED_STEP : outcome(verb, matches);
        }
        if (outcome == StoredStatement.Outcome.UNMATCHED_PERSON || outcome == StoredStatement.Outcome.UNMATCHED_STEP) {
            log.warn("xAPI statement {} of organisation {} is stored unmatched: {}", stored.statementId(),
                    stored.orgId(), outcome);
        }
        meters.counter("skillpath.xapi.statements", "outcome", outcome.name()).increment();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(stored.id())),
                new Update().set("personId", person == null ? null : person.personId()).set("outcome", outcome)
                        .set("matchedSteps", matched).set("processed", true),
                StoredStatement.class);
    }

    private static StoredStatement.Outcome outcome(LearningRecords.Verb verb, List<LearningRecords.Match> matches) {
        return switch (verb) {
            case COMPLETE -> matches.stream().anyMatch(m -> m.effect() == LearningRecords.Effect.COMPLETED)
                    ? StoredStatement.Outcome.STEP_COMPLETED : StoredStatement.Outcome.ALREADY_COMPLETED;
            case PROGRESS -> StoredStatement.Outcome.PROGRESS_RECORDED;
            case FAIL -> StoredStatement.Outcome.FAILURE_RECORDED;
        };
    }

    static LearningRecords.Verb verb(String verbId) {
        if (verbId == null) {
            return null;
        }
        return switch (verbId) {
            case COMPLETED, PASSED, ATTENDED -> LearningRecords.Verb.COMPLETE;
            case PROGRESSED -> LearningRecords.Verb.PROGRESS;
            case FAILED -> LearningRecords.Verb.FAIL;
            default -> null;
        };
    }

    /**
     * The person an account names: the account's homePage must be one of the organisation's, and its name a
     * person's userName, employeeNumber or id. A name that fits two people is no match: guessing would credit
     * the wrong person.
     */
    private PersonView person(String orgId, StatementValidator.Account account) {
        if (!properties.acceptsHomePage(orgId, account.homePage())) {
            return null;
        }
        List<PersonView> found = mongo.find(Query.query(Criteria.where("orgId").is(orgId).orOperator(
                Criteria.where("userName").is(account.name()), Criteria.where("employeeNumber").is(account.name()),
                Criteria.where("_id").is(account.name()))), PersonView.class);
        return found.size() == 1 ? found.get(0) : null;
    }

    /** Same statement (same organisation, same id): same canonical content, same timestamp where both carry one. */
    private static boolean same(Incoming in, StoredStatement existing) {
        return existing.contentHash().equals(in.hash())
                && (in.parsed().timestamp() == null || existing.sentTimestamp() == null
                || existing.sentTimestamp().equals(in.parsed().timestamp()));
    }

    private static String summary(List<FieldProblem> problems) {
        return String.join("; ", problems.stream().limit(20).map(p -> p.field() + ": " + p.reason()).toList());
    }
}
