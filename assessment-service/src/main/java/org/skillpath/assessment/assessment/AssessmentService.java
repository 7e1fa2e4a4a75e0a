package org.skillpath.assessment.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.skillpath.assessment.config.EventSettings;
import org.skillpath.assessment.framework.FrameworkCatalog;
import org.skillpath.assessment.framework.RoleProfile;
import org.skillpath.assessment.framework.SkillFramework;
import org.skillpath.assessment.people.Person;
import org.skillpath.assessment.people.PeopleService;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.kit.web.ApiException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** Records assessments and publishes their results: the gaps every learning plan starts from. */
@Service
public class AssessmentService {

    private final AssessmentRepository assessments;
    private final PeopleService people;
    private final FrameworkCatalog frameworks;
    private final ObjectMapper json;
    private final EventSettings settings;
    private final Clock clock;

    AssessmentService(AssessmentRepository assessments, PeopleService people, FrameworkCatalog frameworks,
                      ObjectMapper json, EventSettings settings, Clock clock) {
        this.assessments = assessments;
        this.people = people;
        this.frameworks = frameworks;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes a complete set of ratings, scores them and publishes results and gaps at once. */
    public Assessment submit(String orgId, AssessmentRequest request) {
        Person subject = people.find(orgId, request.personId())
                .orElseThrow(() -> ApiException.unprocessable("personId", "no person " + request.personId() + " in this organisation"));
        RoleProfile profile = frameworks.roleProfile(request.roleProfileId())
                .orElseThrow(() -> ApiException.unprocessable("roleProfileId", "unknown role profile " + request.roleProfileId()));
        SkillFramework framework = frameworks.defaultFramework();
        validateRatings(orgId, subject, request.ratings(), framework);

        Instant now = clock.instant();
        Assessment assessment = new Assessment(UUID.randomUUID().toString(), orgId, subject.getId(), profile.id(),
                framework.id(), now);
        List<SkillScore> scores = Scoring.score(request.ratings());
        GapAnalysis.Result result = GapAnalysis.analyse(scores, profile, framework);
        assessment.publishResults(request.ratings(), scores, result, now,
                List.of(completed(assessment, request.ratings(), now), gapsIdentified(assessment, profile, result, now)));
        return assessments.insert(assessment);
    }

    private void validateRatings(String orgId, Person subject, List<Rating> ratings, SkillFramework framework) {
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
                if (people.find(orgId, r.raterId()).isEmpty()) {
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

    private OutboxEvent completed(Assessment a, List<Rating> ratings, Instant now) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<RaterGroup, Integer> byGroup = new EnumMap<>(RaterGroup.class);
        ratings.forEach(r -> byGroup.merge(r.group(), 1, Integer::sum));
        byGroup.forEach((g, n) -> counts.put(g.name().toLowerCase(), n));
        var payload = new AssessmentEvents.AssessmentCompleted(a.getId(), a.getPersonId(), a.getOrgId(),
                a.getRoleProfileId(), now, counts, null);
        return event(a, AssessmentEvents.COMPLETED, payload, now);
    }

    private OutboxEvent gapsIdentified(Assessment a, RoleProfile profile, GapAnalysis.Result result, Instant now) {
        var payload = new AssessmentEvents.SkillGapsIdentified(a.getId(), a.getPersonId(), a.getOrgId(), profile.id(),
                profile.name(), now, null, result.gaps(), result.strengths(), List.of());
        return event(a, AssessmentEvents.GAPS_IDENTIFIED, payload, now);
    }

    private OutboxEvent event(Assessment a, String type, Object payload, Instant now) {
        return new OutboxEvent(DeterministicIds.of(type, a.getId()), settings.topics().assessment(), type,
                settings.eventSource(), "assessments/" + a.getId(), a.getPersonId(), a.getOrgId(), now,
                json.writeValueAsString(payload));
    }
}
