package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.localstack.RunningSystem.Service;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace follows an assessment from the HTTP request through every service: the request's trace id is in
 * the log line of each service that consumes the events it caused, and travels as the records'
 * {@code traceparent} header through the outboxes. The consumed-event metrics count what was processed.
 */
class TracingIT {

    static RunningSystem system;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
    }

    @BeforeEach
    void capture() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void oneTraceIdInEveryServicesLogForOneAssessment() throws Exception {
        String org = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = person(org, "bob", null);
        String alice = person(org, "alice", bob);
        var response = system.post(Service.ASSESSMENT, "/api/assessments", system.admin(org), """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2}}]}
                """.formatted(alice, bob));
        assertThat(response.statusCode()).isEqualTo(201);
        String assessmentId = JsonMapper.builder().build().readTree(response.body()).get("id").asString();

        String traceId = await().atMost(Duration.ofSeconds(10)).until(() -> events().stream()
                .filter(e -> e.getFormattedMessage().startsWith("POST /api/assessments 201"))
                .map(e -> e.getMDCPropertyMap().get("traceId")).filter(t -> t != null)
                .reduce((a, b) -> b).orElse(null), t -> t != null);

        for (String consumer : List.of("plan-service consuming org.skillpath.skillgaps.identified",
                "progress-service consuming org.skillpath.plan.created", "notification-service consuming org.skillpath.plan.created")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events())
                    .as(consumer + " within trace " + traceId)
                    .anyMatch(e -> e.getFormattedMessage().startsWith(consumer)
                            && traceId.equals(e.getMDCPropertyMap().get("traceId"))));
        }

        List<ConsumerRecord<String, byte[]>> gaps = TopicReader.read(system.kafka.bootstrapServers(), "skillpath.assessment.v1",
                Duration.ofSeconds(20), recs -> recs.stream().anyMatch(r -> alice.equals(r.key()))).stream()
                .filter(r -> alice.equals(r.key())).toList();
        assertThat(gaps).allSatisfy(r -> assertThat(TopicReader.header(r, "traceparent")).contains(traceId));
        assertThat(gaps).extracting(r -> TopicReader.header(r, "ce_subject")).contains("assessments/" + assessmentId);

        MeterRegistry planMeters = system.context(Service.PLAN).getBean(MeterRegistry.class);
        assertThat(planMeters.find("skillpath.events.consumed").tag("type", "org.skillpath.skillgaps.identified")
                .tag("outcome", "processed").counter()).isNotNull()
                .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
        assertThat(planMeters.find("skillpath.events.age").tag("type", "org.skillpath.skillgaps.identified").timer())
                .isNotNull().satisfies(t -> assertThat(t.count()).isGreaterThanOrEqualTo(1));
        MeterRegistry assessmentMeters = system.context(Service.ASSESSMENT).getBean(MeterRegistry.class);
        assertThat(assessmentMeters.find("skillpath.outbox.published").counter().count()).isGreaterThanOrEqualTo(2);
        // business counts: what left the service, by type and (gaps) by skill
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(assessmentMeters.find("skillpath.events.published").tag("type", "org.skillpath.assessment.completed")
                    .counter()).isNotNull().satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
            assertThat(assessmentMeters.find("skillpath.gaps.identified").tag("skill", "conflict-resolution").counter())
                    .isNotNull().satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
        });
        MeterRegistry planMetersAgain = system.context(Service.PLAN).getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(planMetersAgain.find("skillpath.events.published")
                .tag("type", "org.skillpath.plan.created").counter()).isNotNull());
        assertThat(planMetersAgain.find("skillpath.outbox.oldest.age").gauges()).isNotEmpty();
    }

    private List<ILoggingEvent> events() {
        synchronized (logs.list) {
            return List.copyOf(logs.list);
        }
    }

    private String person(String org, String name, String managerId) throws Exception {
        String userName = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        var response = system.post(Service.ASSESSMENT, "/api/people", system.hr(org),
                "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@example.com\"%s}".formatted(userName, name,
                        userName, managerId == null ? "" : ",\"managerId\":\"" + managerId + "\""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("personId").asString();
    }
}
