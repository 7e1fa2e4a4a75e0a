package org.skillpath.progress.xapi;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.skillpath.kit.security.Caller;
import org.skillpath.kit.security.Callers;
import org.skillpath.kit.security.CurrentCaller;
import org.skillpath.kit.security.RateLimited;
import org.skillpath.kit.web.ApiException;
import org.skillpath.kit.web.CurrentOrg;
import org.skillpath.kit.web.PageResponse;
import org.skillpath.progress.access.Access;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The statements resource of an LRS, for corporate L&D platforms (xAPI 1.0.3), plus the report of what their
 * statements did. Under /xapi the caller is a platform with a client token of scope {@code xapi:write} or the
 * organisation's LRS credentials (HTTP Basic), see {@link XapiSecurityConfiguration}; the tenant is the one the
 * token or the credentials belong to. Statement batches count against the organisation's mass-action limit.
 */
@RestController
class XapiController {

    static final String RATE_LIMIT = "xapi-statements";

    private final StatementIntake intake;
    private final MongoTemplate mongo;
    private final Access access;

    XapiController(StatementIntake intake, MongoTemplate mongo, Access access) {
        this.intake = intake;
        this.mongo = mongo;
        this.access = access;
    }

    /** One statement or an array; answers 200 with the ids in order. */
    @RateLimited(RATE_LIMIT)
    @PostMapping(path = "/xapi/statements", consumes = MediaType.APPLICATION_JSON_VALUE)
    List<String> post(@CurrentOrg String orgId,
                      @RequestHeader(name = XapiVersion.HEADER, required = false) String version,
                      @RequestBody JsonNode body) {
        XapiVersion.require(version);
        List<JsonNode> statements = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (body.isArray()) {
            int i = 0;
            for (JsonNode statement : body) {
                statements.add(statement);
                paths.add("statements[" + i++ + "]");
            }
        } else {
            statements.add(body);
            paths.add("statement");
        }
        return intake.store(orgId, statements, paths, null);
    }

    /** One statement under the id the parameter names; answers 204. */
    @RateLimited(RATE_LIMIT)
    @PutMapping(path = "/xapi/statements", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> put(@CurrentOrg String orgId,
                             @RequestHeader(name = XapiVersion.HEADER, required = false) String version,
                             @RequestParam(required = false) String statementId,
                             @RequestBody JsonNode body) {
        XapiVersion.require(version);
        if (statementId == null || !statementId.matches(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw ApiException.badRequest("statementId", "required: the statement's UUID");
        }
        if (body.isArray()) {
            throw ApiException.badRequest("statement", "PUT stores one statement, not an array");
        }
        intake.store(orgId, List.of(body), List.of("statement"), statementId);
        return ResponseEntity.noContent().build();
    }

    /** One stored statement, as stored. */
    @GetMapping(path = "/xapi/statements", produces = MediaType.APPLICATION_JSON_VALUE)
    String get(@CurrentOrg String orgId,
               @RequestHeader(name = XapiVersion.HEADER, required = false) String version,
               @RequestParam(required = false) String statementId) {
        XapiVersion.require(version);
        if (statementId == null || statementId.isBlank()) {
            throw ApiException.badRequest("statementId", "required (statement queries are not offered)");
        }
        StoredStatement stored = mongo.findById(
                StoredStatement.idOf(orgId, statementId.toLowerCase(java.util.Locale.ROOT)), StoredStatement.class);
        if (stored == null) {
            throw ApiException.notFound("statement", statementId);
        }
        return stored.statement();
    }

    /** What was received and what it did, newest first: where L&D admins find statements that matched nothing. */
    record StatementReport(String statementId, String verbId, String activityId, String accountHomePage,
                           String accountName, String personId, StoredStatement.Outcome outcome,
                           List<StoredStatement.MatchedStep> matchedSteps, java.time.Instant storedAt) {
    }

    @GetMapping("/api/xapi/statements")
    PageResponse<StatementReport> report(@CurrentCaller Caller caller,
                                         @RequestParam(required = false) StoredStatement.Outcome outcome,
                                         @RequestParam(required = false) Boolean unmatched,
                                         @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        access.actor(caller);
        if (!caller.isAdmin()) {
            throw Callers.forbidden("requires the role LD_ADMIN: the statement report is for L&D admins");
        }
        Criteria criteria = Criteria.where("orgId").is(caller.orgId());
        if (outcome != null) {
            criteria = criteria.and("outcome").is(outcome);
        } else if (Boolean.TRUE.equals(unmatched)) {
            criteria = criteria.and("outcome").in(StoredStatement.Outcome.UNMATCHED_PERSON,
                    StoredStatement.Outcome.UNMATCHED_STEP);
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, StoredStatement.class);
        PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("storedAt"), Sort.Order.asc("_id")));
        List<StatementReport> items = mongo.find(query.with(pageable), StoredStatement.class).stream()
                .map(s -> new StatementReport(s.statementId(), s.verbId(), s.activityId(), s.accountHomePage(),
                        s.accountName(), s.personId(), s.outcome(), s.matchedSteps(), s.storedAt()))
                .toList();
        return PageResponse.of(new PageImpl<>(items, pageable, total));
    }
}
