package org.skillpath.plan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MentorMatcherTest {

    /** dana → bob → alice → intern; carol and erin report to dana; frank to erin. */
    static final Map<String, String> MANAGER_OF = Map.of("bob", "dana", "alice", "bob", "intern", "alice",
            "carol", "dana", "erin", "dana", "frank", "erin");

    @Test
    void theReportingLineIsExcludedAtEveryLevelAndSoIsTheMentee() {
        List<MentorCandidate> optedIn = List.of(strong("alice"), strong("bob"), strong("dana"), strong("intern"),
                strong("carol"), strong("frank"));
        assertThat(MentorMatcher.eligible("alice", MANAGER_OF, optedIn)).extracting(MentorCandidate::personId)
                .as("not herself, not her manager or skip-level manager, not her report")
                .containsExactly("carol", "frank");
    }

    @Test
    void aCycleInTheDirectoryDoesNotHang() {
        Map<String, String> cycle = Map.of("a", "b", "b", "a");
        assertThat(MentorMatcher.eligible("a", cycle, List.of(strong("b"), strong("c"))))
                .extracting(MentorCandidate::personId).containsExactly("c");
    }

    @Test
    void theStrongestWinsThenTheOneWithMostRoomThenTheSmallestId() {
        MentorCandidate carol = new MentorCandidate("carol", "Carol", Map.of("conflict-resolution", 4.5), 1);
        MentorCandidate erin = new MentorCandidate("erin", "Erin", Map.of("conflict-resolution", 4.8), 1);
        MentorCandidate frank = new MentorCandidate("frank", "Frank", Map.of("conflict-resolution", 4.8), 3);
        MentorCandidate gina = new MentorCandidate("gina", "Gina", Map.of("conflict-resolution", 4.8), 3);

        assertThat(MentorMatcher.best("conflict-resolution", List.of(carol, erin)).orElseThrow().mentorId())
                .isEqualTo("erin");
        assertThat(MentorMatcher.best("conflict-resolution", List.of(gina, carol, erin, frank)).orElseThrow())
                .isEqualTo(new MentorMatch("conflict-resolution", "frank", "Frank", 4.8, 3));
    }

    @Test
    void nobodyFitsWithoutLevelFourOrWithoutRoom() {
        MentorCandidate almost = new MentorCandidate("carol", "Carol", Map.of("budgeting", 3.9), 2);
        MentorCandidate full = new MentorCandidate("erin", "Erin", Map.of("budgeting", 5.0), 0);
        assertThat(MentorMatcher.best("budgeting", List.of(almost, full))).isEmpty();
        assertThat(MentorMatcher.best("networking", List.of(almost, full))).isEmpty();
        assertThat(MentorMatcher.best("budgeting",
                List.of(new MentorCandidate("x", "X", Map.of("budgeting", 4.0), 1)))).isPresent();
    }

    private static MentorCandidate strong(String id) {
        return new MentorCandidate(id, id, Map.of("conflict-resolution", 4.5), 2);
    }
}
