package org.skillpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skillpath.infra.MailText;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.RawEvents;
import org.skillpath.kit.test.TopicReader;
import org.skillpath.localstack.RunningSystem.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end, every hop real: an assessment posted over HTTP becomes ranked gaps, a
 * plan, a progress record and a "your plan is ready" mail over SMTP; every event a contract-valid CloudEvent
 * keyed by the person. Redelivering the events changes nothing.
 */
class SkeletonFlowIT {

    static RunningSystem system;
    static final ObjectMapper JSON = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.shared();
    }

    record Flow(String org, String alice, String bob, String aliceEmail) {
    }

    @Test
    void anAssessmentBecomesAPlanAProgressRecordAndAPlanReadyMail() throws Exception {
        Flow flow = runAssessment();
        List<MimeMessage> mails = awaitMails(flow.aliceEmail(), 1);

        JsonNode plans = JSON.readTree(system.get(Service.PLAN, "/api/plans?personId=" + flow.alice(), system.person(flow.org(), flow.alice(), "EMPLOYEE")).body());
        assertThat(plans.get("totalItems").asLong()).isEqualTo(1);
        JsonNode plan = plans.get("items").get(0);
        String text = MailText.plainText(mails.get(0));
        assertThat(mails.get(0).getSubject()).isEqualTo("Your learning plan is ready");
        for (JsonNode step : plan.get("steps")) {
            assertThat(text).contains(step.get("title").asString());
        }
        assertThat(text).contains(plan.get("steps").get(0).get("reason").asString());

        JsonNode progress = JSON.readTree(system.get(Service.PROGRESS, "/api/progress?personId=" + flow.alice(), system.person(flow.org(), flow.alice(), "EMPLOYEE")).body());
        assertThat(progress.get("totalItems").asLong()).isEqualTo(1);

        assertOneEventEach("skillpath.people.v1", flow, "org.skillpath.person.upserted");
        assertOneEventEach("skillpath.assessment.v1", flow, "org.skillpath.assessment.completed",
                "org.skillpath.skillgaps.identified");
        assertOneEventEach("skillpath.plan.v1", flow, "org.skillpath.plan.created");
        assertOneEventEach("skillpath.notification.v1", flow, "org.skillpath.nudge.sent");
    }

    @Test
    void redeliveredGapsAndPlanEventsYieldOnePlanOneProgressRecordAndOneMail() throws Exception {
        Flow flow = runAssessment();
        awaitMails(flow.aliceEmail(), 1);
        List<ConsumerRecord<String, byte[]>> gaps = records("skillpath.assessment.v1", flow.alice(), 2).stream()
                .filter(r -> "org.skillpath.skillgaps.identified".equals(TopicReader.header(r, "ce_type"))).toList();
        List<ConsumerRecord<String, byte[]>> planCreated = records("skillpath.plan.v1", flow.alice(), 1);
        assertThat(gaps).hasSize(1);
        assertThat(planCreated).hasSize(1);

        String bootstrap = system.kafka.bootstrapServers();
        RawEvents.republish(bootstrap, gaps);
        RawEvents.republish(bootstrap, gaps);
        RawEvents.republish(bootstrap, planCreated);
        RawEvents.republish(bootstrap, planCreated);
        system.awaitConsumed("plan-service", "skillpath.assessment.v1", Duration.ofSeconds(30));
        system.awaitConsumed("progress-service", "skillpath.plan.v1", Duration.ofSeconds(30));
        system.awaitConsumed("notification-service", "skillpath.plan.v1", Duration.ofSeconds(30));

        assertThat(JSON.readTree(system.get(Service.PLAN, "/api/plans?personId=" + flow.alice(), system.person(flow.org(), flow.alice(), "EMPLOYEE")).body())
                .get("totalItems").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(system.get(Service.PROGRESS, "/api/progress?personId=" + flow.alice(), system.person(flow.org(), flow.alice(), "EMPLOYEE")).body())
                .get("totalItems").asLong()).isEqualTo(1);
        // Only the republished copies are new on the plan topic: plan-service emitted nothing more.
        assertThat(records("skillpath.plan.v1", flow.alice(), 3)).hasSize(3);
        Thread.sleep(1500); // a duplicate mail would be sent within the dispatcher's one-second cycle
        assertThat(mailsTo(flow.aliceEmail())).hasSize(1);
        assertThat(records("skillpath.notification.v1", flow.alice(), 1)).hasSize(1);
    }

    private Flow runAssessment() throws Exception {
        String org = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String bob = createPerson(org, "bob-" + suffix, "Bob Manager", null);
        String aliceEmail = "alice-" + suffix + "@example.com";
        String alice = createPerson(org, "alice-" + suffix, "Alice Specialist", bob);
        var response = system.post(Service.ASSESSMENT, "/api/assessments", system.admin(org), """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":5}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                """.formatted(alice, alice, bob));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Flow(org, alice, bob, aliceEmail);
    }

    private String createPerson(String org, String userName, String name, String managerId) throws Exception {
        String body = "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@example.com\"%s}".formatted(
                userName, name, userName, managerId == null ? "" : ",\"managerId\":\"" + managerId + "\"");
        var response = system.post(Service.ASSESSMENT, "/api/people", system.hr(org), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("personId").asString();
    }

    private void assertOneEventEach(String topic, Flow flow, String... types) {
        List<ConsumerRecord<String, byte[]>> records = records(topic, flow.alice(), types.length);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(types);
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent event = CloudEventsConformance.read(r);
            assertThat(r.key()).isEqualTo(flow.alice());
            assertThat(event.getExtension("orgid")).isEqualTo(flow.org());
            ContractSchemas.assertValid(event.getType(), TopicReader.value(r));
        }
    }

    private List<ConsumerRecord<String, byte[]>> records(String topic, String key, int expected) {
        return TopicReader.read(system.kafka.bootstrapServers(), topic, Duration.ofSeconds(30),
                        recs -> recs.stream().filter(r -> key.equals(r.key())).count() >= expected).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private List<MimeMessage> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> mailsTo(address).size() >= count);
        return mailsTo(address);
    }

    private List<MimeMessage> mailsTo(String address) {
        return java.util.Arrays.stream(system.smtp.received()).filter(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
