package org.skillpath.assessment.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An assessment of one person against a target role. Lifecycle: REQUESTED (raters invited) → OPEN (answers
 * coming in) → CLOSED (no more answers) → RESULTS_PUBLISHED. It closes when every invited rater answered, at
 * its due date, or when an admin closes it; results are published in the same write as the close when others
 * than the person answered, else it stays CLOSED without results. The events it emits are written with it.
 */
@Document("assessments")
@CompoundIndexes({
        @CompoundIndex(name = "org_person", def = "{'orgId': 1, 'personId': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "due", def = "{'status': 1, 'closesAt': 1}"),
        @CompoundIndex(name = "org_rater", def = "{'orgId': 1, 'invitations.raterId': 1}")
})
public class Assessment extends OutboxDocument {

    public enum Status { REQUESTED, OPEN, CLOSED, RESULTS_PUBLISHED }

    @Id
    private String id;
    private String orgId;
    private String personId;
    private String roleProfileId;
    private Integer roleProfileVersion;
    private String frameworkId;
    private Integer frameworkVersion;
    private Status status;
    private LocalDate dueOn;
    /** When the due-date job closes it: the end of the due date (UTC). */
    private Instant closesAt;
    private Instant closeLeaseUntil;
    private String previousAssessmentId;
    private List<Invitation> invitations = new ArrayList<>();
    private List<Response> responses = new ArrayList<>();
    /** The quick path's complete ratings (per skill), when the assessment was submitted at once. */
    private List<Rating> ratings;
    private List<SkillScore> scores;
    private GapAnalysis.Result result;
    private List<AssessmentEvents.Growth> growth;
    private List<Comments> comments;
    private String closeReason;
    private boolean anonymised;
    private Instant createdAt;
    private Instant closedAt;
    private Instant completedAt;

    protected Assessment() {
    }

    Assessment(String id, String orgId, String personId, String roleProfileId, int roleProfileVersion,
               String frameworkId, int frameworkVersion, String previousAssessmentId, Instant now) {
        this.id = id;
        this.orgId = orgId;
        this.personId = personId;
        this.roleProfileId = roleProfileId;
        this.roleProfileVersion = roleProfileVersion;
        this.frameworkId = frameworkId;
        this.frameworkVersion = frameworkVersion;
        this.previousAssessmentId = previousAssessmentId;
        this.status = Status.OPEN;
        this.createdAt = now;
    }

    /** Comments on one skill from one shown group (or "others" for folded groups), in no revealing order. */
    public record Comments(String skillId, String group, List<String> texts) {
    }

    /** Invites the raters: the invitation events are written with the assessment. */
    void request(List<Invitation> invitations, LocalDate dueOn, Instant closesAt, List<OutboxEvent> events) {
        this.status = Status.REQUESTED;
        this.invitations = new ArrayList<>(invitations);
        this.dueOn = dueOn;
        this.closesAt = closesAt;
        events.forEach(this::raise);
    }

    /** Records a rater's answers, replacing an earlier response of the same invitation. */
    void answer(Response response) {
        responses.removeIf(r -> r.invitationId().equals(response.invitationId()));
        responses.add(response);
        invitations.replaceAll(i -> i.id().equals(response.invitationId()) ? i.answered(response.submittedAt()) : i);
        status = Status.OPEN;
    }

    boolean acceptsAnswers() {
        return status == Status.REQUESTED || status == Status.OPEN;
    }

    boolean everyoneAnswered() {
        return invitations.stream().noneMatch(Invitation::awaited);
    }

    /** Closes without results (nobody but the person answered, or the person was erased). */
    void close(String reason, Instant now) {
        this.status = Status.CLOSED;
        this.closeReason = reason;
        this.closedAt = now;
    }

    /** Closes (if open) and publishes the results, events included in the same write. */
    void publishResults(String reason, List<SkillScore> scores, GapAnalysis.Result result, List<AssessmentEvents.Growth> growth,
                        List<Comments> comments, Instant now, List<OutboxEvent> events) {
        if (closedAt == null) {
            close(reason, now);
        }
        this.scores = List.copyOf(scores);
        this.result = result;
        this.growth = List.copyOf(growth);
        this.comments = List.copyOf(comments);
        this.status = Status.RESULTS_PUBLISHED;
        this.completedAt = now;
        events.forEach(this::raise);
    }

    void recordRatings(List<Rating> ratings) {
        this.ratings = List.copyOf(ratings);
    }

    /** The person assessed was erased: keep the results under a pseudonym, drop every rater id and comment. */
    void anonymiseSubject(String pseudonym, Instant now) {
        this.personId = pseudonym;
        this.anonymised = true;
        forgetRaters(null);
        this.comments = comments == null ? null : List.of();
        if (acceptsAnswers()) {
            close("person erased", now);
        }
    }

    /** A rater was erased (or, with null, every rater): their ratings stay, their identity and comments go. */
    void forgetRaters(String raterId) {
        invitations.replaceAll(i -> raterId == null || raterId.equals(i.raterId()) ? i.anonymised() : i);
        responses.replaceAll(r -> raterId == null || raterId.equals(r.raterId()) ? r.anonymised() : r);
        if (ratings != null) {
            ratings = ratings.stream().map(r -> raterId == null || raterId.equals(r.raterId())
                    ? new Rating(null, r.group(), r.scores()) : r).toList();
        }
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

    public Integer getRoleProfileVersion() {
        return roleProfileVersion;
    }

    public String getFrameworkId() {
        return frameworkId;
    }

    public Integer getFrameworkVersion() {
        return frameworkVersion;
    }

    public Status getStatus() {
        return status;
    }

    public LocalDate getDueOn() {
        return dueOn;
    }

    public String getPreviousAssessmentId() {
        return previousAssessmentId;
    }

    public List<Invitation> getInvitations() {
        return invitations == null ? List.of() : invitations;
    }

    public List<Response> getResponses() {
        return responses == null ? List.of() : responses;
    }

    public List<Rating> getRatings() {
        return ratings;
    }

    public List<SkillScore> getScores() {
        return scores;
    }

    public GapAnalysis.Result getResult() {
        return result;
    }

    public List<AssessmentEvents.Growth> getGrowth() {
        return growth;
    }

    public List<Comments> getComments() {
        return comments;
    }

    public String getCloseReason() {
        return closeReason;
    }

    public boolean isAnonymised() {
        return anonymised;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }
}
