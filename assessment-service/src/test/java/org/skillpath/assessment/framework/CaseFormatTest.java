package org.skillpath.assessment.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.web.ApiException;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CaseFormatTest {

    final ObjectMapper json = JsonMapper.builder().build();
    final CaseFormat format = new CaseFormat(json, Validation.buildDefaultValidatorFactory().getValidator());

    SkillFramework seed() throws Exception {
        try (InputStream in = new ClassPathResource("framework/default-framework.json").getInputStream()) {
            return json.readValue(in, SkillFramework.class);
        }
    }

    @Test
    void theDefaultFrameworkHasTheSeedSkillsInCleanText() throws Exception {
        SkillFramework fw = seed();
        assertThat(fw.skills()).extracting(SkillFramework.Skill::id).contains("active-listening", "empathy",
                "clear-expression", "self-awareness", "constructive-conflict", "lead-by-example", "take-initiative",
                "develop-others", "collaboration", "critical-thinking", "creativity", "client-relations",
                "conflict-resolution", "adaptability", "networking", "process-management", "project-management",
                "budgeting", "documenting-processes", "cross-team-communication", "organisational-influence");
        assertThat(fw.scale()).extracting(SkillFramework.ScaleLevel::level).containsExactly(1, 2, 3, 4, 5);
        String all = json.writeValueAsString(fw);
        assertThat(all).doesNotContain("\u03bf").doesNotContain("\u039f");
        fw.skills().forEach(s -> assertThat(s.indicators()).isNotEmpty());
    }

    @Test
    void exportIsACasePackageThatImportsBackToTheSameFramework() throws Exception {
        SkillFramework fw = seed();
        ObjectNode pkg = format.export("acme", new StoredFramework("acme", fw, "seed", Instant.parse("2025-01-01T00:00:00Z")));
        assertThat(pkg.get("CFDocument").get("title").asString()).isEqualTo(fw.name());
        int indicators = fw.skills().stream().mapToInt(s -> s.indicators().size()).sum();
        long categories = fw.skills().stream().map(SkillFramework.Skill::category).distinct().count();
        assertThat(pkg.get("CFItems").size()).isEqualTo((int) (fw.skills().size() + indicators + categories));
        assertThat(pkg.get("CFAssociations").size()).isEqualTo(pkg.get("CFItems").size());
        pkg.get("CFItems").forEach(i -> assertThat(i.get("identifier").asString()).matches("[0-9a-f-]{36}"));
        assertThat(format.export("acme", new StoredFramework("acme", fw, "seed", Instant.parse("2025-01-01T00:00:00Z"))))
                .as("deterministic identifiers").isEqualTo(pkg);

        FrameworkDrafts.FrameworkDraft back = format.read(json.readTree(json.writeValueAsString(pkg)), null);
        assertThat(back.id()).isEqualTo(fw.id());
        assertThat(back.name()).isEqualTo(fw.name());
        assertThat(back.skills()).extracting(FrameworkDrafts.SkillDraft::id)
                .containsExactlyElementsOf(fw.skills().stream().map(SkillFramework.Skill::id).toList());
        assertThat(back.skills().get(0).indicators()).extracting(FrameworkDrafts.IndicatorDraft::text)
                .containsExactlyElementsOf(fw.skills().get(0).indicators().stream().map(SkillFramework.Indicator::text).toList());
        assertThat(back.scale()).extracting(FrameworkDrafts.ScaleLevelDraft::name)
                .containsExactlyElementsOf(fw.scale().stream().map(SkillFramework.ScaleLevel::name).toList());
    }

    @Test
    void greekOmicronsInsideLatinWordsAreNormalisedOnImport() throws Exception {
        ObjectNode pkg = minimal("C\u03bfmmunicati\u03bfn", "Listens t\u03bf others");
        FrameworkDrafts.FrameworkDraft d = format.read(pkg, "comms");
        assertThat(d.name()).isEqualTo("Communication");
        assertThat(d.skills().get(0).indicators().get(0).text()).isEqualTo("Listens to others");
    }

    @Test
    void confusableMixturesAreRefusedNamingTheCaseField() throws Exception {
        ObjectNode pkg = minimal("Communication", "\u0430\u0432\u0435p listening");
        assertThatThrownBy(() -> format.read(pkg, "comms")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("CFItems[1].fullStatement"));
    }

    @Test
    void unknownFieldsAndUnknownItemTypesAreRefused() throws Exception {
        ObjectNode pkg = minimal("Communication", "Listens");
        ((ObjectNode) pkg.get("CFItems").get(0)).put("colour", "blue");
        assertThatThrownBy(() -> format.read(pkg, "comms"))
                .satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("CFItems[0].colour"));
        ObjectNode other = minimal("Communication", "Listens");
        ((ObjectNode) other.get("CFItems").get(0)).put("CFItemType", "Standard");
        assertThatThrownBy(() -> format.read(other, "comms"))
                .satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("CFItems[0].CFItemType"));
        ObjectNode orphan = minimal("Communication", "Listens");
        ((tools.jackson.databind.node.ArrayNode) orphan.get("CFAssociations")).remove(1);
        assertThatThrownBy(() -> format.read(orphan, "comms"))
                .satisfies(e -> assertThat(((ApiException) e).errors().get(0).field()).isEqualTo("CFItems[1]"));
    }

    /** A package with one skill and one indicator. */
    ObjectNode minimal(String title, String indicator) throws Exception {
        String doc = "11111111-1111-1111-1111-111111111111";
        String skill = "22222222-2222-2222-2222-222222222222";
        String ind = "33333333-3333-3333-3333-333333333333";
        JsonNode node = json.readTree("""
                {"CFDocument":{"identifier":"%s","uri":"https://example.com/doc","title":"%s","creator":"HR"},
                 "CFItems":[
                   {"identifier":"%s","CFItemType":"Skill","humanCodingScheme":"listening","fullStatement":"Listening","abbreviatedStatement":"Listening"},
                   {"identifier":"%s","CFItemType":"Behavioural indicator","humanCodingScheme":"listening-1","fullStatement":"%s"}],
                 "CFAssociations":[
                   {"identifier":"44444444-4444-4444-4444-444444444444","associationType":"isChildOf",
                    "originNodeURI":{"identifier":"%s","title":"Listening","uri":"x"},"destinationNodeURI":{"identifier":"%s","title":"doc","uri":"y"}},
                   {"identifier":"55555555-5555-5555-5555-555555555555","associationType":"isChildOf",
                    "originNodeURI":{"identifier":"%s","title":"i","uri":"x"},"destinationNodeURI":{"identifier":"%s","title":"Listening","uri":"y"}}]}
                """.formatted(doc, title, skill, ind, indicator, skill, doc, ind, skill));
        return (ObjectNode) node;
    }
}
