package org.skillpath.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo organisation, loaded once through the public API on first start: a manager, his team, and a
 * mentor from another team. The framework, role profiles and catalog are seeded by the services themselves.
 */
final class DemoData {

    static final String ORG = "demo";

    record DemoPerson(String key, String userName, String displayName, String managerKey, String department,
                      boolean mentor) {
    }

    static final DemoPerson[] PEOPLE = {
            new DemoPerson("dana", "dana.director", "Dana Director", null, "Management", false),
            new DemoPerson("bob", "bob.manager", "Bob Manager", "dana", "Delivery", false),
            new DemoPerson("alice", "alice.specialist", "Alice Specialist", "bob", "Delivery", false),
            new DemoPerson("dave", "dave.developer", "Dave Developer", "bob", "Delivery", false),
            new DemoPerson("erin", "erin.engineer", "Erin Engineer", "bob", "Delivery", false),
            new DemoPerson("carol", "carol.coach", "Carol Coach", "dana", "People Operations", true),
    };

    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final String assessmentBase;

    DemoData(HttpClient http, int assessmentPort) {
        this.http = http;
        this.assessmentBase = "http://127.0.0.1:" + assessmentPort;
    }

    /** Seeds on first start only; the ids are kept in {@code demo-people.json} for later starts. */
    Map<String, String> ensureSeeded(Path dataDir) throws IOException, InterruptedException {
        Path file = dataDir.resolve("demo-people.json");
        if (Files.exists(file)) {
            Map<String, String> ids = new LinkedHashMap<>();
            json.readTree(file.toFile()).properties().forEach(e -> ids.put(e.getKey(), e.getValue().asString()));
            return ids;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (DemoPerson p : PEOPLE) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userName", p.userName());
            body.put("displayName", p.displayName());
            body.put("email", p.userName() + "@demo.skillpath.local");
            body.put("department", p.department());
            body.put("timeZone", "Europe/Berlin");
            body.put("mentorOptIn", p.mentor());
            if (p.managerKey() != null) {
                body.put("managerId", ids.get(p.managerKey()));
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(assessmentBase + "/api/people"))
                            .header("Content-Type", "application/json").header("X-Org-Id", ORG)
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("seeding " + p.userName() + " failed: " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode created = json.readTree(response.body());
            ids.put(p.key(), created.get("personId").asString());
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), ids);
        return ids;
    }
}
