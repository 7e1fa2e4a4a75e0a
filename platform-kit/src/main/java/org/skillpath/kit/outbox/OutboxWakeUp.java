package org.skillpath.kit.outbox;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/** Wakes the relay right after a document with pending events was written: low latency without busy polling. */
class OutboxWakeUp extends AbstractMongoEventListener<OutboxDocument> {

    private final OutboxRelay relay;

    OutboxWakeUp(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public void onAfterSave(AfterSaveEvent<OutboxDocument> event) {
        if (!event.getSource().pendingEvents().isEmpty()) {
            relay.wakeUp();
        }
    }
}
