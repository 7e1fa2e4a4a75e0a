package org.skillpath.notification.mail;

/**
 * Names Jakarta Mail's stream provider (Angus Mail's) as a system property. Without it jakarta.mail-api 2.1
 * looks the provider up through {@code ServiceLoader} on every part it encodes and does not cache it: inside the
 * executable jar that was 29 % of the dispatcher's CPU samples (BENCHMARKS.md). With it, {@code FactoryFinder}
 * instantiates the named class directly.
 */
public final class StreamProviderProperty {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private StreamProviderProperty() {
    }

    /** Idempotent; a value set already (e.g. {@code -D} on the command line) is kept. */
    public static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
