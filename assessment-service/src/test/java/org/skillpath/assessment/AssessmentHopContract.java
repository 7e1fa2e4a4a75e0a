package org.skillpath.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.skillpath.kit.test.CloudEventsConformance;
import org.skillpath.kit.test.ContractSchemas;
import org.skillpath.kit.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * assessment-service's hop, on real infrastructure: people and an assessment in over HTTP, contract-valid
 * CloudEvents out on the people and assessment topics, keyed by person. Written once, run on the embedded
 * broker and store and on Testcontainers' images.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class AssessmentHopContract {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAssessmentWithSelfAndManagerRatingsEmitsRankedExplainedGaps() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);

        String body = """
                {"personId":"%s","roleProfileId":"team-lead","ratings":[
                  {"raterId":"%s","group":"SELF","scores":{"conflict-resolution":3,"budgeting":2,"active-listening":5}},
                  {"raterId":"%s","group":"MANAGER","scores":{"conflict-resolution":2,"budgeting":2,"active-listening":3}}]}
                """.formatted(alice, alice, bob);
        String response = mvc.perform(post("/api/assessments").header("X-Org-Id", org)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("RESULTS_PUBLISHED"))
                .andExpect(jsonPath("$.result.gaps[0].skillId").value("conflict-resolution"))
                .andReturn().getResponse().getContentAsString();
        String assessmentId = json.readTree(response).get("id").asString();

        List<ConsumerRecord<String, byte[]>> records = recordsFor("skillpath.assessment.v1", alice, 2);
        assertThat(records).hasSize(2);
        assertThat(records).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("org.skillpath.assessment.completed", "org.skillpath.skillgaps.identified");
        for (ConsumerRecord<String, byte[]> r : records) {
            CloudEvent event = CloudEventsConformance.read(r);
            assertThat(event.getExtension("orgid")).isEqualTo(org);
            assertThat(event.getSubject()).isEqualTo("assessments/" + assessmentId);
            ContractSchemas.assertValid(event.getType(), TopicReader.value(r));
        }
        JsonNode gaps = json.readTree(records.get(1).value());
        assertThat(gaps.get("roleName").asString()).isEqualTo("Team lead");
        assertThat(gaps.get("gaps").get(0).get("explanation").asString())
                .startsWith("Conflict resolution is 2 levels below the Team lead target of 4");

        List<ConsumerRecord<String, byte[]>> people = recordsFor("skillpath.people.v1", alice, 1);
        assertThat(people).hasSize(1);
        CloudEvent person = CloudEventsConformance.read(people.get(0));
        assertThat(person.getType()).isEqualTo("org.skillpath.person.upserted");
        ContractSchemas.assertValid(person.getType(), TopicReader.value(people.get(0)));
        assertThat(json.readTree(people.get(0).value()).get("managerId").asString()).isEqualTo(bob);
    }

    @Test
    void refusalsAreProblemDetailsNamingTheField() throws Exception {
        String bob = createPerson("bob", null);
        String alice = createPerson("alice", bob);
        mvc.perform(post("/api/assessments").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("X-Org-Id"));
        mvc.perform(post("/api/assessments").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":7}}]}".formatted(alice, bob)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ratings[0].scores.budgeting"));
        mvc.perform(post("/api/assessments").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[],\"extra\":1}".formatted(alice)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("extra"))
                .andExpect(jsonPath("$.errors[0].reason").value("unknown field"));
        mvc.perform(post("/api/assessments").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"nobody\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"MANAGER\",\"scores\":{\"budgeting\":3}}]}".formatted(bob)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("personId"));
        mvc.perform(post("/api/assessments").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":\"%s\",\"roleProfileId\":\"team-lead\",\"ratings\":[{\"raterId\":\"%s\",\"group\":\"SELF\",\"scores\":{\"budgeting\":3}}]}".formatted(alice, alice)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("ratings"));
        mvc.perform(post("/api/assessments").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(get("/api/assessments/does-not-exist").header("X-Org-Id", org))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/people/" + alice).header("X-Org-Id", "another-org"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/people").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userName\":\"x\",\"displayName\":\"X\",\"email\":\"not-an-email\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(get("/api/people").header("X-Org-Id", org).param("size", "1000"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anIdempotencyKeyMakesARetriedPostHarmless() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"userName\":\"k-%s\",\"displayName\":\"K\",\"email\":\"k-%s@example.com\"}".formatted(key, key);
        String first = mvc.perform(post("/api/people").header("X-Org-Id", org).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String again = mvc.perform(post("/api/people").header("X-Org-Id", org).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(again).get("personId")).isEqualTo(json.readTree(first).get("personId"));
        mvc.perform(post("/api/people").header("X-Org-Id", org).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body.replace("\"K\"", "\"Other\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        String personId = json.readTree(first).get("personId").asString();
        assertThat(recordsFor("skillpath.people.v1", personId, 1)).hasSize(1);
    }

    @Test
    void confusableNamesAreNormalisedOrRefused() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/api/people").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userName\":\"o-%s\",\"displayName\":\"B\u03BFb T\u03BFmlinson\",\"email\":\"o-%s@example.com\"}".formatted(u, u)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.displayName").value("Bob Tomlinson"));
        mvc.perform(post("/api/people").header("X-Org-Id", org).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userName\":\"c-%s\",\"displayName\":\"\u0430\u0432\u0435p\",\"email\":\"c-%s@example.com\"}".formatted(u, u)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("displayName"));
    }

    @Test
    void actuatorExposesHealthAndPrometheusOnly() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
        mvc.perform(get("/actuator/env")).andExpect(status().isNotFound());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/assessments']").exists());
    }

    String createPerson(String name, String managerId) throws Exception {
        String userName = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        String body = managerId == null
                ? "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@example.com\"}".formatted(userName, name, userName)
                : "{\"userName\":\"%s\",\"displayName\":\"%s\",\"email\":\"%s@example.com\",\"managerId\":\"%s\"}"
                        .formatted(userName, name, userName, managerId);
        String response = mvc.perform(post("/api/people").header("X-Org-Id", org)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(response).get("personId").asString();
    }

    List<ConsumerRecord<String, byte[]>> recordsFor(String topic, String key, int expected) {
        return TopicReader.read(bootstrap, topic, Duration.ofSeconds(20),
                        recs -> recs.stream().filter(r -> key.equals(r.key())).count() >= expected).stream()
                .filter(r -> key.equals(r.key())).toList();
    }
}
