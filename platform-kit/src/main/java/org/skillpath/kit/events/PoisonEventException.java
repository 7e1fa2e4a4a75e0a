package org.skillpath.kit.events;

/**
 * A record that can never be processed (not a CloudEvent, unreadable JSON, wrong shape, foreign tenant).
 * Not retried: it goes straight to the binding's dead-letter topic with this message as the reason.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
