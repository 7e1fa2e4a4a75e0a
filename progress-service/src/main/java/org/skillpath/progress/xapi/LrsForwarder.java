package org.skillpath.progress.xapi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.events.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Optional: forwards Skillpath's own progress (step.completed, plan.completed) to an external LRS as xAPI
 * statements, with PUT under a statement id derived from the event id (UUID v5): a replayed event PUTs the same
 * statement again, which the LRS accepts without a second copy. Completions that came from the L&D platform
 * itself (source XAPI) are not echoed back. An unreachable LRS fails the record (retried, then the dead-letter
 * topic, from which it can be replayed); a refusal is logged and skipped, since resending cannot fix it.
 */
@Component
public class LrsForwarder {

    /** The namespace of forwarded statement ids: UUID v5 of (this namespace, event id). */
    static final UUID NAMESPACE = DeterministicIds.v5(DeterministicIds.SKILLPATH_NAMESPACE, "xapi-statement");
    private static final Logger log = LoggerFactory.getLogger(LrsForwarder.class);

    private final XapiProperties.Forward config;
    private final ObjectMapper json;
    private final RestClient http;

    public LrsForwarder(XapiProperties properties, ObjectMapper json) {
        this.config = properties.forward();
        this.json = json;
        if (config.enabled() && (config.endpoint() == null || config.accountHomePage() == null
                || config.activityBase() == null)) {
            throw new IllegalStateException("skillpath.xapi.forward needs endpoint, account-home-page and activity-base");
        }
        this.http = config.enabled() ? RestClient.builder().baseUrl(config.endpoint()).build() : null;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Completion(String planId, String stepId, String personId, String title,
                      Instant completedAt, String source) {
    }

    public void forward(InboundEvent event) {
        if (!config.enabled()) {
            return;
        }
        Map<String, Object> statement = statementFor(event);
        if (statement == null) {
            return;
        }
        String id = (String) statement.get("id");
        http.put().uri(u -> u.path("/statements").queryParam("statementId", id).build())
                .header(XapiVersion.HEADER, XapiVersion.CURRENT)
                .headers(h -> {
                    if (config.username() != null) {
                        h.setBasicAuth(config.username(), config.password() == null ? "" : config.password());
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(statement))
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) ->
                        log.warn("LRS refused statement {} for event {}: {}", id, event.id(), response.getStatusCode()))
                .toBodilessEntity();
    }

    /** The statement for a progress event, or null for events that are not forwarded. */
    Map<String, Object> statementFor(InboundEvent event) {
        boolean step = "org.skillpath.step.completed".equals(event.type());
        if (!step && !"org.skillpath.plan.completed".equals(event.type())) {
            return null;
        }
        Completion c = event.data(json, Completion.class);
        if (step && "XAPI".equals(c.source())) {
            return null;
        }
        String activity = config.activityBase() + "/plans/" + c.planId() + (step ? "/steps/" + c.stepId() : "");
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("id", DeterministicIds.v5(NAMESPACE, event.id()).toString());
        statement.put("actor", Map.of("objectType", "Agent",
                "account", Map.of("homePage", config.accountHomePage(), "name", c.personId())));
        statement.put("verb", Map.of("id", StatementIntake.COMPLETED, "display", Map.of("en-US", "completed")));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("objectType", "Activity");
        object.put("id", activity);
        if (c.title() != null) {
            object.put("definition", Map.of("name", Map.of("en-US", c.title())));
        }
        statement.put("object", object);
        statement.put("result", Map.of("completion", true));
        statement.put("context", Map.of("platform", "Skillpath"));
        statement.put("timestamp", (c.completedAt() == null ? event.time() : c.completedAt()).toString());
        return statement;
    }
}
