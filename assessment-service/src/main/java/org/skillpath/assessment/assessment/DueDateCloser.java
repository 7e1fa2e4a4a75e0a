package org.skillpath.assessment.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.skillpath.assessment.config.AssessmentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes assessments whose due date passed. Each assessment is claimed with a lease (an atomic update that also
 * bumps the version), so several instances never close the same one; the close itself is a versioned save, so
 * a rater answering at that very moment makes one of the two retry instead of losing an answer.
 */
@Component
class DueDateCloser {

    private static final Logger log = LoggerFactory.getLogger(DueDateCloser.class);
    private static final int BATCH = 50;

    private final MongoTemplate mongo;
    private final AssessmentService service;
    private final AssessmentSettings settings;
    private final Clock clock;

    DueDateCloser(MongoTemplate mongo, AssessmentService service, AssessmentSettings settings, Clock clock) {
        this.mongo = mongo;
        this.service = service;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${skillpath.assessment.close-interval:PT30S}", initialDelayString = "${skillpath.assessment.close-interval:PT30S}")
    void run() {
        try {
            closeDue();
        } catch (RuntimeException e) {
            log.warn("due-date close round failed: {}", e.toString());
        }
    }

    /** One round; returns how many assessments it closed. */
    int closeDue() {
        int closed = 0;
        for (int i = 0; i < BATCH; i++) {
            Instant now = clock.instant();
            Document claimed = mongo.getCollection("assessments").findOneAndUpdate(
                    new Document("status", new Document("$in", List.of(Assessment.Status.REQUESTED.name(), Assessment.Status.OPEN.name())))
                            .append("closesAt", new Document("$lte", Date.from(now)))
                            .append("$or", List.of(new Document("closeLeaseUntil", null),
                                    new Document("closeLeaseUntil", new Document("$lt", Date.from(now))))),
                    new Document("$set", new Document("closeLeaseUntil", Date.from(now.plus(settings.closeLease()))))
                            .append("$inc", new Document("version", 1L)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.include("_id")));
            if (claimed == null) {
                break;
            }
            if (service.closeAtDueDate(claimed.getString("_id"))) {
                closed++;
            }
        }
        if (closed > 0) {
            log.info("closed {} assessments at their due date", closed);
        }
        return closed;
    }
}
