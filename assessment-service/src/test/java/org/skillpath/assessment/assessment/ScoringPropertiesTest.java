package org.skillpath.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.skillpath.assessment.framework.RoleProfile;
import org.skillpath.assessment.framework.SkillFramework;

/** Properties of scoring, anonymity and gap ranking that must hold for every set of ratings. */
class ScoringPropertiesTest {

    static final List<String> SKILLS = List.of("budgeting", "conflict-resolution", "networking");
    static final SkillFramework FRAMEWORK = new SkillFramework("f", 1, "F", "", List.of(), SKILLS.stream()
            .map(s -> new SkillFramework.Skill(s, s, "c", "", List.of())).toList());
    static final RoleProfile PROFILE = new RoleProfile("p", "P", "f", List.of(
            new RoleProfile.SkillTarget("budgeting", 4, 1.2),
            new RoleProfile.SkillTarget("conflict-resolution", 5, 1.5),
            new RoleProfile.SkillTarget("networking", 3, 0.8)));

    @Provide
    Arbitrary<RaterLevels> rating() {
        Arbitrary<RaterGroup> group = Arbitraries.of(RaterGroup.values());
        Arbitrary<Map<String, Double>> levels = Arbitraries.maps(Arbitraries.of(SKILLS),
                Arbitraries.integers().between(1, 5).map(Integer::doubleValue)).ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(group, levels).as((g, l) -> new RaterLevels(g, new TreeMap<>(l)));
    }

    @Provide
    Arbitrary<List<RaterLevels>> ratings() {
        return rating().list().ofMinSize(1).ofMaxSize(12);
    }

    @Property
    void permutingRatersChangesNothing(@ForAll("ratings") List<RaterLevels> ratings, @ForAll long seed) {
        List<RaterLevels> shuffled = new ArrayList<>(ratings);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(Scoring.score(shuffled)).isEqualTo(Scoring.score(ratings));
        assertThat(GapAnalysis.analyse(Scoring.score(shuffled), PROFILE, FRAMEWORK))
                .isEqualTo(GapAnalysis.analyse(Scoring.score(ratings), PROFILE, FRAMEWORK));
    }

    @Property
    void peerAndReportGroupsAreShownOnlyWithThreeAnswers(@ForAll("ratings") List<RaterLevels> ratings) {
        for (SkillScore s : Scoring.score(ratings)) {
            for (RaterGroup g : List.of(RaterGroup.PEER, RaterGroup.REPORT)) {
                if (s.byGroup().containsKey(g)) {
                    assertThat(answers(ratings, s.skillId(), g)).isGreaterThanOrEqualTo(3);
                }
            }
        }
    }

    /** Whatever counts in "others" without being shown on its own hides among at least three raters. */
    @Property
    void nothingShownLetsASmallGroupBeSubtractedBackOut(@ForAll("ratings") List<RaterLevels> ratings) {
        for (SkillScore s : Scoring.score(ratings)) {
            int hidden = s.folded().stream().mapToInt(g -> answers(ratings, s.skillId(), g)).sum();
            assertThat(hidden == 0 || hidden >= 3).as("hidden raters on %s: %d", s.skillId(), hidden).isTrue();
            int counted = s.groups().stream().mapToInt(g -> answers(ratings, s.skillId(), g)).sum();
            assertThat(s.otherRaters()).isEqualTo(counted);
        }
    }

    @Property
    void addingARaterToAGroupThatStaysBelowTheThresholdNeverRevealsIt(@ForAll("ratings") List<RaterLevels> ratings,
                                                                     @ForAll @IntRange(min = 1, max = 5) int level) {
        for (RaterGroup g : List.of(RaterGroup.PEER, RaterGroup.REPORT)) {
            for (String skill : SKILLS) {
                if (answers(ratings, skill, g) + 1 >= 3) {
                    continue;
                }
                List<RaterLevels> more = new ArrayList<>(ratings);
                more.add(new RaterLevels(g, Map.of(skill, (double) level)));
                Scoring.score(more).stream().filter(s -> s.skillId().equals(skill))
                        .forEach(s -> assertThat(s.byGroup()).doesNotContainKey(g));
            }
        }
    }

    /** A withheld group's answers influence nothing: any other answers from it give the same result. */
    @Property
    void withheldAnswersInfluenceNothing(@ForAll("ratings") List<RaterLevels> ratings,
                                         @ForAll @IntRange(min = 1, max = 5) int other) {
        for (SkillScore s : Scoring.score(ratings)) {
            if (s.withheld().isEmpty()) {
                continue;
            }
            List<RaterLevels> changed = ratings.stream().map(r -> s.withheld().contains(r.group()) && r.levels().containsKey(s.skillId())
                    ? new RaterLevels(r.group(), with(r.levels(), s.skillId(), other)) : r).toList();
            SkillScore again = Scoring.score(changed).stream().filter(x -> x.skillId().equals(s.skillId())).findFirst().orElseThrow();
            assertThat(again).isEqualTo(s);
        }
    }

    @Property
    void selfNeverMovesOthers(@ForAll("ratings") List<RaterLevels> ratings, @ForAll @IntRange(min = 1, max = 5) int self) {
        List<RaterLevels> withSelf = new ArrayList<>(ratings);
        withSelf.add(new RaterLevels(RaterGroup.SELF, Map.of("budgeting", (double) self, "networking", (double) self)));
        List<RaterLevels> withoutSelf = ratings.stream().filter(r -> r.group() != RaterGroup.SELF).toList();
        Map<String, Double> a = new TreeMap<>();
        Scoring.score(withSelf).forEach(s -> a.put(s.skillId(), s.others()));
        Map<String, Double> b = new TreeMap<>();
        Scoring.score(withoutSelf).forEach(s -> b.put(s.skillId(), s.others()));
        b.forEach((skill, others) -> assertThat(a.get(skill)).isEqualTo(others));
    }

    @Property
    void scoresStayOnTheScaleAndGapsAreRankedByPriority(@ForAll("ratings") List<RaterLevels> ratings) {
        List<SkillScore> scores = Scoring.score(ratings);
        for (SkillScore s : scores) {
            if (s.others() != null) {
                assertThat(s.others()).isBetween(1.0, 5.0);
            }
            assertThat(s.confidence()).isBetween(0.0, 1.0);
            assertThat(s.agreement()).isBetween(0.0, 1.0);
        }
        List<GapAnalysis.Gap> gaps = GapAnalysis.analyse(scores, PROFILE, FRAMEWORK).gaps();
        for (int i = 1; i < gaps.size(); i++) {
            assertThat(gaps.get(i - 1).priority()).isGreaterThanOrEqualTo(gaps.get(i).priority());
        }
        gaps.forEach(g -> {
            assertThat(g.gap()).isPositive();
            assertThat(g.explanation()).isNotBlank();
        });
    }

    private static Map<String, Double> with(Map<String, Double> levels, String skill, int level) {
        Map<String, Double> copy = new TreeMap<>(levels);
        copy.put(skill, (double) level);
        return copy;
    }

    private static int answers(List<RaterLevels> ratings, String skill, RaterGroup g) {
        return (int) ratings.stream().filter(r -> r.group() == g && r.levels().containsKey(skill)).count();
    }
}
