package org.skillpath.progress.xapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Statement comparison (xAPI Data 2.3.1): what may differ between two copies of one statement, and what may not. */
class StatementComparisonTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String BASE = XapiStatements.statement("2a41c918-b88b-4220-20a5-a4c32391a240",
            "https://lms.example.com", "alice", XapiStatements.COMPLETED, "https://lms.example.com/activities/c1");

    @Test
    void propertyOrderAndWhatTheLrsAssignsDoNotMatter() {
        String reordered = """
                {"timestamp":"2026-03-04T12:15:00+02:00","verb":{"display":{"de-DE":"abgeschlossen"},
                   "id":"http://adlnet.gov/expapi/verbs/completed"},
                 "context":{"language":"en-US","platform":"Example LMS","registration":"EC531277-B57B-4C15-8D91-D292C5B2B8F7"},
                 "object":{"id":"https://lms.example.com/activities/c1","objectType":"Activity",
                   "definition":{"name":{"en-US":"A renamed course"}}},
                 "result":{"score":{"scaled":0.85},"duration":"PT1H30M","success":true,"completion":true},
                 "actor":{"name":"Alice Specialist","account":{"name":"alice","homePage":"https://lms.example.com"},
                   "objectType":"Agent"},
                 "stored":"2026-03-04T10:16:00Z","version":"1.0.0","authority":{"mbox":"mailto:lrs@example.com"}}""";
        assertThat(hash(reordered)).isEqualTo(hash(BASE));
    }

    @Test
    void anyOtherDifferenceMatters() {
        assertThat(hash(BASE.replace("\"success\":true", "\"success\":false"))).isNotEqualTo(hash(BASE));
        assertThat(hash(BASE.replace("\"name\":\"alice\"", "\"name\":\"bob\""))).isNotEqualTo(hash(BASE));
        assertThat(hash(BASE.replace("activities/c1", "activities/c2"))).isNotEqualTo(hash(BASE));
        assertThat(hash(BASE.replace("PT1H30M", "PT90M"))).as("a duration compares as a string").isNotEqualTo(hash(BASE));
    }

    @Test
    void aGroupsMembersAreUnordered() {
        String group = """
                {"actor":{"objectType":"Group","member":[%s,%s]},"verb":{"id":"http://adlnet.gov/expapi/verbs/attended"},
                 "object":{"id":"https://example.com/w"}}""";
        String a = "{\"mbox\":\"mailto:a@example.com\"}";
        String b = "{\"mbox\":\"mailto:b@example.com\"}";
        assertThat(hash(group.formatted(a, b))).isEqualTo(hash(group.formatted(b, a)));
    }

    private static String hash(String json) {
        return StatementComparison.hash(JSON.readTree(json));
    }
}
