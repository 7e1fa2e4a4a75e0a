package org.skillpath.infra.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index (the {@code _id} index above all) that also serves filters naming more fields than its keys.
 * mongo-java-server uses a unique index only when the filter's fields are exactly the index's, so
 * {@code {_id, version}} (every versioned save), {@code {_id, orgId}} (every tenant lookup) and the outbox claim
 * {@code {_id, outboxPending, outboxLeaseUntil}} scanned the whole collection. Here the index finds the one
 * candidate by its own keys and the store matches it against the whole filter, as MongoDB does.
 */
final class NarrowingUniqueIndex<P> extends Index<P> {

    private final Index<P> index;

    NarrowingUniqueIndex(Index<P> index, boolean sparse) {
        super(index.getName(), index.getKeys(), sparse);
        this.index = index;
    }

    @Override
    public boolean canHandle(Document query) {
        if (index.canHandle(query)) {
            return true;
        }
        Document own = ownKeys(query);
        return own != null && index.canHandle(own);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return index.canHandle(query) ? index.getPositions(query) : index.getPositions(ownKeys(query));
    }

    /** The filter's entries on this index's keys, when it has all of them and more; else null. */
    private Document ownKeys(Document filter) {
        Document query = Conjunction.of(filter);
        if (filter.size() <= getKeys().size() && query == filter) {
            return null;
        }
        Document own = new Document();
        for (IndexKey key : getKeys()) {
            if (!query.containsKey(key.getKey())) {
                return null;
            }
            own.put(key.getKey(), query.get(key.getKey()));
        }
        return own;
    }

    @Override
    public P getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        index.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return index.remove(document);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public boolean isEmpty() {
        return index.isEmpty();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        index.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        index.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        index.drop();
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }
}
