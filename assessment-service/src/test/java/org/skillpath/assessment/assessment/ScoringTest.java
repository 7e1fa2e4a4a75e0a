package org.skillpath.assessment.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

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

    @Test
    void selfStandsBesideOthersAndIsNeverAveragedIn() {
        List<SkillScore> scores = Scoring.score(List.of(
                new Rating("alice", RaterGroup.SELF, Map.of("active-listening", 5)),
                new Rating("bob", RaterGroup.MANAGER, Map.of("active-listening", 3))));
        SkillScore s = scores.get(0);
        assertThat(s.self()).isEqualTo(5.0);
        assertThat(s.others()).isEqualTo(3.0);
        assertThat(s.blindSpot()).isTrue();
    }

    @Test
    void othersWeighsGroupsRenormalisedOverThoseThatAnswered() {
        List<SkillScore> scores = Scoring.score(List.of(
                new Rating("bob", RaterGroup.MANAGER, Map.of("budgeting", 2)),
                new Rating("p1", RaterGroup.PEER, Map.of("budgeting", 4)),
                new Rating("p2", RaterGroup.PEER, Map.of("budgeting", 4))));
        // (2 x 0.5 + 4 x 0.3) / 0.8 = 2.75
        assertThat(scores.get(0).others()).isEqualTo(2.75);
        assertThat(scores.get(0).otherRaters()).isEqualTo(3);
    }

    @Test
    void permutingRatersChangesNothing() {
        List<Rating> ratings = new ArrayList<>(List.of(
                new Rating("alice", RaterGroup.SELF, Map.of("budgeting", 4, "conflict-resolution", 3)),
                new Rating("bob", RaterGroup.MANAGER, Map.of("budgeting", 2, "conflict-resolution", 2)),
                new Rating("p1", RaterGroup.PEER, Map.of("budgeting", 3, "conflict-resolution", 1)),
                new Rating("p2", RaterGroup.PEER, Map.of("budgeting", 5)),
                new Rating("r1", RaterGroup.REPORT, Map.of("conflict-resolution", 4))));
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
                new Rating("alice", RaterGroup.SELF, Map.of("conflict-resolution", 2, "budgeting", 2, "active-listening", 5)),
                new Rating("bob", RaterGroup.MANAGER, Map.of("conflict-resolution", 2, "budgeting", 2, "active-listening", 3))));
        GapAnalysis.Result result = GapAnalysis.analyse(scores, TEAM_LEAD, FRAMEWORK);
        assertThat(result.gaps()).extracting(GapAnalysis.Gap::skillId)
                .containsExactly("conflict-resolution", "budgeting", "active-listening");
        GapAnalysis.Gap top = result.gaps().get(0);
        assertThat(top.gap()).isEqualTo(2.0);
        assertThat(top.priority()).isEqualTo(2.0 * 1.5 * top.confidence());
        assertThat(top.explanation()).contains("Conflict resolution is 2 levels below the Team lead target of 4")
                .contains("manager").contains("1 rater");
        assertThat(result.gaps().get(2).explanation()).contains("blind spot");
    }

    @Test
    void strengthsStartAtLevelFourAndAreNotGaps() {
        List<SkillScore> scores = Scoring.score(List.of(
                new Rating("bob", RaterGroup.MANAGER, Map.of("conflict-resolution", 5, "budgeting", 4))));
        GapAnalysis.Result result = GapAnalysis.analyse(scores, TEAM_LEAD, FRAMEWORK);
        assertThat(result.gaps()).isEmpty();
        assertThat(result.strengths()).extracting(GapAnalysis.Strength::skillId)
                .containsExactly("conflict-resolution", "budgeting");
    }
}
