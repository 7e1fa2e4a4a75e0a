package org.skillpath.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonValue;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records the MongoDB commands one thread sends, with how many documents each brought back, so a test can count
 * the store round trips of one handled event. The sync driver calls the listener on the sending thread, so
 * commands of the Kafka consumers, the outbox relay or the schedulers running meanwhile are not counted.
 */
@TestConfiguration(proxyBeanMethods = false)
class MongoCommands implements CommandListener {

    /** Driver housekeeping, not the service's work. */
    private static final Set<String> IGNORED = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
            "endSessions");

    /**
     * One command: its name, its collection, the command document, and the documents its reply carried (a find's
     * first batch, a findAndModify's value); -1 until the reply arrived.
     */
    record Command(String name, String collection, BsonDocument command, int documents) {
        /** Which documents it was about: the filter of a find, findAndModify or update, the ids inserted. */
        String about() {
            if (command.isDocument("filter")) {
                return command.getDocument("filter").toJson();
            }
            if (command.isDocument("query")) {
                return command.getDocument("query").toJson();
            }
            if (command.isArray("updates")) {
                return command.getArray("updates").getValues().stream()
                        .map(u -> u.asDocument().getDocument("q").toJson()).toList().toString();
            }
            if (command.isArray("documents")) {
                return command.getArray("documents").getValues().stream()
                        .map(d -> String.valueOf(d.asDocument().get("_id"))).toList().toString();
            }
            return command.toJson();
        }

        @Override
        public String toString() {
            return name + " " + collection + " " + about() + " -> " + documents;
        }
    }

    private final ConcurrentLinkedQueue<Command> seen = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Command> started = new ConcurrentHashMap<>();
    private volatile Thread watched;

    @Bean
    MongoClientSettingsBuilderCustomizer recordMongoCommands() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (Thread.currentThread() != watched || IGNORED.contains(event.getCommandName())) {
            return;
        }
        // A copy: the event's document is a view of the driver's buffer, valid only during this call.
        BsonDocument command = new BsonDocumentCodec().decode(new BsonDocumentReader(event.getCommand()),
                DecoderContext.builder().build());
        BsonValue target = command.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        started.put(event.getRequestId(), new Command(event.getCommandName(), collection, command, -1));
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Command command = started.remove(event.getRequestId());
        if (command != null) {
            seen.add(new Command(command.name(), command.collection(), command.command(), documents(event.getResponse())));
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        Command command = started.remove(event.getRequestId());
        if (command != null) {
            seen.add(new Command(command.name(), command.collection(), command.command(), 0));
        }
    }

    private static int documents(BsonDocument reply) {
        if (reply.isDocument("cursor")) {
            BsonDocument cursor = reply.getDocument("cursor");
            return cursor.isArray("firstBatch") ? cursor.getArray("firstBatch").size() : 0;
        }
        return reply.isDocument("value") ? 1 : 0;
    }

    /** Runs {@code work} on this thread and returns the commands it sent, in order. */
    List<Command> during(Runnable work) {
        seen.clear();
        started.clear();
        watched = Thread.currentThread();
        try {
            work.run();
        } finally {
            watched = null;
        }
        return List.copyOf(seen);
    }
}
