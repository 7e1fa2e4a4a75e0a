package org.skillpath.kit.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContractSchemasTest {

    @Test
    void refusesAPayloadThatBreaksTheContract() {
        assertThat(ContractSchemas.validate("nudge.sent", "{\"nudgeId\":\"n\"}")).isNotEmpty();
        assertThat(ContractSchemas.validate("org.skillpath.nudge.sent", """
                {"nudgeId":"n","personId":"p","orgId":"o","kind":"PLAN_READY","causeEventId":"e",
                 "sentAt":"2026-11-21T10:00:00Z","channel":"EMAIL"}""")).isEmpty();
        assertThat(ContractSchemas.validate("nudge.sent", """
                {"nudgeId":"n","personId":"p","orgId":"o","kind":"PLAN_READY","causeEventId":"e",
                 "sentAt":"yesterday","channel":"EMAIL"}""")).as("format assertions are on").isNotEmpty();
    }
}
