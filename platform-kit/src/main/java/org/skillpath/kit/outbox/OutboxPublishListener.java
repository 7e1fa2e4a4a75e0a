package org.skillpath.kit.outbox;

/**
 * Told about each event after the broker acknowledged it: the place for business metrics that must count
 * what really left the service (a failed or retried save never reaches here).
 */
public interface OutboxPublishListener {

    void published(String topic, String type, String payload);
}
