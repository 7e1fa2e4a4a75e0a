package org.skillpath.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.skillpath.assessment.framework.RoleProfile;
import org.skillpath.assessment.framework.SkillFramework;

class ScoringTest {

    static final SkillFramework FRAMEWORK = new SkillFramework("f", 1, "F", "", List.of(), List.of(
            new SkillFramework.Skill("conflict-resolution", "Conflict resolution", "c", "", List.of()),
            new SkillFramework.Skill("budgeting", "Budgeting", "m", "", List.of()),
            new SkillFramework.Skill("active-listening", "Active listening", "c", "", List.of())));
    static final RoleProfile TEAM_LEAD = new RoleProfile("team-lead", "Team lead", "f", List.of(
            new RoleProfile.SkillTarget("conflict-resolution", 4, 1.5),
            new RoleProfile.SkillTarget("budgeting", 3, 1.2),
            new RoleProfile.SkillTarget("active-listening", 4, 1.0)));

    static RaterLevels r(RaterGroup group, Map<String, Integer> levels) {
        Map<String, Double> l = new TreeMap<>();
        levels.forEach((k, v) -> l.put(k, v.doubleValue()));
        return new RaterLevels(group, l);
    }

    @Test
    void selfStandsBesideOthersAndIsNeverAveragedIn() {
        SkillScore s = Scoring.score(List.of(
                r(RaterGroup.SELF, Map.of("active-listening", 5)),
                r(RaterGroup.MANAGER, Map.of("active-listening", 3)))).get(0);
        assertThat(s.self()).isEqualTo(5.0);
        assertThat(s.others()).isEqualTo(3.0);
        assertThat(s.byGroup()).containsEntry(RaterGroup.SELF, 5.0).containsEntry(RaterGroup.MANAGER, 3.0);
        assertThat(s.blindSpot()).isTrue();
        assertThat(s.hiddenStrength()).isFalse();
    }

    @Test
    void selfBelowOthersIsAHiddenStrength() {
        SkillScore s = Scoring.score(List.of(
                r(RaterGroup.SELF, Map.of("budgeting", 2)),
                r(RaterGroup.MANAGER, Map.of("budgeting", 4)))).get(0);
        assertThat(s.hiddenStrength()).isTrue();
        assertThat(s.blindSpot()).isFalse();
    }

    @Test
    void othersWeighsGroupsRenormalisedOverThoseThatAnswered() {
        SkillScore s = Scoring.score(List.of(
                r(RaterGroup.MANAGER, Map.of("budgeting", 2)),
                r(RaterGroup.PEER, Map.of("budgeting", 4)),
                r(RaterGroup.PEER, Map.of("budgeting", 4)),
                r(RaterGroup.PEER, Map.of("budgeting", 4)))).get(0);
        // (2 x 0.5 + 4 x 0.3) / 0.8 = 2.75
        assertThat(s.others()).isEqualTo(2.75);
        assertThat(s.otherRaters()).isEqualTo(4);
        assertThat(s.byGroup()).containsEntry(RaterGroup.PEER, 4.0).containsEntry(RaterGroup.MANAGER, 2.0);
    }

    @Test
    void configuredWeightsChangeTheMix() {
        SkillScore s = Scoring.score(List.of(
                r(RaterGroup.MANAGER, Map.of("budgeting", 2)),
                r(RaterGroup.REPORT, Map.of("budgeting", 5)),
                r(RaterGroup.REPORT, Map.of("budgeting", 5)),
                r(RaterGroup.REPORT, Map.of("budgeting", 5))),
                Map.of(RaterGroup.MANAGER, 1.0, RaterGroup.PEER, 1.0, RaterGroup.REPORT, 2.0), 3).get(0);
        assertThat(s.others()).isEqualTo(4.0); // (2 x 1 + 5 x 2) / 3
    }

    @Test
    void twoPeersAreFoldedTogetherWithTheManagerAndNeverShownOnTheirOwn() {
        SkillScore s = Scoring.score(List.of(
                r(RaterGroup.MANAGER, Map.of("budgeting", 2)),
                r(RaterGroup.PEER, Map.of("budgeting", 4)),
                r(RaterGroup.PEER, Map.of("budgeting", 5)))).get(0);
        assertThat(s.byGroup()).doesNotContainKeys(RaterGroup.PEER, RaterGroup.MANAGER);
        assertThat(s.folded()).containsExactlyInAnyOrder(RaterGroup.PEER, RaterGroup.MANAGER);
        assertThat(s.otherRaters()).isEqualTo(3);
        assertThat(s.others()).isEqualTo(Scoring.round((2 * 0.5 + 4.5 * 0.3) / 0.8));
    }

    @Test
    void aLonePeerWithTheManagerIsWithheldAndChangesNothing() {
        List<SkillScore> withPeer = Scoring.score(List.of(
                r(RaterGroup.MANAGER, Map.of("budgeting", 2)),
                r(RaterGroup.PEER, Map.of("budgeting", 5))));
        SkillScore s = withPeer.get(0);
        assertThat(s.withheld()).containsExactly(RaterGroup.PEER);
        assertThat(s.byGroup()).containsOnlyKeys(RaterGroup.MANAGER);
        assertThat(s.others()).isEqualTo(2.0);
        assertThat(s.otherRaters()).isEqualTo(1);
    }

    @Test
    void permutingRatersChangesNothing() {
        List<RaterLevels> ratings = new ArrayList<>(List.of(
                r(RaterGroup.SELF, Map.of("budgeting", 4, "conflict-resolution", 3)),
                r(RaterGroup.MANAGER, Map.of("budgeting", 2, "conflict-resolution", 2)),
                r(RaterGroup.PEER, Map.of("budgeting", 3, "conflict-resolution", 1)),
                r(RaterGroup.PEER, Map.of("budgeting", 5)),
                r(RaterGroup.REPORT, Map.of("conflict-resolution", 4))));
        List<SkillScore> expected = Scoring.score(ratings);
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(ratings, random);
            assertThat(Scoring.score(ratings)).isEqualTo(expected);
        }
    }

    @Test
    void gapsAreRankedByGapTimesWeightTimesConfidenceAndExplained() {
        List<SkillScore> scores = Scoring.score(List.of(
                r(RaterGroup.SELF, Map.of("conflict-resolution", 2, "budgeting", 2, "active-listening", 5)),
                r(RaterGroup.MANAGER, Map.of("conflict-resolution", 2, "budgeting", 2, "active-listening", 3))));
        GapAnalysis.Result result = GapAnalysis.analyse(scores, TEAM_LEAD, FRAMEWORK);
        assertThat(result.gaps()).extracting(GapAnalysis.Gap::skillId)
                .containsExactly("conflict-resolution", "budgeting", "active-listening");
        GapAnalysis.Gap top = result.gaps().get(0);
        assertThat(top.gap()).isEqualTo(2.0);
        assertThat(top.priority()).isEqualTo(Scoring.round(2.0 * 1.5 * top.confidence()));
        assertThat(top.explanation()).contains("Conflict resolution is 2 levels below the Team lead target of 4")
                .contains("manager").contains("1 rater");
        assertThat(result.gaps().get(2).explanation()).contains("blind spot");
    }

    @Test
    void explanationsNameFoldedAndWithheldGroupsWithoutTheirFigures() {
        List<SkillScore> scores = Scoring.score(List.of(
                r(RaterGroup.MANAGER, Map.of("conflict-resolution", 2, "budgeting", 1)),
                r(RaterGroup.PEER, Map.of("conflict-resolution", 2)),
                r(RaterGroup.PEER, Map.of("conflict-resolution", 3)),
                r(RaterGroup.REPORT, Map.of("budgeting", 5))));
        GapAnalysis.Result result = GapAnalysis.analyse(scores, TEAM_LEAD, FRAMEWORK);
        GapAnalysis.Gap conflict = result.gaps().stream().filter(g -> g.skillId().equals("conflict-resolution")).findFirst().orElseThrow();
        assertThat(conflict.explanation()).contains("manager, peers combined").contains("3 raters");
        GapAnalysis.Gap budgeting = result.gaps().stream().filter(g -> g.skillId().equals("budgeting")).findFirst().orElseThrow();
        assertThat(budgeting.explanation()).contains("direct reports withheld").doesNotContain("5");
    }

    @Test
    void strengthsStartAtLevelFourAndAreNotGaps() {
        List<SkillScore> scores = Scoring.score(List.of(
                r(RaterGroup.MANAGER, Map.of("conflict-resolution", 5, "budgeting", 4))));
        GapAnalysis.Result result = GapAnalysis.analyse(scores, TEAM_LEAD, FRAMEWORK);
        assertThat(result.gaps()).isEmpty();
        assertThat(result.strengths()).extracting(GapAnalysis.Strength::skillId)
                .containsExactly("conflict-resolution", "budgeting");
    }

    @Test
    void commentsFollowTheScoresDisclosure() {
        List<Response> responses = List.of(
                response(RaterGroup.SELF, "I listen well"),
                response(RaterGroup.MANAGER, "Listens, mostly"),
                response(RaterGroup.PEER, "Interrupts in stand-ups"));
        List<RaterLevels> levels = List.of(
                r(RaterGroup.SELF, Map.of("active-listening", 5)),
                r(RaterGroup.MANAGER, Map.of("active-listening", 3)),
                r(RaterGroup.PEER, Map.of("active-listening", 2)));
        List<Assessment.Comments> shown = CommentDisclosure.disclose(responses, Scoring.score(levels));
        assertThat(shown).extracting(Assessment.Comments::group).containsExactly("MANAGER", "SELF");
        assertThat(shown).flatExtracting(Assessment.Comments::texts).doesNotContain("Interrupts in stand-ups");
    }

    private static Response response(RaterGroup group, String comment) {
        return new Response("i-" + group, "rater-" + group, group, Map.of(), List.of(),
                Map.of("active-listening", comment), java.time.Instant.EPOCH);
    }
}
