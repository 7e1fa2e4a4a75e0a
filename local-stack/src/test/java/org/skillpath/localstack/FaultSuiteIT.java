package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.skillpath.kit.outbox.OutboxRelay;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.localstack.RunningSystem.Service;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing lost, nothing duplicated, under faults. Each test drives a steady stream of assessments through the
 * four real services, injects one kind of fault while they flow, then checks the ledger: every accepted
 * assessment has exactly one plan, exactly one progress record and exactly one "plan ready" mail.
 * The stream's size per kind is {@code -Dskillpath.faults.per-kind} (20 in the regular suite); the figures of
 * each run are written to target/reliability/ for RELIABILITY.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final int PER_KIND = Integer.getInteger("skillpath.faults.per-kind", 20);
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String SUBJECT = "Your learning plan is ready";
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
    }

    record Assessed(String personId, String email) {
    }

    record Batch(String kind, String org, List<Assessed> people, long startedNanos) {
    }

    @Test
    @Order(1)
    void duplicateDeliveryOfASliceOfEveryTopic() throws Exception {
        Batch batch = drive("duplicate-delivery", () -> { });
        awaitMails(batch);
        Set<String> keys = batch.people().stream().map(Assessed::personId).collect(Collectors.toSet());
        int republished = 0;
        for (String topic : List.of("skillpath.people.v1", "skillpath.assessment.v1", "skillpath.plan.v1")) {
            List<ConsumerRecord<String, byte[]>> slice = TopicReader.readAll(system.kafka.bootstrapServers(), topic,
                    Duration.ofSeconds(2)).stream().filter(r -> keys.contains(r.key())).toList();
            RawEvents.republish(system.kafka.bootstrapServers(), slice);
            republished += slice.size();
        }
        assertThat(republished).isGreaterThanOrEqualTo(batch.people().size() * 4);
        awaitQuiet();
        ledger(batch, Map.of("records republished", (long) republished));
    }

    @Test
    @Order(2)
    void aConsumerRestartedAfterItsWritesButBeforeItsOffsetCommit() throws Exception {
        Batch batch = drive("consumer-crash-before-commit", () -> { });
        awaitMails(batch);
        // The effect of a crash between the store write and the offset commit: on restart the broker hands
        // the service every record since its last committed offset, though it has processed them already.
        system.stop(Service.PLAN);
        long rewound = rewind("plan-service", "skillpath.assessment.v1", batch.people().size() * 2L);
        system.start(Service.PLAN);
        awaitQuiet();
        ledger(batch, Map.of("records redelivered to plan-service", rewound));
    }

    @Test
    @Order(3)
    void theOutboxRelayStoppedBetweenTheBrokersAckAndTheRemoval() throws Exception {
        OutboxRelay relay = system.context(Service.PLAN).getBean(OutboxRelay.class);
        relay.setCrashAfterAck(true);
        Batch batch = drive("relay-crash-after-ack", () -> { });
        Thread.sleep(1500);
        relay.setCrashAfterAck(false);
        // The relay "restarts": the whole service, which takes over its own expired leases.
        system.restart(Service.PLAN);
        awaitMails(batch);
        awaitQuiet();
        long planEvents = TopicReader.readAll(system.kafka.bootstrapServers(), "skillpath.plan.v1", Duration.ofSeconds(2))
                .stream().filter(r -> batch.people().stream().anyMatch(p -> p.personId().equals(r.key()))).count();
        ledger(batch, Map.of("plan.created records on the topic (duplicates absorbed downstream)", planEvents));
    }

    @Test
    @Order(4)
    void theBrokerStoppedAndRestartedUnderLoad() throws Exception {
        Batch batch = drive("broker-restart", () -> {
            sleep(300);
            system.kafka.restart();
        });
        awaitMails(batch);
        awaitQuiet();
        ledger(batch, Map.of());
    }

    @Test
    @Order(5)
    void theSmtpServerDownForAWhileThenBack() throws Exception {
        system.smtp.suspend();
        Batch batch;
        try {
            batch = drive("smtp-outage", () -> { });
            Thread.sleep(3000); // the dispatcher fails and backs off meanwhile
        } finally {
            system.smtp.resume();
        }
        awaitMails(batch);
        awaitQuiet();
        ledger(batch, Map.of());
    }

    /** Posts PER_KIND assessments at a steady pace (one person each, one manager per batch), running the fault midway. */
    private Batch drive(String kind, Runnable fault) throws Exception {
        String org = "faults-" + kind.substring(0, Math.min(12, kind.length())) + "-" + UUID.randomUUID().toString().substring(0, 6);
        String manager = person(org, "manager", null);
        List<Assessed> people = new ArrayList<>();
        long started = System.nanoTime();
        CompletableFuture<Void> injected = null;
        for (int i = 0; i < PER_KIND; i++) {
            if (i == PER_KIND / 3) {
                injected = CompletableFuture.runAsync(fault);
            }
            String name = "p" + i;
            String id = person(org, name, manager);
            var response = post(Service.ASSESSMENT, "/api/assessments", system.admin(org), """
                    {"personId":"%s","roleProfileId":"team-lead","ratings":[
                      {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":4}},
                      {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                    """.formatted(id, id, manager));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            people.add(new Assessed(id, email(org, name)));
        }
        if (injected != null) {
            injected.get(120, TimeUnit.SECONDS);
        }
        return new Batch(kind, org, people, started);
    }

    private String person(String org, String name, String managerId) throws Exception {
        String body = "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s\"%s}".formatted(name, name.toUpperCase(),
                email(org, name), managerId == null ? "" : ",\"managerId\":\"" + managerId + "\"");
        var response = post(Service.ASSESSMENT, "/api/people", system.hr(org), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("personId").asString();
    }

    /** HTTP to a service, retried while the service is being restarted by a fault. */
    private java.net.http.HttpResponse<String> post(Service service, String path, String token, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return system.post(service, path, token, body);
            } catch (Exception notUpRightNow) {
                if (attempt > 50) {
                    throw notUpRightNow;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String email(String org, String name) {
        return name + "@" + org + ".example.com";
    }

    private void awaitMails(Batch batch) {
        await().atMost(Duration.ofMinutes(Math.max(5, PER_KIND / 100))).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, Long> counts = planReadyMailsByRecipient();
                    return batch.people().stream().allMatch(p -> counts.getOrDefault(p.email(), 0L) >= 1);
                });
    }

    /** Every consumer group has caught up on every topic, and the dispatcher's cycle has passed. */
    private void awaitQuiet() throws Exception {
        for (String[] gt : new String[][] {{"plan-service", "skillpath.assessment.v1"}, {"plan-service", "skillpath.people.v1"},
                {"progress-service", "skillpath.plan.v1"}, {"notification-service", "skillpath.plan.v1"},
                {"notification-service", "skillpath.people.v1"}}) {
            system.awaitConsumed(gt[0], gt[1], Duration.ofMinutes(3));
        }
        Thread.sleep(2000);
    }

    private void ledger(Batch batch, Map<String, Long> extra) throws Exception {
        Map<String, Long> plans = new HashMap<>();
        Map<String, Long> progress = new HashMap<>();
        Map<String, Long> mails = new HashMap<>();
        Map<String, Long> mailCounts = planReadyMailsByRecipient();
        for (Assessed p : batch.people()) {
            plans.put(p.personId(), JSON.readTree(system.get(Service.PLAN, "/api/plans?personId=" + p.personId(), system.person(batch.org(), p.personId(), "EMPLOYEE")).body())
                    .get("totalItems").asLong());
            progress.put(p.personId(), JSON.readTree(system.get(Service.PROGRESS, "/api/progress?personId=" + p.personId(), system.person(batch.org(), p.personId(), "EMPLOYEE"))
                    .body()).get("totalItems").asLong());
            mails.put(p.personId(), mailCounts.getOrDefault(p.email(), 0L));
        }
        long lost = batch.people().stream().filter(p -> plans.get(p.personId()) == 0 || progress.get(p.personId()) == 0
                || mails.get(p.personId()) == 0).count();
        long duplicated = batch.people().stream().filter(p -> plans.get(p.personId()) > 1 || progress.get(p.personId()) > 1
                || mails.get(p.personId()) > 1).count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kind", batch.kind());
        figures.put("assessments", batch.people().size());
        figures.put("plans", plans.values().stream().mapToLong(Long::longValue).sum());
        figures.put("progressRecords", progress.values().stream().mapToLong(Long::longValue).sum());
        figures.put("planReadyMails", mails.values().stream().mapToLong(Long::longValue).sum());
        figures.put("lost", lost);
        figures.put("duplicated", duplicated);
        figures.put("seconds", Math.round((System.nanoTime() - batch.startedNanos()) / 1e8) / 10.0);
        figures.putAll(extra);
        Path out = Path.of("target", "reliability", batch.kind() + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));

        assertThat(lost).as("assessments without a plan, a progress record or a mail: " + figures).isZero();
        assertThat(duplicated).as("assessments with two plans, progress records or mails: " + figures).isZero();
    }

    /** One pass over the SMTP server's mails: plan-ready mails per recipient address. */
    private static Map<String, Long> planReadyMailsByRecipient() {
        Map<String, Long> counts = new HashMap<>();
        for (MimeMessage m : system.smtp.received()) {
            if (subject(m).equals(SUBJECT)) {
                for (String address : recipients(m)) {
                    counts.merge(address, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            Address[] all = m.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all)
                    .map(a -> a instanceof jakarta.mail.internet.InternetAddress ia ? ia.getAddress() : a.toString()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (Exception e) {
            return "";
        }
    }

    /** Moves a stopped group's committed offsets on a topic back by up to {@code records} in total. */
    private long rewind(String group, String topic, long records) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            committed.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
            var starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            long total = 0;
            long perPartition = Math.max(1, records / Math.max(1, earliest.size()));
            for (TopicPartition tp : earliest.keySet()) {
                long to = Math.max(starts.get(tp).offset(), committed.get(tp).offset() - perPartition);
                total += committed.get(tp).offset() - to;
                rewound.put(tp, new OffsetAndMetadata(to));
            }
            // The group has no members while the service is stopped, so its offsets may be changed.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(group, rewound).all().get(10, TimeUnit.SECONDS);
                return true;
            });
            return total;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
