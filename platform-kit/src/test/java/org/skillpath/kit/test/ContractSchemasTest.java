package org.skillpath.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ContractSchemasTest {

    @Test
    void refusesAPayloadThatBreaksTheContract() {
        assertThat(ContractSchemas.validate("nudge.sent", "{\"nudgeId\":\"n\"}")).isNotEmpty();
        assertThat(ContractSchemas.validate("org.skillpath.nudge.sent", """
                {"nudgeId":"n","personId":"p","orgId":"o","kind":"PLAN_READY","causeEventId":"e",
                 "sentAt":"2026-11-21T10:00:00Z","channel":"EMAIL"}""")).isEmpty();
        assertThat(ContractSchemas.validate("nudge.sent", """
                {"nudgeId":"n","personId":"p","orgId":"o","kind":"PLAN_READY","causeEventId":"e",
                 "sentAt":"yesterday","channel":"EMAIL"}""")).as("format assertions are on").isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAsyncApiDocumentNamesEverySchemaAndEveryMessageHasOne() throws Exception {
        Map<String, Object> doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/asyncapi.yaml")) {
            doc = new Yaml().load(in);
        }
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("messages");
        Set<String> referenced = new TreeSet<>();
        messages.forEach((id, m) -> {
            Map<String, Object> message = (Map<String, Object>) m;
            String ref = (String) ((Map<String, Object>) message.get("payload")).get("$ref");
            assertThat(ref).startsWith("schemas/");
            assertThat(message.get("name")).isEqualTo("org.skillpath." + ref.substring("schemas/".length(), ref.length() - 5));
            referenced.add(ref.substring("schemas/".length()));
        });
        Path schemas = Path.of("..", "contracts", "schemas"); // the source folder: packaged schemas sit in a jar
        try (Stream<Path> files = Files.list(schemas)) {
            Set<String> present = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(present).isEqualTo(referenced);
        }
    }
}
