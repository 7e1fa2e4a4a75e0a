package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skillpath.localstack.RunningSystem.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input never breaks a service. Every operation of every service, read from its own OpenAPI document (so
 * new endpoints are covered without touching this test), gets generated bad input: random and mutated bodies,
 * wrong types, missing and extra fields, huge strings, broken and confusable Unicode, bad ids, bad paging,
 * missing or malformed tenant headers and content types. Every answer must be a 4xx with problem details
 * (SCIM endpoints: a SCIM error), never a 5xx; no request with a bad body may change anything (no 2xx on a
 * write). The inputs tried per operation are written to target/reliability/api-fuzz.json.
 */
class ApiFuzzIT {

    static final int PER_OPERATION = Integer.getInteger("skillpath.fuzz.per-operation", 40);
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String ORG = "fuzz-" + UUID.randomUUID().toString().substring(0, 6);
    static RunningSystem system;

    static final String[] BAD_IDS = {"", " ", "does-not-exist", UUID.randomUUID().toString(), "-1", "0", "null",
            "..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%8B", "B\u03BFb", "x".repeat(3000), "'; db.dropDatabase(); '",
            "{\"$ne\":null}", "%F0%9F%98%80"};
    static final String[] BAD_SCALARS = {"-1", "-2147483649", "99999999999999999999", "abc", "", " ", "1.5", "NaN",
            "true", "\u03BF", "x".repeat(5000), "%00", "2026-13-45", "null", "[]"};
    static final String[] BAD_STRINGS = {"", " ", "\u0000", "\u0007bell", "\uD800", "in\u200Bvisible",
            "\u0430\u0432\u0435p", "x".repeat(20_000), "<script>alert(1)</script>", "B\u03BFb\u0301\u0301\u0301",
            "\u202Eevil", "line\nbreak"};

    /** Forged or broken bearer tokens; "alg": "none" must never pass. */
    static final String[] BAD_TOKENS = {"x", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwib3JnIjoiZnV6eiJ9.",
            "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl"};
    static String EVERY_ROLE;
    static String EVERY_SCOPE;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
        EVERY_ROLE = system.person(ORG, UUID.randomUUID().toString(), "EMPLOYEE", "MANAGER", "LD_ADMIN");
        EVERY_SCOPE = system.issuer.demoTokens().mintClient("fuzz-client", ORG, java.util.Set.of("people:write",
                "people:read", "catalog:write", "xapi:write", "frameworks:write", "ops:admin"), Duration.ofHours(1));
    }

    record Operation(Service service, String method, String path, JsonNode spec) {
    }

    @Test
    void generatedBadInputGetsProblemDetailsNeverAServerErrorAndChangesNothing() throws Exception {
        Random random = new Random(20261121L);
        List<Operation> operations = operations();
        assertThat(operations).as("operations found in the OpenAPI documents").hasSizeGreaterThanOrEqualTo(10);
        Map<String, Integer> tried = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        for (Operation op : operations) {
            for (int i = 0; i < PER_OPERATION; i++) {
                HttpRequest request = generate(op, random);
                HttpResponse<String> response = system.http.send(request, HttpResponse.BodyHandlers.ofString());
                tried.merge(op.service().name + " " + op.method() + " " + op.path(), 1, Integer::sum);
                String finding = judge(op, request, response);
                if (finding != null && findings.size() < 50) {
                    findings.add(finding);
                }
            }
        }
        Path out = Path.of("target", "reliability", "api-fuzz.json");
        Files.createDirectories(out.getParent());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("operations", tried.size());
        report.put("inputs", tried.values().stream().mapToInt(Integer::intValue).sum());
        report.put("findings", findings.size());
        report.put("perOperation", tried);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        assertThat(findings).as("bad input that was not refused with a 4xx problem").isEmpty();
        assertNothingStored();
    }

    private String judge(Operation op, HttpRequest request, HttpResponse<String> response) {
        int status = response.statusCode();
        String where = op.service().name + " " + request.method() + " " + request.uri() + " -> " + status;
        if (status >= 500) {
            return where + ": server error " + abbreviate(response.body());
        }
        boolean write = !op.method().equals("GET");
        if (status < 400) {
            return write ? where + ": a write with bad input was accepted" : null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        boolean scim = op.path().startsWith("/scim/");
        if (!(type.contains("application/problem+json") || (scim && type.contains("scim+json")))) {
            return where + ": refusal without problem details (" + type + ") " + abbreviate(response.body());
        }
        return null;
    }

    /** The fuzz organisation must still be empty: nothing was created by any refused request. */
    private void assertNothingStored() throws Exception {
        HttpResponse<String> people = system.get(Service.ASSESSMENT, "/api/people", EVERY_ROLE);
        assertThat(people.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(people.body()).get("totalItems").asLong()).as("people in the fuzz organisation").isZero();
    }

    private HttpRequest generate(Operation op, Random random) {
        String path = op.path();
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode p : op.spec().path("parameters")) {
            String name = p.path("name").asString();
            String in = p.path("in").asString();
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", BAD_IDS[random.nextInt(BAD_IDS.length)]);
            } else if (in.equals("query") && random.nextInt(3) > 0) {
                query.put(name, BAD_SCALARS[random.nextInt(BAD_SCALARS.length)]);
            }
        }
        if (random.nextInt(4) == 0) {
            query.put("page", BAD_SCALARS[random.nextInt(BAD_SCALARS.length)]);
            query.put("size", random.nextBoolean() ? "100000" : "0");
        }
        StringBuilder uri = new StringBuilder(system.baseUrl(op.service())).append(encodePath(path));
        String sep = "?";
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri.append(sep).append(q.getKey()).append('=').append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30));
        // Mostly the most privileged callers there are, so that bad input reaches the validation behind the
        // access rules; sometimes no token or a forged one.
        int caller = random.nextInt(10);
        if (caller < 5) {
            builder.header("Authorization", "Bearer " + EVERY_ROLE);
        } else if (caller < 8) {
            builder.header("Authorization", "Bearer " + EVERY_SCOPE);
        } else if (caller == 8) {
            builder.header("Authorization", "Bearer " + BAD_TOKENS[random.nextInt(BAD_TOKENS.length)]);
        }
        if (op.path().startsWith("/xapi/") && random.nextBoolean()) {
            builder.header("X-Experience-API-Version", random.nextBoolean() ? "1.0.3" : "9.9");
        }
        boolean hasBody = !op.method().equals("GET") && !op.method().equals("DELETE");
        if (hasBody) {
            String contentType = switch (random.nextInt(8)) {
                case 0 -> "text/plain";
                case 1 -> "application/xml";
                default -> op.path().startsWith("/scim/") ? "application/scim+json" : "application/json";
            };
            builder.header("Content-Type", contentType);
            builder.method(op.method(), HttpRequest.BodyPublishers.ofString(body(op, random)));
        } else {
            builder.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** A body that is wrong: malformed, of the wrong type, with wrong field types, unknown fields or bad strings. */
    private String body(Operation op, Random random) {
        ObjectNode shaped = shapedFromSchema(op, random);
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "{\"unterminated\": ";
            case 2 -> random.nextBoolean() ? "[]" : "null";
            case 3 -> "\"just a string\"";
            case 4 -> "{\"" + "k".repeat(10) + "\":\"" + "v".repeat(400_000) + "\"}";
            case 5 -> {
                shaped.put("unexpectedField" + random.nextInt(100), "surprise");
                yield shaped.toString();
            }
            case 6 -> {
                Iterator<String> names = shaped.propertyNames().iterator();
                if (names.hasNext()) {
                    shaped.remove(names.next());
                }
                yield shaped.toString();
            }
            default -> shaped.toString();
        };
    }

    /** An object with the schema's field names, every value of a wrong type or a bad string. */
    private ObjectNode shapedFromSchema(Operation op, Random random) {
        ObjectNode node = JSON.createObjectNode();
        JsonNode content = op.spec().path("requestBody").path("content");
        JsonNode schema = resolve(op.service(), content.valueStream().findFirst().map(c -> c.path("schema"))
                .orElse(JSON.missingNode()));
        for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
            switch (random.nextInt(5)) {
                case 0 -> node.put(field.getKey(), BAD_STRINGS[random.nextInt(BAD_STRINGS.length)]);
                case 1 -> node.put(field.getKey(), random.nextInt(2) == 0 ? -99999 : Integer.MAX_VALUE);
                case 2 -> node.putArray(field.getKey()).add(JSON.createObjectNode().put("x", BAD_STRINGS[random.nextInt(BAD_STRINGS.length)]));
                case 3 -> node.putNull(field.getKey());
                default -> node.putObject(field.getKey()).put("nested", true);
            }
        }
        return node;
    }

    private final Map<Service, JsonNode> docs = new LinkedHashMap<>();

    private JsonNode resolve(Service service, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return docs.get(service).path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private List<Operation> operations() throws Exception {
        List<Operation> out = new ArrayList<>();
        for (Service s : Service.values()) {
            HttpResponse<String> response = system.getPublic(s, "/v3/api-docs");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode doc = JSON.readTree(response.body());
            docs.put(s, doc);
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                    String m = method.getKey().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                        out.add(new Operation(s, m, path.getKey(), method.getValue()));
                    }
                }
            }
        }
        return out;
    }

    private static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (b.length() > 0 || path.startsWith("/")) {
                b.append('/');
            }
            b.append(segment.contains("%") ? segment : URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString().replaceFirst("^//", "/");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
