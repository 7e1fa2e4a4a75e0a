package org.skillpath.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Contract checks: a payload a service produces or consumes must validate against the JSON Schema of its
 * event type under {@code contracts/schemas/}, the source of truth.
 */
public final class ContractSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractSchemas() {
    }

    /** @param eventType the CloudEvents type with or without the {@code org.skillpath.} prefix */
    public static Set<ValidationMessage> validate(String eventType, String json) {
        String name = eventType.startsWith("org.skillpath.") ? eventType.substring("org.skillpath.".length()) : eventType;
        String resource = "contracts/schemas/" + name + ".json";
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("schema " + resource + " exists").isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
            return schema.validate(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void assertValid(String eventType, String json) {
        assertThat(validate(eventType, json)).as("payload of " + eventType + " against its contract: " + json).isEmpty();
    }
}
