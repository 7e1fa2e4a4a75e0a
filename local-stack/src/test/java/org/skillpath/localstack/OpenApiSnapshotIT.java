package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skillpath.localstack.RunningSystem.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each service's OpenAPI document, as it serves it at /v3/api-docs, against the snapshot committed under
 * docs/openapi/: an API change is a visible, reviewed change of that file. After an intended change, refresh
 * the snapshots with {@code -Dskillpath.openapi.update=true} and commit them.
 */
class OpenApiSnapshotIT {

    static RunningSystem system;
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
    }

    @Test
    void everyServicesOpenApiDocumentMatchesItsCommittedSnapshot() throws Exception {
        boolean update = Boolean.getBoolean("skillpath.openapi.update");
        for (Service s : Service.values()) {
            JsonNode live = JSON.readTree(system.getPublic(s, "/v3/api-docs").body());
            ((ObjectNode) live).remove("servers"); // the port differs per run
            String text = JSON.writeValueAsString(JSON.treeToValue(live, Object.class)) + "\n";
            Path snapshot = Path.of("..", "docs", "openapi", s.name + ".json");
            if (update) {
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, text);
            }
            assertThat(snapshot).as("snapshot of " + s.name + " (create it with -Dskillpath.openapi.update=true)").exists();
            assertThat(text).as(s.name + " /v3/api-docs against " + snapshot
                    + "; after an intended API change run with -Dskillpath.openapi.update=true and commit the file")
                    .isEqualTo(Files.readString(snapshot));
        }
    }
}
