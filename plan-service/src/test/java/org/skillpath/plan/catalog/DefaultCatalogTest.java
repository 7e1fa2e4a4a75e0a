package org.skillpath.plan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DefaultCatalogTest {

    /** The skills of assessment-service's default framework (soft-skills-default). */
    static final List<String> DEFAULT_SKILLS = List.of("active-listening", "empathy", "clear-expression",
            "self-awareness", "constructive-conflict", "lead-by-example", "take-initiative", "develop-others",
            "collaboration", "critical-thinking", "creativity", "client-relations", "conflict-resolution",
            "adaptability", "networking", "process-management", "project-management", "budgeting",
            "documenting-processes", "cross-team-communication", "organisational-influence");

    private final List<Activity> catalog = DefaultCatalog.load(JsonMapper.builder().build());

    @Test
    void theSeededTextHoldsOnlyLatinLettersAndPunctuation() throws IOException {
        String raw;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DefaultCatalog.RESOURCE)) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).doesNotContain("\u03bf", "\u039f");
        List<String> foreign = raw.codePoints().filter(c -> !latinOrPunctuation(c)).distinct()
                .mapToObj(c -> String.format("U+%04X", c)).toList();
        assertThat(foreign).as("characters outside Latin and ASCII punctuation").isEmpty();
        for (Activity a : catalog) {
            for (String text : new String[] {a.title(), a.description(), a.provider()}) {
                assertThat(text.codePoints().allMatch(DefaultCatalogTest::latinOrPunctuation))
                        .as(a.id() + ": " + text).isTrue();
            }
        }
    }

    @Test
    void everySkillOfTheDefaultFrameworkHasFormalSocialAndExperienceActivities() {
        Map<String, Set<Bucket>> buckets = DEFAULT_SKILLS.stream().collect(Collectors.toMap(s -> s,
                s -> catalog.stream().filter(a -> a.skillIds().contains(s)).map(Activity::bucket)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Bucket.class)))));
        assertThat(buckets).allSatisfy((skill, present) ->
                assertThat(present).as(skill).containsExactlyInAnyOrder(Bucket.values()));
        assertThat(catalog).allSatisfy(a -> assertThat(a.skillIds()).isSubsetOf(DEFAULT_SKILLS));
    }

    @Test
    void theSeedIsConsistent() {
        assertThat(catalog).extracting(Activity::id).doesNotHaveDuplicates();
        assertThat(catalog).allSatisfy(a -> {
            assertThat(a.orgId()).isEqualTo(Activity.SHARED);
            assertThat(a.bucket()).isEqualTo(a.format().bucket());
            assertThat(a.xapiActivityId()).isEqualTo("https://skillpath.dev/activities/" + a.id());
            assertThat(a.hoursPerWeek()).as(a.id() + " fits the default 3 h weekly budget").isLessThanOrEqualTo(3);
            assertThat(a.durationWeeks()).as(a.id() + " fits the default 12-week horizon").isLessThanOrEqualTo(12);
        });
        assertThat(catalog).extracting(Activity::title).contains("Volunteer to lead a project",
                "Mentor a junior colleague", "Document a process end to end", "Own a budget line for a quarter",
                "Present real-life examples in your portfolio", "Ask three colleagues for feedback",
                "Attend an industry event", "Connect with peers online",
                "Consult colleagues on an organisational question", "Communicate directly with another team");
    }

    @Test
    void loadingRefusesLookAlikeCharactersAndBrokenReferences() {
        DefaultCatalog.Entry disguised = new DefaultCatalog.Entry("course", "Listening c\u03bfurse", "Fine text.",
                Format.COURSE, List.of("active-listening"), 1, 3, 2, 1, "Academy", null, List.of("missing"));
        assertThat(DefaultCatalog.check(List.of(disguised))).containsExactly(
                "course: title contains U+03BF, only plain ASCII text is allowed",
                "course: unknown prerequisite missing");
        assertThatThrownBy(() -> Activity.of(null, "*", "t", "d", Format.COURSE, List.of(), 1, 1, 1, 1, null, null,
                null)).isInstanceOf(NullPointerException.class);
    }

    /** ASCII, Latin letters (e.g. accented names) and typographic punctuation such as the right single quote. */
    private static boolean latinOrPunctuation(int c) {
        return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t'
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN
                || Character.UnicodeBlock.of(c) == Character.UnicodeBlock.GENERAL_PUNCTUATION;
    }
}
