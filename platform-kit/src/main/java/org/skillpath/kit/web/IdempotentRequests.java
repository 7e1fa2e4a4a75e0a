package org.skillpath.kit.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code Idempotency-Key} for POSTs that create: the first request with a key runs and its response is kept;
 * a retry with the same key and the same body gets the same response without a second effect; the same key
 * with a different body is refused (422); a retry while the first is still running gets 409. The key is
 * claimed by inserting a document with a unique id, so two concurrent retries cannot both run.
 * Keys live 24 h on real MongoDB (TTL index); the embedded store never expires them.
 */
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";

    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final Clock clock;

    public IdempotentRequests(MongoTemplate mongo, ObjectMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    @Document("idempotency_keys")
    static class KeyRecord {
        @Id
        String id;
        String requestHash;
        boolean done;
        int status;
        String body;
        String location;
        @Indexed(expireAfter = "24h")
        Instant createdAt;
    }

    /**
     * Runs {@code action} once per (organisation, caller, operation, key). Without a key the action simply runs.
     * The caller is part of the key so that nobody can replay another caller's stored response (which would
     * skip the access checks the action makes) by guessing their key.
     *
     * @param operation names the endpoint, e.g. {@code "POST /api/assessments"}
     */
    public ResponseEntity<?> run(String orgId, String operation, String key, Object request,
                                 Supplier<ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 128) {
            throw ApiException.badRequest(HEADER, "1 to 128 characters");
        }
        KeyRecord record = new KeyRecord();
        record.id = orgId + "|" + callerId() + "|" + operation + "|" + key;
        record.requestHash = hash(json.writeValueAsString(request));
        record.createdAt = clock.instant();
        try {
            mongo.insert(record);
        } catch (DuplicateKeyException seen) {
            return replay(record);
        }
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            // The request had no effect: free the key so the client may retry it.
            mongo.remove(Query.query(Criteria.where("_id").is(record.id)), KeyRecord.class);
            throw e;
        }
        URI location = response.getHeaders().getLocation();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(record.id)), new Update().set("done", true)
                        .set("status", response.getStatusCode().value())
                        .set("body", response.getBody() == null ? null : json.writeValueAsString(response.getBody()))
                        .set("location", location == null ? null : location.toString()),
                KeyRecord.class);
        return response;
    }

    private ResponseEntity<?> replay(KeyRecord attempt) {
        KeyRecord first = mongo.findById(attempt.id, KeyRecord.class);
        if (first == null) {
            throw ApiException.conflict("a request with this Idempotency-Key just failed; retry it");
        }
        if (!first.requestHash.equals(attempt.requestHash)) {
            throw ApiException.unprocessable(HEADER, "already used for a different request");
        }
        if (!first.done) {
            throw ApiException.conflict("a request with this Idempotency-Key is still in progress");
        }
        HttpHeaders headers = new HttpHeaders();
        if (first.location != null) {
            headers.setLocation(URI.create(first.location));
        }
        headers.add("Idempotent-Replayed", "true");
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new ResponseEntity<>(first.body == null ? null : json.readTree(first.body), headers,
                HttpStatus.valueOf(first.status));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String callerId() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "-" : authentication.getName();
    }
}
