package org.skillpath.assessment.assessment;

import org.skillpath.kit.asyncapi.ProducesEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import org.skillpath.assessment.config.AssessmentSettings;
import org.skillpath.assessment.config.EventSettings;
import org.skillpath.assessment.framework.FrameworkCatalog;
import org.skillpath.assessment.framework.RoleProfile;
import org.skillpath.assessment.framework.SkillFramework;
import org.skillpath.assessment.framework.StoredFramework;
import org.skillpath.assessment.framework.StoredRoleProfile;
import org.skillpath.assessment.people.PeopleService;
import org.skillpath.assessment.people.Person;
import org.skillpath.kit.consumer.Idempotency;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.text.ConfusableText;
import org.skillpath.kit.web.ApiException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** Runs assessments from request to results and publishes the gaps every learning plan starts from. */
@ProducesEvents(topic = "skillpath.assessment.v1", types = {"org.skillpath.assessment.requested", "org.skillpath.assessment.completed", "org.skillpath.skillgaps.identified"})
@Service
public class AssessmentService {

    static final int MAX_RATERS = 50;
    private static final int SAVE_ATTEMPTS = 5;

    private final AssessmentRepository assessments;
    private final MongoTemplate mongo;
    private final PeopleService people;
    private final FrameworkCatalog frameworks;
    private final ObjectMapper json;
    private final EventSettings events;
    private final AssessmentSettings settings;
    private final Clock clock;

    AssessmentService(AssessmentRepository assessments, MongoTemplate mongo, PeopleService people,
                      FrameworkCatalog frameworks, ObjectMapper json, EventSettings events, AssessmentSettings settings,
                      Clock clock) {
        this.assessments = assessments;
        this.mongo = mongo;
        this.people = people;
        this.frameworks = frameworks;
        this.json = json;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    // ---- the quick path: a complete set of ratings at once ----

    /** Takes a complete set of per-skill ratings, scores them and publishes results and gaps at once. */
    public Assessment submit(String orgId, AssessmentRequest request) {
        // The person and every rater in one read (the raters are checked in order below).
        Set<String> ids = new LinkedHashSet<>();
        ids.add(request.personId());
        request.ratings().forEach(r -> ids.add(r.raterId()));
        Map<String, Person> found = people.findAll(orgId, ids);
        Person subject = Optional.ofNullable(found.get(request.personId()))
                .orElseThrow(() -> ApiException.unprocessable("personId", "no person " + request.personId() + " in this organisation"));
        StoredRoleProfile profile = frameworks.currentRoleProfile(orgId, request.roleProfileId())
                .orElseThrow(() -> ApiException.unprocessable("roleProfileId", "no active role profile " + request.roleProfileId()));
        StoredFramework framework = frameworkOf(orgId, profile.getContent(), "roleProfileId");
        validateRatings(subject, found, request.ratings(), framework.getContent());

        Instant now = clock.instant();
        Assessment assessment = new Assessment(UUID.randomUUID().toString(), orgId, subject.getId(), profile.getKey(),
                profile.getVersion(), framework.getKey(), framework.getVersion(), null, now);
        assessment.recordRatings(request.ratings());
        List<RaterLevels> levels = request.ratings().stream().map(r -> {
            Map<String, Double> l = new TreeMap<>();
            r.scores().forEach((skill, level) -> l.put(skill, level.doubleValue()));
            return new RaterLevels(r.group(), l);
        }).toList();
        publish(assessment, profile.getContent(), framework.getContent(), levels, List.of(), "submitted complete", now);
        return assessments.insert(assessment);
    }

    private static void validateRatings(Person subject, Map<String, Person> directory, List<Rating> ratings,
                                        SkillFramework framework) {
        Set<String> raters = new HashSet<>();
        boolean hasOthers = false;
        for (int i = 0; i < ratings.size(); i++) {
            Rating r = ratings.get(i);
            String field = "ratings[" + i + "]";
            if (!raters.add(r.raterId())) {
                throw ApiException.unprocessable(field + ".raterId", "one response per rater: " + r.raterId() + " appears twice");
            }
            if (r.group() == RaterGroup.SELF && !r.raterId().equals(subject.getId())) {
                throw ApiException.unprocessable(field + ".raterId", "a SELF rating must come from the person assessed");
            }
            if (r.group() != RaterGroup.SELF) {
                hasOthers = true;
                if (r.raterId().equals(subject.getId())) {
                    throw ApiException.unprocessable(field + ".group", "the person assessed can only rate as SELF");
                }
                if (!directory.containsKey(r.raterId())) {
                    throw ApiException.unprocessable(field + ".raterId", "no person " + r.raterId() + " in this organisation");
                }
            }
            if (r.group() == RaterGroup.MANAGER && !r.raterId().equals(subject.getManagerId())) {
                throw ApiException.unprocessable(field + ".raterId", "the MANAGER rating must come from the person's manager");
            }
            for (Map.Entry<String, Integer> s : new TreeMap<>(r.scores()).entrySet()) {
                if (framework.skill(s.getKey()).isEmpty()) {
                    throw ApiException.unprocessable(field + ".scores." + s.getKey(), "not a skill of framework " + framework.id());
                }
                if (s.getValue() == null || s.getValue() < 1 || s.getValue() > 5) {
                    throw ApiException.badRequest(field + ".scores." + s.getKey(), "a level from 1 to 5");
                }
            }
        }
        if (!hasOthers) {
            throw ApiException.unprocessable("ratings", "at least one rating from someone other than the person assessed");
        }
    }

    // ---- the lifecycle: request, invitations, responses, close ----

    /** One rater slot of a request, before invitation. */
    record Rater(String raterId, RaterGroup group) {
    }

    public Assessment request(String orgId, AssessmentDrafts.AssessmentRequestDraft d) {
        Person subject = people.find(orgId, d.personId())
                .orElseThrow(() -> ApiException.unprocessable("personId", "no person " + d.personId() + " in this organisation"));
        if (!subject.isActive()) {
            throw ApiException.unprocessable("personId", "person " + d.personId() + " is not active");
        }
        StoredRoleProfile profile = frameworks.currentRoleProfile(orgId, d.roleProfileId())
                .orElseThrow(() -> ApiException.unprocessable("roleProfileId", "no active role profile " + d.roleProfileId()));
        StoredFramework framework = frameworkOf(orgId, profile.getContent(), "roleProfileId");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate dueOn;
        try {
            dueOn = d.dueOn() == null ? today.plusDays(settings.defaultDueDays()) : LocalDate.parse(d.dueOn());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("dueOn", "not a calendar date: " + d.dueOn());
        }
        if (!dueOn.isAfter(today)) {
            throw ApiException.unprocessable("dueOn", "must be after today (" + today + ")");
        }
        if (dueOn.isAfter(today.plusDays(settings.maxDueDays()))) {
            throw ApiException.unprocessable("dueOn", "at most " + settings.maxDueDays() + " days ahead");
        }
        if (d.previousAssessmentId() != null) {
            Assessment previous = assessments.findByIdAndOrgId(d.previousAssessmentId(), orgId)
                    .orElseThrow(() -> ApiException.unprocessable("previousAssessmentId", "no assessment " + d.previousAssessmentId()));
            if (!previous.getPersonId().equals(subject.getId())) {
                throw ApiException.unprocessable("previousAssessmentId", "an assessment of another person");
            }
        }
        List<Rater> raters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(subject.getId());
        if (!Boolean.FALSE.equals(d.includeSelf())) {
            raters.add(new Rater(subject.getId(), RaterGroup.SELF));
        }
        if (!Boolean.FALSE.equals(d.includeManager()) && subject.getManagerId() != null
                && people.find(orgId, subject.getManagerId()).filter(Person::isActive).isPresent()) {
            raters.add(new Rater(subject.getManagerId(), RaterGroup.MANAGER));
            seen.add(subject.getManagerId());
        }
        List<String> reportIds = d.reportIds() != null ? d.reportIds()
                : people.directReports(orgId, subject.getId()).stream().filter(Person::isActive).map(Person::getId).toList();
        addRaters(orgId, subject, reportIds, RaterGroup.REPORT, d.reportIds() != null, seen, raters);
        addRaters(orgId, subject, d.peerIds() == null ? List.of() : d.peerIds(), RaterGroup.PEER, true, seen, raters);
        if (raters.stream().noneMatch(r -> r.group() != RaterGroup.SELF)) {
            throw ApiException.unprocessable("peerIds", "nobody but the person would rate: the person has no manager or "
                    + "direct reports in the directory, so name peers");
        }
        if (raters.size() > MAX_RATERS) {
            throw ApiException.unprocessable("peerIds", "at most " + MAX_RATERS + " raters per assessment");
        }
        Assessment a = open(orgId, UUID.randomUUID().toString(), subject, profile, framework, raters, dueOn,
                d.previousAssessmentId(), clock.instant());
        return assessments.insert(a);
    }

    private void addRaters(String orgId, Person subject, List<String> ids, RaterGroup group, boolean explicit,
                           Set<String> seen, List<Rater> raters) {
        String field = group == RaterGroup.PEER ? "peerIds" : "reportIds";
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String f = field + "[" + i + "]";
            if (id.equals(subject.getId())) {
                throw ApiException.unprocessable(f, "the person assessed rates as self");
            }
            if (id.equals(subject.getManagerId())) {
                throw ApiException.unprocessable(f, "the manager rates as manager");
            }
            if (!seen.add(id)) {
                throw ApiException.unprocessable(f, "rater " + id + " is invited twice");
            }
            Person rater = people.find(orgId, id)
                    .orElseThrow(() -> ApiException.unprocessable(f, "no person " + id + " in this organisation"));
            if (!rater.isActive()) {
                throw ApiException.unprocessable(f, "person " + id + " is not active");
            }
            if (explicit && group == RaterGroup.REPORT && !subject.getId().equals(rater.getManagerId())) {
                throw ApiException.unprocessable(f, "person " + id + " does not report to " + subject.getId());
            }
            raters.add(new Rater(id, group));
        }
    }

    /** A new assessment with its invitations (one assessment.requested event per rater), not yet stored. */
    private Assessment open(String orgId, String id, Person subject, StoredRoleProfile profile, StoredFramework framework,
                            List<Rater> raters, LocalDate dueOn, String previousAssessmentId, Instant now) {
        Assessment a = new Assessment(id, orgId, subject.getId(), profile.getKey(), profile.getVersion(),
                framework.getKey(), framework.getVersion(), previousAssessmentId, now);
        List<Invitation> invitations = new ArrayList<>();
        List<OutboxEvent> invited = new ArrayList<>();
        for (Rater r : raters) {
            Invitation inv = new Invitation(DeterministicIds.of("invitation", id, r.raterId()), r.raterId(), r.group(),
                    now, null, false);
            invitations.add(inv);
            var payload = new AssessmentEvents.AssessmentRequested(id, subject.getId(), orgId, profile.getKey(), inv.id(),
                    r.raterId(), r.group(), dueOn, now, previousAssessmentId);
            invited.add(event(a, AssessmentEvents.REQUESTED, inv.id(), payload, now));
        }
        a.request(invitations, dueOn, dueOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), invited);
        return a;
    }

    /** What an invited rater answers: the skills of the role profile with their indicators, and their own answers. */
    public Questionnaire questionnaire(String orgId, String raterId, String assessmentId, String invitationId) {
        Assessment a = find(orgId, assessmentId);
        Invitation inv = invitation(a, invitationId, raterId);
        RoleProfile profile = profileOf(a);
        SkillFramework fw = frameworkOf(a);
        String name = people.find(orgId, a.getPersonId()).map(Person::getDisplayName).orElse(null);
        List<SkillFramework.Skill> skills = profile.targets().stream()
                .map(t -> fw.skill(t.skillId()).orElse(null)).filter(s -> s != null).toList();
        Response own = a.getResponses().stream().filter(r -> r.invitationId().equals(invitationId)).findFirst().orElse(null);
        return new Questionnaire(a.getId(), inv.id(), inv.group(), a.getPersonId(), name, profile.name(), a.getStatus(),
                a.getDueOn(), fw.scale(), skills, own == null ? null : new Questionnaire.OwnAnswers(own.levels(),
                own.notObserved(), own.comments(), own.submittedAt()));
    }

    public record Questionnaire(String assessmentId, String invitationId, RaterGroup group, String personId,
                                String personName, String roleName, Assessment.Status status, LocalDate dueOn,
                                List<SkillFramework.ScaleLevel> scale, List<SkillFramework.Skill> skills,
                                OwnAnswers yourResponse) {
        public record OwnAnswers(Map<String, Integer> levels, List<String> notObserved, Map<String, String> comments,
                                 Instant submittedAt) {
        }
    }

    /**
     * Records (or replaces) a rater's response. The last awaited response closes the assessment and publishes
     * its results in the same write; concurrent writers are serialised by the document version.
     */
    public Assessment respond(String orgId, String raterId, String assessmentId, String invitationId,
                              AssessmentDrafts.ResponseDraft d) {
        return retrying(() -> {
            Assessment a = find(orgId, assessmentId);
            Invitation inv = invitation(a, invitationId, raterId);
            if (!a.acceptsAnswers()) {
                throw ApiException.conflict("assessment " + assessmentId + " is " + a.getStatus() + ": it takes no more answers");
            }
            if (inv.withdrawn()) {
                throw ApiException.conflict("invitation " + invitationId + " was withdrawn");
            }
            RoleProfile profile = profileOf(a);
            SkillFramework fw = frameworkOf(a);
            Instant now = clock.instant();
            a.answer(validated(d, profile, fw, inv, now));
            if (a.everyoneAnswered()) {
                finish(a, profile, fw, "every invited rater answered", now);
            }
            return assessments.save(a);
        });
    }

    private Response validated(AssessmentDrafts.ResponseDraft d, RoleProfile profile, SkillFramework fw, Invitation inv,
                               Instant now) {
        Map<String, String> indicatorSkill = new LinkedHashMap<>();
        for (RoleProfile.SkillTarget t : profile.targets()) {
            fw.skill(t.skillId()).ifPresent(s -> s.indicators().forEach(i -> indicatorSkill.put(i.id(), s.id())));
        }
        Map<String, Integer> levels = new TreeMap<>();
        List<String> notObserved = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < d.answers().size(); i++) {
            AssessmentDrafts.Answer ans = d.answers().get(i);
            String f = "answers[" + i + "]";
            if (!indicatorSkill.containsKey(ans.indicatorId())) {
                throw ApiException.unprocessable(f + ".indicatorId", "not an indicator of the skills assessed");
            }
            if (!answered.add(ans.indicatorId())) {
                throw ApiException.unprocessable(f + ".indicatorId", "indicator " + ans.indicatorId() + " answered twice");
            }
            boolean no = Boolean.TRUE.equals(ans.notObserved());
            if (no == (ans.level() != null)) {
                throw ApiException.badRequest(f, "either a level from 1 to 5 or notObserved: true");
            }
            if (no) {
                notObserved.add(ans.indicatorId());
            } else {
                levels.put(ans.indicatorId(), ans.level());
            }
        }
        List<String> missing = indicatorSkill.keySet().stream().filter(id -> !answered.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.unprocessable("answers", missing.size() + " indicators unanswered (rate them or mark them "
                    + "not observed), e.g. " + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
        Map<String, String> comments = new TreeMap<>();
        if (d.comments() != null) {
            Set<String> skills = new HashSet<>(indicatorSkill.values());
            for (Map.Entry<String, String> c : new TreeMap<>(d.comments()).entrySet()) {
                if (!skills.contains(c.getKey())) {
                    throw ApiException.unprocessable("comments." + c.getKey(), "not a skill assessed");
                }
                comments.put(c.getKey(), ConfusableText.clean("comments." + c.getKey(), c.getValue().strip()));
            }
        }
        notObserved.sort(null);
        return new Response(inv.id(), inv.raterId(), inv.group(), levels, List.copyOf(notObserved), comments, now);
    }

    /** An admin closes an assessment before its due date, with the answers given so far. */
    public Assessment closeNow(String orgId, String assessmentId) {
        return retrying(() -> {
            Assessment a = find(orgId, assessmentId);
            if (!a.acceptsAnswers()) {
                throw ApiException.conflict("assessment " + assessmentId + " is " + a.getStatus() + " already");
            }
            finish(a, profileOf(a), frameworkOf(a), "closed early by an administrator", clock.instant());
            return assessments.save(a);
        });
    }

    /** The due-date job's step for one claimed assessment; false when someone else changed it meanwhile. */
    boolean closeAtDueDate(String id) {
        Optional<Assessment> found = assessments.findById(id);
        if (found.isEmpty() || !found.get().acceptsAnswers()) {
            return false;
        }
        Assessment a = found.get();
        try {
            finish(a, profileOf(a), frameworkOf(a), "due date " + a.getDueOn() + " passed", clock.instant());
            assessments.save(a);
            return true;
        } catch (OptimisticLockingFailureException changed) {
            return false;
        }
    }

    /** After an invitation was withdrawn, the remaining raters may all have answered already. */
    void finishIfEveryoneAnswered(Assessment a) {
        if (a.acceptsAnswers() && a.everyoneAnswered()) {
            finish(a, profileOf(a), frameworkOf(a), "every remaining invited rater answered", clock.instant());
        }
    }

    private void finish(Assessment a, RoleProfile profile, SkillFramework fw, String reason, Instant now) {
        List<RaterLevels> levels = new ArrayList<>();
        for (Response r : a.getResponses()) {
            levels.add(new RaterLevels(r.group(), skillLevels(r, profile, fw)));
        }
        if (levels.stream().noneMatch(l -> l.group() != RaterGroup.SELF && !l.levels().isEmpty())) {
            a.close(reason + "; no answers from anyone but the person, so no results", now);
            return;
        }
        publish(a, profile, fw, levels, a.getResponses(), reason, now);
    }

    /** A rater's level per skill: the mean of the indicators they observed; none when they observed none. */
    static Map<String, Double> skillLevels(Response r, RoleProfile profile, SkillFramework fw) {
        Map<String, Double> out = new TreeMap<>();
        for (RoleProfile.SkillTarget t : profile.targets()) {
            fw.skill(t.skillId()).ifPresent(s -> {
                List<Integer> given = s.indicators().stream().map(i -> r.levels().get(i.id())).filter(v -> v != null).toList();
                if (!given.isEmpty()) {
                    out.put(s.id(), Scoring.round(given.stream().mapToInt(Integer::intValue).average().orElseThrow()));
                }
            });
        }
        return out;
    }

    private void publish(Assessment a, RoleProfile profile, SkillFramework fw, List<RaterLevels> levels,
                         List<Response> responses, String reason, Instant now) {
        List<SkillScore> scores = Scoring.score(levels, settings.othersWeights(), settings.anonymityThreshold());
        GapAnalysis.Result result = GapAnalysis.analyse(scores, profile, fw);
        List<AssessmentEvents.Growth> growth = growth(a, scores);
        List<Assessment.Comments> comments = CommentDisclosure.disclose(responses, scores);
        Map<String, Integer> counts = new TreeMap<>();
        Map<RaterGroup, Integer> byGroup = new EnumMap<>(RaterGroup.class);
        levels.stream().filter(l -> !l.levels().isEmpty()).forEach(l -> byGroup.merge(l.group(), 1, Integer::sum));
        byGroup.forEach((g, n) -> counts.put(g.name().toLowerCase(), n));
        var completed = new AssessmentEvents.AssessmentCompleted(a.getId(), a.getPersonId(), a.getOrgId(),
                a.getRoleProfileId(), now, counts, a.getPreviousAssessmentId());
        var gaps = new AssessmentEvents.SkillGapsIdentified(a.getId(), a.getPersonId(), a.getOrgId(), a.getRoleProfileId(),
                profile.name(), now, a.getPreviousAssessmentId(), result.gaps(), result.strengths(), growth);
        a.publishResults(reason, scores, result, growth, comments, now, List.of(
                event(a, AssessmentEvents.COMPLETED, a.getId(), completed, now),
                event(a, AssessmentEvents.GAPS_IDENTIFIED, a.getId(), gaps, now)));
    }

    /** Growth per skill since the previous assessment: its "others" level against today's. */
    private List<AssessmentEvents.Growth> growth(Assessment a, List<SkillScore> scores) {
        if (a.getPreviousAssessmentId() == null) {
            return List.of();
        }
        Map<String, Double> before = new TreeMap<>();
        assessments.findByIdAndOrgId(a.getPreviousAssessmentId(), a.getOrgId())
                .map(Assessment::getScores).orElse(List.of())
                .forEach(s -> {
                    if (s.others() != null) {
                        before.put(s.skillId(), s.others());
                    }
                });
        List<AssessmentEvents.Growth> growth = new ArrayList<>();
        for (SkillScore s : scores) {
            if (s.others() != null && before.containsKey(s.skillId())) {
                growth.add(new AssessmentEvents.Growth(s.skillId(), before.get(s.skillId()), s.others()));
            }
        }
        return growth;
    }

    // ---- reassessment ----

    /**
     * Starts the reassessment a {@code reassessment.due} event asks for, with the previous assessment's raters
     * (the person's current manager; peers and reports still in the directory). The new assessment's id derives
     * from the event, so a redelivery inserts nothing.
     *
     * @return the new assessment, or empty when it exists already or the person is gone
     */
    public Optional<Assessment> reassess(String orgId, String eventKey, String personId, String previousAssessmentId,
                                         String roleProfileId, LocalDate dueOn) {
        // Looked up in every organisation, so an event that names another organisation's assessment is told apart
        // from one that names none (and dead-lettered as such) rather than acted on.
        Assessment previous = assessments.findById(previousAssessmentId)
                .orElseThrow(() -> new IllegalArgumentException("no assessment " + previousAssessmentId));
        if (!previous.getOrgId().equals(orgId)) {
            throw new IllegalArgumentException("organisation mismatch: assessment " + previousAssessmentId
                    + " is not of organisation " + orgId);
        }
        if (!previous.getPersonId().equals(personId)) {
            throw new IllegalArgumentException("assessment " + previousAssessmentId + " is not of person " + personId);
        }
        Optional<Person> subject = people.find(orgId, personId).filter(Person::isActive);
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        String profileKey = roleProfileId != null ? roleProfileId : previous.getRoleProfileId();
        StoredRoleProfile profile = frameworks.currentRoleProfile(orgId, profileKey)
                .or(() -> frameworks.roleProfile(orgId, previous.getRoleProfileId(), previous.getRoleProfileVersion()))
                .orElseThrow(() -> new IllegalArgumentException("no role profile " + profileKey));
        StoredFramework framework = frameworks.currentFramework(orgId, profile.getContent().frameworkId())
                .orElseThrow(() -> new IllegalArgumentException("no active framework " + profile.getContent().frameworkId()));
        Person p = subject.get();
        List<Rater> raters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(p.getId());
        raters.add(new Rater(p.getId(), RaterGroup.SELF));
        if (p.getManagerId() != null && people.find(orgId, p.getManagerId()).filter(Person::isActive).isPresent()) {
            raters.add(new Rater(p.getManagerId(), RaterGroup.MANAGER));
            seen.add(p.getManagerId());
        }
        List<Rater> before = new ArrayList<>();
        previous.getInvitations().forEach(i -> before.add(new Rater(i.raterId(), i.group())));
        if (previous.getRatings() != null) {
            previous.getRatings().forEach(r -> before.add(new Rater(r.raterId(), r.group())));
        }
        before.stream().filter(r -> r.raterId() != null && (r.group() == RaterGroup.PEER || r.group() == RaterGroup.REPORT))
                .filter(r -> people.find(orgId, r.raterId()).filter(Person::isActive).isPresent())
                .filter(r -> seen.add(r.raterId()))
                .forEach(raters::add);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = dueOn != null && dueOn.isAfter(today) ? dueOn : today;
        Assessment a = open(orgId, DeterministicIds.of("assessment", "reassessment", eventKey), p, profile, framework,
                raters, start.plusDays(settings.defaultDueDays()), previous.getId(), clock.instant());
        return Idempotency.insertOnce(mongo, a) ? Optional.of(a) : Optional.empty();
    }

    // ---- helpers ----

    Assessment find(String orgId, String id) {
        return assessments.findByIdAndOrgId(id, orgId).orElseThrow(() -> ApiException.notFound("assessment", id));
    }

    /**
     * The invitation, if it is the rater's own; anyone else (the person assessed, their manager, an admin) is told
     * it does not exist, so no one can read or write another rater's answers.
     */
    private static Invitation invitation(Assessment a, String invitationId, String raterId) {
        return a.getInvitations().stream().filter(i -> i.id().equals(invitationId) && raterId.equals(i.raterId()))
                .findFirst().orElseThrow(() -> ApiException.notFound("invitation", invitationId));
    }

    private StoredFramework frameworkOf(String orgId, RoleProfile profile, String field) {
        return frameworks.currentFramework(orgId, profile.frameworkId())
                .orElseThrow(() -> ApiException.unprocessable(field, "the role profile's framework " + profile.frameworkId()
                        + " has no active version"));
    }

    /** The role profile version the assessment was requested with (pinned, so later versions change nothing). */
    private RoleProfile profileOf(Assessment a) {
        return frameworks.roleProfile(a.getOrgId(), a.getRoleProfileId(), a.getRoleProfileVersion())
                .map(StoredRoleProfile::getContent).orElseThrow(() -> new IllegalStateException("role profile "
                        + a.getRoleProfileId() + " v" + a.getRoleProfileVersion() + " missing"));
    }

    private SkillFramework frameworkOf(Assessment a) {
        return frameworks.framework(a.getOrgId(), a.getFrameworkId(), a.getFrameworkVersion())
                .map(StoredFramework::getContent).orElseThrow(() -> new IllegalStateException("framework "
                        + a.getFrameworkId() + " v" + a.getFrameworkVersion() + " missing"));
    }

    private OutboxEvent event(Assessment a, String type, String cause, Object payload, Instant now) {
        return new OutboxEvent(DeterministicIds.of(type, a.getId(), cause), events.topics().assessment(), type,
                events.eventSource(), "assessments/" + a.getId(), a.getPersonId(), a.getOrgId(), now,
                json.writeValueAsString(payload));
    }

    private static Assessment retrying(Supplier<Assessment> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.get();
            } catch (OptimisticLockingFailureException e) {
                if (i >= SAVE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
