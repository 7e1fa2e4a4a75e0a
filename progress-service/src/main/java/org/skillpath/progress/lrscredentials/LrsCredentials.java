package org.skillpath.progress.lrscredentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.skillpath.kit.security.Caller;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Issues, lists, revokes and checks LRS credentials. Secrets are 256 random bits, stored as BCrypt hashes only.
 * BCrypt is deliberately slow (tens of milliseconds), and an LRS client authenticates every request, so a
 * secret once verified against a credential's hash is remembered as its SHA-256 in memory; revocation is still
 * read from the store on every request, so it takes effect at once.
 */
@Service
public class LrsCredentials {

    public static final String SCOPE = "xapi:write";
    private static final Pattern KEY = Pattern.compile("lrs-[0-9a-f]{24}");
    private static final int REMEMBERED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final Clock clock;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    /** Compared against when the key is unknown, so that answer takes as long as a wrong secret. */
    private final String decoy;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    LrsCredentials(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        this.decoy = bcrypt.encode(secret());
    }

    /** A new credential and its secret, which is not kept and cannot be shown again. */
    public record Issued(LrsCredential credential, String secret) {
    }

    Issued create(String orgId, String createdBy, String label) {
        String secret = secret();
        String hash = bcrypt.encode(secret);
        while (true) {
            LrsCredential credential = new LrsCredential("lrs-" + HexFormat.of().formatHex(bytes(12)), orgId, hash, label,
                    clock.instant(), createdBy, false, null, null);
            try {
                return new Issued(mongo.insert(credential), secret);
            } catch (DuplicateKeyException taken) {
                // 96 random bits met an existing key: draw another.
            }
        }
    }

    /** The organisation's credentials, newest first (the key breaks ties so pages never overlap). */
    Page<LrsCredential> list(String orgId, int page, int size) {
        Query query = Query.query(Criteria.where("orgId").is(orgId));
        long total = mongo.count(query, LrsCredential.class);
        PageRequest pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id")));
        List<LrsCredential> items = mongo.find(query.with(pageable), LrsCredential.class);
        return new PageImpl<>(items, pageable, total);
    }

    /** Revokes the organisation's credential (again: no change); empty when the organisation has no such key. */
    Optional<LrsCredential> revoke(String orgId, String key, String revokedBy) {
        verified.remove(key);
        LrsCredential revoked = mongo.findAndModify(Query.query(Criteria.where("_id").is(key).and("orgId").is(orgId)
                        .and("revoked").is(false)),
                new Update().set("revoked", true).set("revokedAt", clock.instant()).set("revokedBy", revokedBy),
                FindAndModifyOptions.options().returnNew(true), LrsCredential.class);
        return revoked != null ? Optional.of(revoked) : Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("_id").is(key).and("orgId").is(orgId)), LrsCredential.class));
    }

    /** The client a key and secret stand for; empty for an unknown key, a wrong secret or a revoked credential. */
    public Optional<Caller> authenticate(String key, String secret) {
        LrsCredential credential = key != null && KEY.matcher(key).matches()
                ? mongo.findById(key, LrsCredential.class) : null;
        if (credential == null) {
            bcrypt.matches(secret, decoy);
            return Optional.empty();
        }
        if (!matches(credential, secret) || credential.revoked()) {
            return Optional.empty();
        }
        return Optional.of(Caller.client(credential.key(), credential.orgId(), Set.of(SCOPE)));
    }

    private boolean matches(LrsCredential credential, String secret) {
        byte[] digest = sha256(credential.secretHash() + "\n" + secret);
        byte[] known = verified.get(credential.key());
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        if (!bcrypt.matches(secret, credential.secretHash())) {
            return false;
        }
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.put(credential.key(), digest);
        return true;
    }

    private static String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
