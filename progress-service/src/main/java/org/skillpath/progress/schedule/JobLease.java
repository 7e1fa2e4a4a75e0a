package org.skillpath.progress.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A lease in MongoDB that lets one instance at a time run a scheduled job. Taking it is one atomic
 * find-and-modify that matches only an expired lease (or creates the first one); a crashed holder's lease
 * simply runs out. Time comes from the injected clock, so tests move it by hand.
 */
public class JobLease {

    @Document("job_leases")
    record Lease(@Id String job, String owner, Instant until) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String owner;

    public JobLease(MongoTemplate mongo, Clock clock, String owner) {
        this.mongo = mongo;
        this.clock = clock;
        this.owner = owner;
    }

    public static JobLease forThisInstance(MongoTemplate mongo, Clock clock) {
        return new JobLease(mongo, clock, UUID.randomUUID().toString());
    }

    /** True when this instance holds the job's lease for {@code duration} from now. */
    public boolean tryAcquire(String job, Duration duration) {
        Instant now = clock.instant();
        try {
            Lease taken = mongo.findAndModify(
                    Query.query(Criteria.where("_id").is(job).and("until").lt(now)),
                    new Update().set("owner", owner).set("until", now.plus(duration)),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), Lease.class);
            return taken != null && owner.equals(taken.owner());
        } catch (DuplicateKeyException held) {
            // The upsert found the job's lease document but not expired: another instance holds it.
            return false;
        }
    }

    /** Gives the lease back early so the next run, here or elsewhere, need not wait for it to expire. */
    public void release(String job) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(job).and("owner").is(owner)),
                new Update().set("until", Instant.EPOCH), Lease.class);
    }

    public String owner() {
        return owner;
    }
}
