package org.skillpath.kit.test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every MongoDB command the service sends, with the thread that sent it (the sync driver calls the
 * listener on the caller's thread), so a test can count the store round trips of one request or event. A
 * service's test imports it as configuration ({@code @Import(MongoCommands.class)}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class MongoCommands implements CommandListener {

    /** Driver housekeeping, not the service's work. */
    private static final Set<String> IGNORED = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "endSessions");

    /** One command: what, on which collection, from which thread, and the command document. */
    public record Command(String thread, String name, String collection, BsonDocument command) {
        @Override
        public String toString() {
            // The filter (or the first statement of a write) says what it was for; whole documents are too long.
            var what = command.containsKey("filter") ? command.get("filter")
                    : command.containsKey("query") ? command.get("query")
                    : command.containsKey("updates") ? command.getArray("updates").get(0).asDocument().get("q")
                    : command.containsKey("documents") ? command.getArray("documents").get(0).asDocument().get("_id")
                    : null;
            return name + " " + collection + (what == null ? "" : " " + (what.isDocument() ? what.asDocument().toJson() : what));
        }
    }

    private final ConcurrentLinkedQueue<Command> seen = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;

    @Bean
    MongoClientSettingsBuilderCustomizer countMongoCommands() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!recording || IGNORED.contains(event.getCommandName())) {
            return;
        }
        BsonDocument command = event.getCommand();
        var target = command.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        seen.add(new Command(Thread.currentThread().getName(), event.getCommandName(), collection, command.clone()));
    }

    /** Forgets what was recorded and records from now on, until {@link #stop()}. */
    public void start() {
        seen.clear();
        recording = true;
    }

    public void stop() {
        recording = false;
    }

    /** Commands recorded from {@code thread} (a MockMvc request runs on the test's thread). */
    public List<Command> sentBy(String thread) {
        return seen.stream().filter(c -> c.thread().equals(thread)).toList();
    }

    /** Commands recorded from any thread whose command document mentions {@code text}. */
    public List<Command> mentioning(String text) {
        return seen.stream().filter(c -> c.command().toJson().contains(text)).toList();
    }
}
