package org.skillpath.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.skillpath.infra.ServiceProcess;
import org.skillpath.issuer.DemoTokens;
import org.skillpath.issuer.PeopleDirectory;
import tools.jackson.databind.ObjectMapper;

/** The real pipeline: assessments posted over HTTP to assessment-service, through the four service processes. */
final class SystemArm implements Arm {

    static final Topics TOPICS = new Topics("skillpath.assessment.v1", "skillpath.plan.v1", "skillpath.notification.v1");
    static final String PEOPLE_TOPIC = "skillpath.people.v1";
    /** People per manager: a large team, not a pathological one. */
    static final int TEAM_SIZE = 100;

    private final Map<String, ServiceProcess> services;
    private final KafkaLag kafka;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DemoTokens tokens;
    private String org;
    private String hrToken;
    private String adminToken;

    SystemArm(Map<String, ServiceProcess> services, KafkaLag kafka, ObjectMapper json, DemoTokens tokens) {
        this.services = services;
        this.kafka = kafka;
        this.json = json;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return "system";
    }

    @Override
    public Topics topics() {
        return TOPICS;
    }

    @Override
    public List<KafkaLag.Group> lagGroups() {
        return List.of(new KafkaLag.Group("plan-service", TOPICS.assessment()),
                new KafkaLag.Group("progress-service", TOPICS.assessment()),
                new KafkaLag.Group("notification-service", TOPICS.assessment()),
                new KafkaLag.Group("progress-service", TOPICS.plan()),
                new KafkaLag.Group("notification-service", TOPICS.plan()));
    }

    @Override
    public List<Flight> prepare(String runId, int count, int warmupCount) throws Exception {
        org = runId;
        // The run's organisation: its HR client provisions the people, an L&D admin records the assessments,
        // each with a real token from the local issuer that the services verify as in production.
        hrToken = tokens.mintClient("bench-hr", org, Set.of("people:write", "people:read"), Duration.ofHours(6));
        adminToken = tokens.mintPerson(new PeopleDirectory.Person("bench-admin", null, "bench-admin-" + org, org,
                List.of("EMPLOYEE", "LD_ADMIN"), null), Duration.ofHours(6));
        long peopleBefore = kafka.endOffsetSum(PEOPLE_TOPIC);
        int teams = (count + TEAM_SIZE - 1) / TEAM_SIZE;
        List<String> managers = createPeople(teams, i -> "m" + i, i -> null);
        List<String> people = createPeople(count, i -> "p" + i, i -> managers.get(i / TEAM_SIZE));
        List<Flight> flights = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            flights.add(new Flight(i, people.get(i), managers.get(i / TEAM_SIZE), email("p" + i), display("p" + i),
                    i < warmupCount));
        }
        // Every consumer must know the people before their assessments arrive (the mail needs the address).
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (kafka.endOffsetSum(PEOPLE_TOPIC) < peopleBefore + teams + count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("person.upserted events did not all reach the people topic");
            }
            Thread.sleep(200);
        }
        List<KafkaLag.Group> peopleConsumers = List.of(new KafkaLag.Group("plan-service", PEOPLE_TOPIC),
                new KafkaLag.Group("progress-service", PEOPLE_TOPIC), new KafkaLag.Group("notification-service", PEOPLE_TOPIC));
        if (!kafka.awaitNoLag(peopleConsumers, Duration.ofMinutes(5))) {
            throw new IllegalStateException("the services did not consume the people in 5 minutes");
        }
        return flights;
    }

    /** Creates people over HTTP, 16 requests in flight at most; returns their ids in order. */
    private List<String> createPeople(int n, java.util.function.IntFunction<String> userName,
                                      java.util.function.IntFunction<String> managerId) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<String>> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = userName.apply(i);
            String manager = managerId.apply(i);
            String body = "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s\"%s}".formatted(name, display(name),
                    email(name), manager == null ? "" : ",\"managerId\":\"" + manager + "\"");
            inFlight.acquire();
            ids.add(postSetUp("/api/people", body, 3).whenComplete((r, e) -> inFlight.release())
                    .thenApply(r -> {
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("POST /api/people answered " + r.statusCode() + ": " + r.body());
                        }
                        return json.readTree(r.body()).get("personId").asString();
                    }));
        }
        List<String> out = new ArrayList<>(n);
        for (CompletableFuture<String> id : ids) {
            out.add(id.get());
        }
        return out;
    }

    @Override
    public void submit(Flight f, MicroClock clock) {
        String body = """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":4}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                """.formatted(f.personId, f.personId, f.managerId);
        post("assessment-service", "/api/assessments", body).whenComplete((r, e) -> {
            if (e != null) {
                f.error = e.toString();
            } else if (r.statusCode() != 201) {
                f.error = "HTTP " + r.statusCode() + ": " + r.body();
            } else {
                f.accepted = clock.now();
            }
        });
    }

    CompletableFuture<HttpResponse<String>> post(String service, String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(services.get(service).baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + (path.startsWith("/api/people") ? hrToken : adminToken))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A set-up request, sent again after the Retry-After of a 503 (the services answer so while the token
     * issuer's keys do not answer, as can happen while four JVMs start on two cores); nothing was stored then.
     */
    private CompletableFuture<HttpResponse<String>> postSetUp(String path, String body, int attempts) {
        return post("assessment-service", path, body).thenCompose(r -> {
            if (r.statusCode() != 503 || attempts <= 1) {
                return CompletableFuture.completedFuture(r);
            }
            long wait = r.headers().firstValueAsLong("Retry-After").orElse(1);
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, java.util.concurrent.TimeUnit.SECONDS))
                    .thenCompose(x -> postSetUp(path, body, attempts - 1));
        });
    }

    @Override
    public Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, s) -> pids.put(name, s.pid()));
        return pids;
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws Exception {
        return kafka.awaitNoLag(lagGroups(), timeout);
    }

    String email(String userName) {
        return (userName + "@" + org + ".example.com").toLowerCase(Locale.ROOT);
    }

    static String display(String userName) {
        return "Person " + userName.toUpperCase(Locale.ROOT);
    }
}
