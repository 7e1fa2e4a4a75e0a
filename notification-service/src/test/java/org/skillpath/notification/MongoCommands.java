package org.skillpath.notification;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the MongoDB commands the service sends, on any thread, with their replies, so a test can count the
 * store round trips one event causes across the threads it passes through (the Kafka consumer, the nudge
 * dispatcher, the outbox relay): the commands that name the event's documents or bring them back. Periodic scans
 * that find nothing of it are not its cost and are left out.
 */
@TestConfiguration(proxyBeanMethods = false)
class MongoCommands implements CommandListener {

    /** Driver housekeeping, not the service's work. */
    private static final Set<String> IGNORED = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
            "endSessions");

    /**
     * One command as sent, with its reply as JSON ({@code null} when it failed).
     *
     * @param seq the order in which commands started
     */
    record Command(long seq, String thread, String name, String collection, String command, String reply) {

        boolean mentions(String text) {
            return command.contains(text) || reply != null && reply.contains(text);
        }

        /** A findAndModify that found nothing to claim. */
        boolean claimedNothing() {
            return "findAndModify".equals(name) && reply != null && reply.contains("\"value\": null");
        }

        @Override
        public String toString() {
            // A binder consumer's thread name is long; its topic says enough.
            String where = thread.replaceAll(".*consumerDestinationName='([^']*)'.*", "consumer of $1");
            return "#" + seq + " [" + where + "] " + name + " " + collection + (claimedNothing() ? " (nothing)" : "");
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Map<Integer, Command> started = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Command> seen = new ConcurrentLinkedQueue<>();
    /** Records only between {@link #start()} and {@link #stop}: the rest of the test class needs none of it. */
    private volatile boolean recording;
    /** The test's own thread: what it reads to wait for the outcome is not the service's work. */
    private volatile Thread test;

    @Bean
    MongoClientSettingsBuilderCustomizer recordMongoCommands() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        Thread thread = Thread.currentThread();
        if (!recording || thread == test || thread.getName().startsWith("awaitility")
                || IGNORED.contains(event.getCommandName())) {
            return;
        }
        // As text at once: the event's document is a view of the driver's buffer, valid only during this call.
        BsonDocument command = event.getCommand();
        BsonValue target = command.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        started.put(event.getRequestId(), new Command(sequence.incrementAndGet(), thread.getName(),
                event.getCommandName(), collection, command.toJson(), null));
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Command c = started.remove(event.getRequestId());
        if (c != null) {
            seen.add(new Command(c.seq(), c.thread(), c.name(), c.collection(), c.command(),
                    event.getResponse().toJson()));
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Command c = started.remove(event.getRequestId());
        if (c != null) {
            seen.add(c);
        }
    }

    /** Starts recording afresh the commands of every thread but the caller's and Awaitility's. */
    void start() {
        seen.clear();
        started.clear();
        test = Thread.currentThread();
        recording = true;
    }

    /** Stops recording; returns the commands that named or returned any of {@code ids}, in the order they started. */
    List<Command> stop(String... ids) {
        recording = false;
        return seen.stream().filter(c -> List.of(ids).stream().anyMatch(c::mentions))
                .sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList();
    }
}
