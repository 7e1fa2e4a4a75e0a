package org.skillpath.bench;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Removes one finished run's organisation from every database of both arms. The embedded store answers every
 * query but by {@code _id} with a scan of the whole collection, so without this each run would be slower than
 * the last for the data of the runs before it, not for its rate.
 */
final class Purge {

    private Purge() {
    }

    static long organisation(String mongoUri, String orgId) {
        long removed = 0;
        try (MongoClient client = MongoClients.create(mongoUri)) {
            List<String> names = client.listDatabaseNames().into(new ArrayList<>());
            for (String name : names) {
                if (!name.startsWith("skillpath-") && !name.startsWith("bench-")) {
                    continue;
                }
                MongoDatabase db = client.getDatabase(name);
                for (String collection : db.listCollectionNames().into(new ArrayList<>())) {
                    if (!collection.startsWith("system.")) {
                        removed += db.getCollection(collection).deleteMany(new Document("orgId", orgId)).getDeletedCount();
                    }
                }
            }
        }
        return removed;
    }
}
