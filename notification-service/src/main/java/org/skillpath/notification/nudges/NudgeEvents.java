package org.skillpath.notification.nudges;

import org.skillpath.kit.asyncapi.ProducesEvents;
import java.time.Instant;

import org.skillpath.kit.events.DeterministicIds;
import org.skillpath.kit.outbox.OutboxEvent;
import org.skillpath.notification.policy.SuppressionReason;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The two events a nudge ends with; their ids derive from the nudge, so a repeated save publishes the same. */
@ProducesEvents(topic = "skillpath.notification.v1", types = {"org.skillpath.nudge.sent", "org.skillpath.nudge.suppressed"})
@Component
class NudgeEvents {

    private final ObjectMapper json;
    private final String topic;
    private final String source;

    NudgeEvents(ObjectMapper json, @Value("${skillpath.topics.notification}") String topic,
                @Value("${skillpath.event-source}") String source) {
        this.json = json;
        this.topic = topic;
        this.source = source;
    }

    OutboxEvent sent(Nudge nudge, Instant sentAt) {
        NudgeSent payload = new NudgeSent(nudge.getId(), nudge.getRecipientId(), nudge.getOrgId(),
                nudge.getKind().name(), nudge.getCauseEventId(), sentAt.toString(), NudgeSent.EMAIL);
        return new OutboxEvent(DeterministicIds.of("nudge.sent", nudge.getId()), topic, NudgeSent.TYPE, source,
                "nudges/" + nudge.getId(), nudge.getRecipientId(), nudge.getOrgId(), sentAt,
                json.writeValueAsString(payload));
    }

    OutboxEvent suppressed(Nudge nudge, SuppressionReason reason, Instant decidedAt) {
        NudgeSuppressed payload = new NudgeSuppressed(nudge.getId(), nudge.getRecipientId(), nudge.getOrgId(),
                nudge.getKind().name(), nudge.getCauseEventId(), reason.name(), decidedAt.toString());
        return new OutboxEvent(DeterministicIds.of("nudge.suppressed", nudge.getId()), topic, NudgeSuppressed.TYPE,
                source, "nudges/" + nudge.getId(), nudge.getRecipientId(), nudge.getOrgId(), decidedAt,
                json.writeValueAsString(payload));
    }
}
