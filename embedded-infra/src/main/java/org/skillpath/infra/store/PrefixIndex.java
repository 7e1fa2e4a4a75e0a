package org.skillpath.infra.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index for mongo-java-server, which otherwise ignores every non-unique index and scans the whole
 * collection. Kept in memory (rebuilt from the documents when a database opens) and used for filters that give
 * the index's leading keys as plain values or {@code $in} lists: {@code {orgId, personId}} on
 * {@code {orgId, personId, createdAt}}, {@code {outboxPending: true, outboxLeaseUntil: {$lt: …}}} on the relay's
 * index. It only narrows the candidates: the store still matches every candidate against the whole filter, so a
 * candidate too many costs time, never a wrong answer; a document it missed would be, so every value a filter
 * could match by equality (each element of an array, {@code null} for a missing field) is filed.
 */
final class PrefixIndex<P> extends Index<P> {

    /** Limit on the key combinations one document or one {@code $in} filter may expand to. */
    private static final int MAX_COMBINATIONS = 256;

    private record Filed<P>(P position, List<List<Object>> keys) {
    }

    private final Map<String, PrefixIndex<P>> siblings;
    private final List<String[]> paths = new ArrayList<>();
    private final boolean usable;
    /** Per prefix length (1 … keys), the positions filed under each prefix of normalized values. */
    private final List<Map<List<Object>, Set<P>>> levels = new ArrayList<>();
    private final Map<Object, Filed<P>> byId = new HashMap<>();

    /**
     * @param siblings the collection's non-unique indexes by name: the store takes the first index that can serve a
     *                 filter, so an index defers to a sibling that pins down a longer prefix of the filter
     */
    PrefixIndex(String name, List<IndexKey> keys, Map<String, PrefixIndex<P>> siblings) {
        super(name, keys, false);
        this.siblings = siblings;
        siblings.putIfAbsent(name, this);
        boolean numericSegment = false;
        for (IndexKey key : keys) {
            String[] path = key.getKey().split("\\.");
            for (String segment : path) {
                numericSegment |= !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
            }
            paths.add(path);
            levels.add(new HashMap<>());
        }
        // "a.0.b" addresses array positions, which this index does not model: leave such filters to the scan.
        this.usable = !numericSegment;
    }

    @Override
    public boolean canHandle(Document query) {
        int pinned = pinnedKeys(query);
        return pinned > 0 && siblings.values().stream().noneMatch(other -> other.pinnedKeys(query) > pinned);
    }

    private synchronized int pinnedKeys(Document query) {
        if (!usable) {
            return 0;
        }
        List<List<Object>> prefixes = queriedPrefixes(query);
        return prefixes.isEmpty() ? 0 : prefixes.get(0).size();
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        List<List<Object>> prefixes = queriedPrefixes(query);
        Map<List<Object>, Set<P>> level = levels.get(prefixes.get(0).size() - 1);
        Set<P> positions = new LinkedHashSet<>();
        for (List<Object> prefix : prefixes) {
            Set<P> filed = level.get(prefix);
            if (filed != null) {
                positions.addAll(filed);
            }
        }
        return new ArrayList<>(positions);
    }

    /** The normalized value combinations of the longest leading run of keys the filter pins down; empty if none. */
    private List<List<Object>> queriedPrefixes(Document filter) {
        Document query = Conjunction.of(filter);
        List<List<Object>> combinations = List.of(List.of());
        for (IndexKey key : getKeys()) {
            List<Object> values = equalityValues(query.get(key.getKey()), query.containsKey(key.getKey()));
            if (values == null || (long) combinations.size() * values.size() > MAX_COMBINATIONS) {
                break;
            }
            combinations = extend(combinations, values);
        }
        return combinations.get(0).isEmpty() ? List.of() : combinations;
    }

    /** The values a filter's entry pins a key to, or null when it does not (absent, a range, a regex, …). */
    private static List<Object> equalityValues(Object filter, boolean present) {
        if (!present) {
            return null;
        }
        if (filter instanceof Document d) {
            if (d.size() == 1 && d.get("$in") instanceof Collection<?> in && !in.isEmpty()) {
                List<Object> values = new ArrayList<>();
                for (Object v : in) {
                    if (!isPlain(v)) {
                        return null;
                    }
                    values.add(normalize(v));
                }
                return values;
            }
            return null;
        }
        return isPlain(filter) ? List.of(normalize(filter)) : null;
    }

    /** A scalar that equality matches as itself (null matches missing fields too, so it is left to the scan). */
    private static boolean isPlain(Object value) {
        return !Missing.isNullOrMissing(value) && !(value instanceof Map) && !(value instanceof Collection)
                && !(value instanceof BsonRegularExpression) && !(value instanceof Pattern)
                && !value.getClass().isArray();
    }

    private static Object normalize(Object value) {
        return new KeyValue(value).normalized().get(0);
    }

    private static List<List<Object>> extend(List<List<Object>> prefixes, List<Object> values) {
        List<List<Object>> extended = new ArrayList<>(prefixes.size() * values.size());
        for (List<Object> prefix : prefixes) {
            for (Object value : values) {
                List<Object> longer = new ArrayList<>(prefix.size() + 1);
                longer.addAll(prefix);
                longer.add(value);
                extended.add(longer);
            }
        }
        return extended;
    }

    /** Every full key combination the document is filed under. */
    private List<List<Object>> keysOf(Document document) {
        List<List<Object>> combinations = List.of(List.of());
        for (String[] path : paths) {
            List<Object> values = new ArrayList<>(new LinkedHashSet<>(valuesAt(document, path, 0)));
            if ((long) combinations.size() * values.size() > MAX_COMBINATIONS) {
                // Parallel arrays: file under the prefix so far only; longer filters then read those candidates.
                break;
            }
            combinations = extend(combinations, values);
        }
        return combinations;
    }

    /** Each value equality could match at the path: array elements, arrays of sub-documents, null when missing. */
    private static List<Object> valuesAt(Object node, String[] path, int depth) {
        List<Object> found = new ArrayList<>();
        if (depth == path.length) {
            if (node instanceof Collection<?> elements) {
                elements.forEach(e -> found.add(normalize(e)));
                if (elements.isEmpty()) {
                    found.add(null);
                }
            } else {
                found.add(normalize(node));
            }
            return found;
        }
        if (node instanceof Document d) {
            Object child = d.containsKey(path[depth]) ? d.get(path[depth]) : null;
            if (child == null && depth + 1 < path.length) {
                found.add(null);
                return found;
            }
            return valuesAt(child, path, depth + 1);
        }
        if (node instanceof Collection<?> elements && !elements.isEmpty()) {
            for (Object element : elements) {
                found.addAll(valuesAt(element, path, depth));
            }
            return found;
        }
        found.add(null);
        return found;
    }

    private static Object idOf(Document document) {
        return normalize(document.get("_id"));
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        List<List<Object>> keys = keysOf(document);
        for (List<Object> key : keys) {
            for (int length = 1; length <= key.size(); length++) {
                levels.get(length - 1).computeIfAbsent(new ArrayList<>(key.subList(0, length)), k -> new LinkedHashSet<>())
                        .add(position);
            }
        }
        byId.put(idOf(document), new Filed<>(position, keys));
    }

    @Override
    public synchronized P remove(Document document) {
        Filed<P> filed = byId.remove(idOf(document));
        if (filed == null) {
            return null;
        }
        unfile(filed);
        return filed.position();
    }

    private void unfile(Filed<P> filed) {
        for (List<Object> key : filed.keys()) {
            for (int length = 1; length <= key.size(); length++) {
                Map<List<Object>, Set<P>> level = levels.get(length - 1);
                List<Object> prefix = key.subList(0, length);
                Set<P> positions = level.get(prefix);
                if (positions != null) {
                    positions.remove(filed.position());
                    if (positions.isEmpty()) {
                        level.remove(prefix);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        Filed<P> filed = byId.get(idOf(oldDocument));
        if (filed != null && filed.keys().equals(keysOf(newDocument))) {
            return;
        }
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    /** A delete must never fail on this in-memory aid: an unfiled document is "sparse" here, not an error. */
    @Override
    protected boolean isSparse() {
        return true;
    }

    @Override
    public P getPosition(Document document) {
        return null; // the unique _id index answers for positions
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    }

    @Override
    public synchronized long getCount() {
        return byId.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        siblings.remove(getName(), this);
        levels.forEach(Map::clear);
        byId.clear();
    }
}
