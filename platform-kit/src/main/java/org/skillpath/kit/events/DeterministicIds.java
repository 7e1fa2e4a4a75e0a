package org.skillpath.kit.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1): the same cause always yields the same id, which is what
 * makes redelivered events and replays harmless.
 */
public final class DeterministicIds {

    /** The namespace of every id Skillpath derives. */
    public static final UUID SKILLPATH_NAMESPACE = UUID.fromString("5b9c2a3e-7f1d-4c1e-9a8b-2f6d0e4c1a77");

    private DeterministicIds() {
    }

    public static UUID v5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(name.getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bb.getLong(), bb.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the JDK", e);
        }
    }

    /** A deterministic id from the parts of a cause, e.g. {@code of("plan", assessmentId)}. */
    public static String of(String... parts) {
        return v5(SKILLPATH_NAMESPACE, String.join("\u001f", parts)).toString();
    }
}
