package org.skillpath.kit.outbox;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/**
 * Wakes the relay right after a document with pending events was written, naming the document, so the relay
 * claims exactly that one by {@code _id}: low latency without busy polling and without scanning.
 */
class OutboxWakeUp extends AbstractMongoEventListener<OutboxDocument> {

    private final OutboxRelay relay;

    OutboxWakeUp(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onAfterSave(AfterSaveEvent<OutboxDocument> event) {
        if (!event.getSource().pendingEvents().isEmpty()) {
            // The written document carries the _id (the driver adds a generated one on insert); without one the
            // relay falls back to a scan.
            relay.wakeUp(event.getCollectionName(), event.getDocument() == null ? null : event.getDocument().get("_id"));
        }
    }
}
