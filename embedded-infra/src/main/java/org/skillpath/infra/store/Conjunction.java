package org.skillpath.infra.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/** The field conditions a filter requires of every match: its own fields and those of a top-level {@code $and}. */
final class Conjunction {

    private Conjunction() {
    }

    /** A filter implied by {@code query}, flat; a field constrained twice is left out rather than merged. */
    static Document of(Document query) {
        if (!query.containsKey("$and")) {
            return query;
        }
        Document flat = new Document();
        Set<String> repeated = new HashSet<>();
        collect(query, flat, repeated);
        repeated.forEach(flat::remove);
        return flat;
    }

    private static void collect(Document query, Document flat, Set<String> repeated) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d) {
                        collect(d, flat, repeated);
                    }
                }
            } else if (!entry.getKey().startsWith("$")) {
                if (flat.containsKey(entry.getKey())) {
                    repeated.add(entry.getKey());
                }
                flat.put(entry.getKey(), entry.getValue());
            }
        }
    }
}
