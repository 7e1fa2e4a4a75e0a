package org.skillpath.kit.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.data.annotation.Version;

/**
 * Base of every aggregate that emits events. The pending events live in the document itself ({@code outbox}),
 * so state and events are written by one single-document update: no transaction needed, nothing lost.
 * <p>
 * The relay claims a document by setting a lease and bumping {@link #version}, and removes published events
 * by id, bumping it again; a concurrent save from stale state fails with an optimistic-locking error instead
 * of resurrecting published events or dropping a lease.
 */
public abstract class OutboxDocument {

    /** The relay's filter: documents with events not yet published. Indexed together with the lease. */
    public static final String PENDING = "outboxPending";
    public static final String LEASE_UNTIL = "outboxLeaseUntil";
    public static final String LEASE_OWNER = "outboxLeaseOwner";
    public static final String OUTBOX = "outbox";
    public static final String VERSION = "version";

    private List<OutboxEvent> outbox = new ArrayList<>();
    private boolean outboxPending;
    private Instant outboxLeaseUntil = Instant.EPOCH;
    private String outboxLeaseOwner;

    @Version
    private Long version;

    /** Queues an event; it is written with the next save of this document. */
    protected void raise(OutboxEvent event) {
        outbox.add(event);
        outboxPending = true;
    }

    public List<OutboxEvent> pendingEvents() {
        return Collections.unmodifiableList(outbox);
    }

    public Long getVersion() {
        return version;
    }
}
