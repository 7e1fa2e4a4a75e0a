package org.skillpath.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param collections  the MongoDB collections whose documents carry an outbox
 * @param pollInterval how often the relay looks for work when nothing woke it up (a save wakes it at once)
 * @param lease        how long a claim lasts; a relay that dies mid-publish leaves the events to the next one
 * @param batchSize    documents claimed per round
 * @param enabled      on unless set false (tests that drive the relay by hand, fault injection)
 */
@ConfigurationProperties("skillpath.outbox")
public record OutboxProperties(List<String> collections, Duration pollInterval, Duration lease, int batchSize,
                               Duration sendTimeout, Boolean enabled) {

    public OutboxProperties {
        collections = collections == null ? new ArrayList<>() : List.copyOf(collections);
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        batchSize = batchSize <= 0 ? 100 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
        enabled = enabled == null || enabled;
    }
}
