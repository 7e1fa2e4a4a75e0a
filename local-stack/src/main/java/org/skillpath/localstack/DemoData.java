package org.skillpath.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.skillpath.issuer.DemoTokens;
import org.skillpath.issuer.PeopleDirectory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo organisation, loaded through the public API on first start (as the HR integration client would):
 * a director, a manager and his team, a mentor from another team, an L&D admin. Then the token issuer learns
 * who they are (their person ids, password {@value #PASSWORD}), and ready-made tokens are written for the
 * README's curl walkthrough; Dave and Erin get a first assessment (and so a plan) for the dashboard. The
 * framework, role profiles and catalog are seeded by the services themselves.
 */
final class DemoData {

    static final String ORG = "demo";
    static final String PASSWORD = "skillpath";
    static final Duration DEMO_TOKEN_TTL = Duration.ofHours(12);

    record DemoPerson(String key, String userName, String displayName, String managerKey, String department,
                      boolean mentor, List<String> roles) {
    }

    static final DemoPerson[] PEOPLE = {
            new DemoPerson("dana", "dana.director", "Dana Director", null, "Management", false,
                    List.of("EMPLOYEE", "MANAGER")),
            new DemoPerson("bob", "bob.manager", "Bob Manager", "dana", "Delivery", false, List.of("EMPLOYEE", "MANAGER")),
            new DemoPerson("alice", "alice.specialist", "Alice Specialist", "bob", "Delivery", false, List.of("EMPLOYEE")),
            new DemoPerson("dave", "dave.developer", "Dave Developer", "bob", "Delivery", false, List.of("EMPLOYEE")),
            new DemoPerson("erin", "erin.engineer", "Erin Engineer", "bob", "Delivery", false, List.of("EMPLOYEE")),
            new DemoPerson("carol", "carol.coach", "Carol Coach", "dana", "People Operations", true, List.of("EMPLOYEE")),
            new DemoPerson("lee", "lee.learning", "Lee Learning", "dana", "People Operations", false,
                    List.of("EMPLOYEE", "LD_ADMIN")),
    };

    /** The integration clients whose tokens the walkthrough uses, by the variable that holds them. */
    private static final Map<String, String> CLIENT_TOKENS = Map.of(
            "HR_TOKEN", "demo-hr", "LMS_TOKEN", "demo-lms", "ADMIN_TOOL_TOKEN", "demo-admin-tool", "OPS_TOKEN", "demo-ops");

    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final String assessmentBase;
    private final DemoTokens tokens;

    DemoData(HttpClient http, int assessmentPort, DemoTokens tokens) {
        this.http = http;
        this.assessmentBase = "http://127.0.0.1:" + assessmentPort;
        this.tokens = tokens;
    }

    /**
     * Creates the demo people missing so far (all on first start; a newer launcher's additions later), keeping
     * their ids in {@code demo-people.json}; then tells the issuer and writes {@code demo-tokens.env}.
     */
    Map<String, String> ensureSeeded(Path dataDir, Path issuerDirectory) throws IOException, InterruptedException {
        Path file = dataDir.resolve("demo-people.json");
        Map<String, String> ids = new LinkedHashMap<>();
        if (Files.exists(file)) {
            json.readTree(file.toFile()).properties().forEach(e -> ids.put(e.getKey(), e.getValue().asString()));
        }
        String hr = tokens.mintClient("demo-hr", Duration.ofMinutes(10));
        boolean firstStart = ids.isEmpty();
        for (DemoPerson p : PEOPLE) {
            if (!ids.containsKey(p.key())) {
                ids.put(p.key(), create(p, ids, hr));
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), ids);

        List<PeopleDirectory.Person> directory = new ArrayList<>();
        for (DemoPerson p : PEOPLE) {
            directory.add(new PeopleDirectory.Person(p.userName(), PASSWORD, ids.get(p.key()), ORG, p.roles(),
                    p.displayName()));
        }
        PeopleDirectory.write(issuerDirectory, directory);
        if (firstStart) {
            assess(ids);
        }
        writeTokens(dataDir.resolve("demo-tokens.env"), ids);
        return ids;
    }

    private String create(DemoPerson p, Map<String, String> ids, String token) throws IOException, InterruptedException {
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
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("seeding " + p.userName() + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        JsonNode created = json.readTree(response.body());
        return created.get("personId").asString();
    }

    /**
     * Dave and Erin are assessed on first start (self and manager ratings against the team-lead profile, through
     * the L&D admin's quick path), so the dashboard shows plans, gaps and a heat map at once. Alice is left for the
     * README's walkthrough.
     */
    private void assess(Map<String, String> ids) throws IOException, InterruptedException {
        String admin = tokens.mint("lee.learning", Duration.ofMinutes(10));
        Map<String, String> selfAndManager = new LinkedHashMap<>();
        selfAndManager.put("dave", "{\"conflict-resolution\":2,\"budgeting\":1,\"active-listening\":3}|"
                + "{\"conflict-resolution\":2,\"budgeting\":1,\"active-listening\":3}");
        selfAndManager.put("erin", "{\"conflict-resolution\":4,\"budgeting\":3,\"active-listening\":2}|"
                + "{\"conflict-resolution\":3,\"budgeting\":3,\"active-listening\":2}");
        for (Map.Entry<String, String> e : selfAndManager.entrySet()) {
            String[] scores = e.getValue().split("\\|");
            String person = ids.get(e.getKey());
            String body = "{\"personId\":\"" + person + "\",\"roleProfileId\":\"team-lead\",\"ratings\":["
                    + "{\"raterId\":\"" + person + "\",\"group\":\"SELF\",\"scores\":" + scores[0] + "},"
                    + "{\"raterId\":\"" + ids.get("bob") + "\",\"group\":\"MANAGER\",\"scores\":" + scores[1] + "}]}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(assessmentBase + "/api/assessments"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("assessing " + e.getKey() + " failed: " + response.statusCode() + " "
                        + response.body());
            }
        }
    }

    /** {@code source .skillpath/demo-tokens.env}: $BOB_TOKEN, $ALICE (her person id), $HR_TOKEN, … */
    private void writeTokens(Path file, Map<String, String> ids) throws IOException {
        StringBuilder out = new StringBuilder("# Demo tokens from the local issuer, valid ")
                .append(DEMO_TOKEN_TTL.toHours()).append(" h; rewritten at every start.\n");
        for (DemoPerson p : PEOPLE) {
            String name = p.key().toUpperCase(Locale.ROOT);
            out.append("export ").append(name).append('=').append(ids.get(p.key())).append('\n');
            out.append("export ").append(name).append("_TOKEN=").append(tokens.mint(p.userName(), DEMO_TOKEN_TTL)).append('\n');
        }
        for (Map.Entry<String, String> c : new java.util.TreeMap<>(CLIENT_TOKENS).entrySet()) {
            out.append("export ").append(c.getKey()).append('=').append(tokens.mintClient(c.getValue(), DEMO_TOKEN_TTL))
                    .append('\n');
        }
        Files.writeString(file, out.toString());
    }
}
