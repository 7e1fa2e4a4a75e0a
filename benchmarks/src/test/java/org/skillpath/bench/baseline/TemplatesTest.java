package org.skillpath.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TemplatesTest {

    final ObjectMapper json = JsonMapper.builder().build();
    final Templates templates = new Templates(Map.of(Templates.PERSON, "old-person", Templates.PLAN, "old-plan"),
            "{}", "{}", "{}", "{}", "s", "f", "Hello old-person", null);

    @Test
    void replacesTheCalibrationIdsAtAnyDepthAndLeavesOtherValues() {
        ObjectNode template = (ObjectNode) json.readTree("""
                {"planId":"old-plan","personId":"old-person","title":"old-person's plan",
                 "steps":[{"owner":"old-person","n":1}],"tags":["old-plan","x"]}""");
        Map<String, String> subs = templates.substitutions(Map.of(Templates.PERSON, "new-person", Templates.PLAN, "new-plan"));

        ObjectNode filled = Templates.fill(template, subs);

        assertThat(filled.toString()).isEqualTo("""
                {"planId":"new-plan","personId":"new-person","title":"old-person's plan",\
                "steps":[{"owner":"new-person","n":1}],"tags":["new-plan","x"]}""");
        assertThat(template.get("planId").asString()).isEqualTo("old-plan");
        assertThat(Templates.fillText(templates.mailText(), subs)).isEqualTo("Hello new-person");
    }
}
