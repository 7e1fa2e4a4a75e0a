package org.skillpath.kit.outbox.app;

import java.time.Instant;
import java.util.UUID;

import org.skillpath.kit.outbox.OutboxDocument;
import org.skillpath.kit.outbox.OutboxEvent;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A minimal application with one aggregate that emits events, to exercise the outbox relay on real parts. */
@SpringBootApplication
public class RelayTestApplication {

    public static final String TOPIC = "kit.widgets.v1";

    @Document("widgets")
    public static class Widget extends OutboxDocument {
        @Id
        private String id;
        private String name;

        protected Widget() {
        }

        public Widget(String id, String name) {
            this.id = id;
            this.name = name;
        }

        public Widget renamed(String newName) {
            this.name = newName;
            raise(new OutboxEvent(UUID.randomUUID().toString(), TOPIC, "org.skillpath.widget.renamed",
                    "/skillpath/kit-test", "widgets/" + id, id, "org-1", Instant.now(),
                    "{\"id\":\"" + id + "\",\"name\":\"" + newName + "\"}"));
            return this;
        }

        public String getId() {
            return id;
        }
    }
}
