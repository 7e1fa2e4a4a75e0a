package org.skillpath.assessment.assessment;

import io.micrometer.core.instrument.MeterRegistry;
import org.skillpath.kit.outbox.OutboxPublishListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code skillpath.gaps.identified{skill}}: the gaps that really left the service, by skill (the framework's
 * skills are few, so the tag stays low-cardinality). Counted after the broker's acknowledgement.
 */
@Component
class GapMetrics implements OutboxPublishListener {

    private final MeterRegistry meters;
    private final ObjectMapper json;

    GapMetrics(MeterRegistry meters, ObjectMapper json) {
        this.meters = meters;
        this.json = json;
    }

    @Override
    public void published(String topic, String type, String payload) {
        if (!AssessmentEvents.GAPS_IDENTIFIED.equals(type)) {
            return;
        }
        for (JsonNode gap : json.readTree(payload).path("gaps")) {
            meters.counter("skillpath.gaps.identified", "skill", gap.path("skillId").asString("unknown")).increment();
        }
    }
}
