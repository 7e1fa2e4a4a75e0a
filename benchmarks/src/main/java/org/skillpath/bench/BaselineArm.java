package org.skillpath.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.skillpath.bench.baseline.BaselinePipeline;

/**
 * The plain baseline under the same load: each assessment is submitted on a pool of 16 threads (standing in
 * for the web server's request threads) and travels the baseline's hops inside the benchmark's JVM.
 */
final class BaselineArm implements Arm, AutoCloseable {

    static final Topics TOPICS = new Topics(BaselinePipeline.ASSESSMENT_TOPIC, BaselinePipeline.PLAN_TOPIC,
            BaselinePipeline.NOTIFICATION_TOPIC);

    private final BaselinePipeline pipeline;
    private final KafkaLag kafka;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService submitters = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "baseline-submit-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private String org;

    BaselineArm(BaselinePipeline pipeline, KafkaLag kafka) {
        this.pipeline = pipeline;
        this.kafka = kafka;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Topics topics() {
        return TOPICS;
    }

    @Override
    public List<KafkaLag.Group> lagGroups() {
        return List.of(new KafkaLag.Group(BaselinePipeline.PLAN_GROUP, TOPICS.assessment()),
                new KafkaLag.Group(BaselinePipeline.PROGRESS_ASSESSMENT_GROUP, TOPICS.assessment()),
                new KafkaLag.Group(BaselinePipeline.NOTIFICATION_ASSESSMENT_GROUP, TOPICS.assessment()),
                new KafkaLag.Group(BaselinePipeline.PROGRESS_GROUP, TOPICS.plan()),
                new KafkaLag.Group(BaselinePipeline.NOTIFICATION_GROUP, TOPICS.plan()));
    }

    @Override
    public List<Flight> prepare(String runId, int count, int warmupCount) {
        org = runId;
        int teams = (count + SystemArm.TEAM_SIZE - 1) / SystemArm.TEAM_SIZE;
        List<BaselinePipeline.Person> people = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            String id = UUID.randomUUID().toString();
            managers.add(id);
            people.add(new BaselinePipeline.Person(id, org, null, "m" + t, SystemArm.display("m" + t), email("m" + t)));
        }
        List<Flight> flights = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            String manager = managers.get(i / SystemArm.TEAM_SIZE);
            people.add(new BaselinePipeline.Person(id, org, manager, "p" + i, SystemArm.display("p" + i), email("p" + i)));
            flights.add(new Flight(i, id, manager, email("p" + i), SystemArm.display("p" + i), i < warmupCount));
        }
        for (int from = 0; from < people.size(); from += 1000) {
            pipeline.addPeople(people.subList(from, Math.min(people.size(), from + 1000)));
        }
        return flights;
    }

    @Override
    public void submit(Flight f, MicroClock clock) {
        String request = """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":4}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                """.formatted(f.personId, f.personId, f.managerId);
        String orgId = org;
        submitters.execute(() -> {
            try {
                pipeline.submit(orgId, request);
                f.accepted = clock.now();
            } catch (RuntimeException e) {
                f.error = e.toString();
            }
        });
    }

    @Override
    public Map<String, Long> processes() {
        return Map.of();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws Exception {
        return kafka.awaitNoLag(lagGroups(), timeout);
    }

    private String email(String userName) {
        return (userName + "@" + org + ".example.com").toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        submitters.shutdownNow();
    }
}
