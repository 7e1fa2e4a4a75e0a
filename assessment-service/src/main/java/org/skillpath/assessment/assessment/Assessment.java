package org.skillpath.assessment.assessment;

import java.time.Instant;
import java.util.List;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** An assessment of one person against a target role, with its ratings and published results. */
@Document("assessments")
@CompoundIndex(name = "org_person", def = "{'orgId': 1, 'personId': 1, 'createdAt': -1}")
public class Assessment extends OutboxDocument {

    public enum Status { REQUESTED, OPEN, CLOSED, RESULTS_PUBLISHED }

    @Id
    private String id;
    private String orgId;
    private String personId;
    private String roleProfileId;
    private String frameworkId;
    private Status status;
    private List<Rating> ratings;
    private List<SkillScore> scores;
    private GapAnalysis.Result result;
    private Instant createdAt;
    private Instant completedAt;

    protected Assessment() {
    }

    Assessment(String id, String orgId, String personId, String roleProfileId, String frameworkId, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.personId = personId;
        this.roleProfileId = roleProfileId;
        this.frameworkId = frameworkId;
        this.status = Status.OPEN;
        this.createdAt = now;
    }

    /** Closes with the given ratings and publishes the results, events included in the same write. */
    void publishResults(List<Rating> ratings, List<SkillScore> scores, GapAnalysis.Result result, Instant now,
                        List<OutboxEvent> events) {
        this.ratings = List.copyOf(ratings);
        this.scores = List.copyOf(scores);
        this.result = result;
        this.status = Status.RESULTS_PUBLISHED;
        this.completedAt = now;
        events.forEach(this::raise);
    }

    public String getId() {
        return id;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getPersonId() {
        return personId;
    }

    public String getRoleProfileId() {
        return roleProfileId;
    }

    public String getFrameworkId() {
        return frameworkId;
    }

    public Status getStatus() {
        return status;
    }

    public List<SkillScore> getScores() {
        return scores;
    }

    public GapAnalysis.Result getResult() {
        return result;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public List<Rating> getRatings() {
        return ratings;
    }
}
