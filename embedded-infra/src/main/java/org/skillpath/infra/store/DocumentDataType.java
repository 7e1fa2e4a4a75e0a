package org.skillpath.infra.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the H2 backend's collection data maps: a document as BSON, written and read by
 * mongo-java-server's own wire codec behind a tag byte. The stock maps use H2's {@link ObjectDataType}, which
 * Java-serializes every document (a new ObjectOutputStream with its class descriptors per value): a quarter of the
 * pipeline benchmark JVM's CPU. A value without the tag, as the stock backend wrote it, is read by an ObjectDataType,
 * so a file written before opens as it was and turns to BSON document by document as they are written again.
 * A document holding a value the codec would not give back equal and of the same class (a sub-millisecond
 * {@link Instant}, a map that is no {@link Document}, a set, a {@code java.util.Date}, …) is Java-serialized as
 * before, whole.
 */
final class DocumentDataType extends BasicDataType<Document> {

    /**
     * First byte of a BSON value. ObjectDataType (H2 2.4) starts a value with a type id (0-19, a document is
     * {@code TYPE_SERIALIZED_OBJECT} 19) or a tag (32-119): never a negative byte, which its reader would take
     * for an unknown type id and refuse, so a stock reader fails loudly on this value instead of misreading it.
     */
    static final byte BSON_TAG = (byte) 0xB5;

    /** BsonDecoder refuses larger documents; the stock type stores them, so they stay Java-serialized. */
    private static final int MAX_BSON_SIZE = 16 * 1024 * 1024;

    /** Beyond these, an Instant's milliseconds overflow a long. */
    private static final long MIN_DATE_SECONDS = Long.MIN_VALUE / 1000 + 1;
    private static final long MAX_DATE_SECONDS = Long.MAX_VALUE / 1000 - 1;

    /** Encoding attempts of a document that is being changed meanwhile (see {@link #write}). */
    private static final int RACED_ATTEMPTS = 5;

    /** A thread's encoding buffer is dropped after a document larger than this instead of being kept. */
    private static final int MAX_KEPT_BUFFER = 1024 * 1024;

    /** H2 writes pages from its serialization thread and from committing threads at once. */
    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));

    private final ObjectDataType javaSerialized = new ObjectDataType();

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    /**
     * Three times a rough BSON size, counted without encoding. Besides sizing H2's cache this decides when H2 splits
     * a page (at 16 KB of it), hence how many documents a commit rewrites with each changed page. The stock type
     * counts twice the Java-serialized size (about 2.6 times the BSON size); a decoded document takes 5-6 times its
     * BSON size on the heap. Counting the BSON size alone packed 2-3 times as many documents into a page as the
     * stock type: writing and committing plans (DocumentDataTypeBenchmark) then gained 1.2x on it instead of 2.2x,
     * and the file came out a sixth larger than the stock one instead of a third smaller.
     */
    @Override
    public int getMemory(Document document) {
        try {
            return 3 * estimatedSize(document);
        } catch (ConcurrentModificationException | NoSuchElementException | IndexOutOfBoundsException raced) {
            return 3 * 1024; // changed meanwhile (see write): an estimate is all this needs
        }
    }

    /**
     * mongo-java-server updates a stored document in place (the instance the map holds) and then puts it again,
     * while H2's serialization thread may be writing the page that holds it: an iteration can meet a concurrent
     * change. The put marks the page changed again, so the next commit writes the finished document; this one only
     * needs a consistent snapshot, hence a few fresh attempts. Stock Java serialization never noticed (HashMap does
     * not check for changes while it writes itself) and wrote whatever it saw, as the last resort here does.
     */
    @Override
    public void write(WriteBuffer buff, Document document) {
        for (int attempt = 0; attempt < RACED_ATTEMPTS; attempt++) {
            try {
                if (encodesExactly(document) && writeBson(buff, document)) {
                    return;
                }
                break;
            } catch (ConcurrentModificationException | NoSuchElementException | IndexOutOfBoundsException raced) {
                Thread.onSpinWait();
            }
        }
        javaSerialized.write(buff, document);
    }

    /** False if the document is too large for the codec to read back; nothing is written to {@code buff} then. */
    private static boolean writeBson(WriteBuffer buff, Document document) {
        ByteBuf bson = BUFFERS.get();
        try {
            BsonEncoder.encodeDocument(document, bson);
            if (bson.readableBytes() > MAX_BSON_SIZE) {
                return false;
            }
            buff.put(BSON_TAG).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
            return true;
        } finally {
            bson.clear();
            if (bson.capacity() > MAX_KEPT_BUFFER) {
                BUFFERS.remove();
                bson.release();
            }
        }
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON_TAG) {
            return (Document) javaSerialized.read(buff);
        }
        int start = buff.position() + 1;
        buff.position(start);
        ByteBuf bson = Unpooled.wrappedBuffer(buff);
        Document document = BsonDecoder.decodeBson(bson);
        buff.position(start + bson.readerIndex());
        return document;
    }

    /** Whether the codec gives the value back equal and of the same class (a list comes back as an ArrayList). */
    static boolean encodesExactly(Object value) {
        if (value == null) {
            return true;
        }
        // Classes compared before any instanceof: on JDK 17, interface checks over mixed classes are slow.
        Class<?> type = value.getClass();
        if (type == String.class) {
            return wellFormed((String) value);
        }
        if (type == Document.class) {
            for (Map.Entry<String, Object> entry : ((Document) value).entrySet()) {
                if (!cString(entry.getKey()) || !encodesExactly(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (type == ArrayList.class) {
            return elementsEncodeExactly((List<?>) value);
        }
        if (type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class
                || type == ObjectId.class || type == Decimal128.class || type == BsonTimestamp.class
                || type == UUID.class || type == MinKey.class || type == MaxKey.class) {
            return true;
        }
        if (type == Instant.class) {
            // BSON dates are milliseconds since the epoch: $currentDate writes Instant.now(), which has microseconds.
            Instant instant = (Instant) value;
            long seconds = instant.getEpochSecond();
            return instant.getNano() % 1_000_000 == 0 && seconds > MIN_DATE_SECONDS && seconds < MAX_DATE_SECONDS;
        }
        if (type == BinData.class) {
            return ((BinData) value).getData() != null;
        }
        if (type == LegacyUUID.class) {
            return ((LegacyUUID) value).getUuid() != null;
        }
        if (type == BsonRegularExpression.class) {
            BsonRegularExpression regex = (BsonRegularExpression) value;
            return cString(regex.getPattern()) && cString(regex.getOptions());
        }
        if (type == BsonJavaScript.class) {
            String code = ((BsonJavaScript) value).getCode();
            return code != null && wellFormed(code);
        }
        return value instanceof List<?> list && elementsEncodeExactly(list);
    }

    private static boolean elementsEncodeExactly(List<?> list) {
        for (Object element : list) {
            if (!encodesExactly(element)) {
                return false;
            }
        }
        return true;
    }

    /** A key or regular expression is written NUL-terminated. */
    private static boolean cString(String s) {
        return s != null && s.indexOf('\0') < 0 && wellFormed(s);
    }

    /** UTF-8 encoding would replace an unpaired surrogate with '?'. */
    private static boolean wellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static int estimatedSize(Object value) {
        if (value == null) {
            return 1;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            return 5 + ((String) value).length();
        }
        if (type == Document.class) {
            int size = 5;
            for (Map.Entry<String, Object> entry : ((Document) value).entrySet()) {
                size += 2 + entry.getKey().length() + estimatedSize(entry.getValue());
            }
            return size;
        }
        if (type == ArrayList.class || !(value instanceof Number || value instanceof Instant) && value instanceof List) {
            int size = 5;
            for (Object element : (List<?>) value) {
                size += 4 + estimatedSize(element);
            }
            return size;
        }
        return 12;
    }
}
