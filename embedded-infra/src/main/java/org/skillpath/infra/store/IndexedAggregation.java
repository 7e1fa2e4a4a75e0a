package org.skillpath.infra.store;

import java.util.List;
import java.util.stream.Collectors;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * Aggregations that start with {@code $match}, read through the collection's indexes. mongo-java-server feeds
 * every pipeline the whole collection, so a {@code countDocuments} (Spring Data's count and exists-by-query
 * helpers) or a {@code $match}-then-{@code $lookup} read scanned it for one document. Here the first
 * {@code $match} selects the documents as a find would (indexes included) and the rest of the pipeline runs on
 * them. Anything else, and any failure, is left to the stock path, which then answers as it always did.
 */
final class IndexedAggregation {

    private IndexedAggregation() {
    }

    /**
     * The answer to {@code command} if it is an aggregation this class serves (then {@code answered} runs first,
     * as the stock path clears the connection's last status), or null to let the stock path answer it.
     */
    static Document answer(MongoDatabase database, String command, Document query, DatabaseResolver resolver,
                           Oplog oplog, Runnable answered) {
        if (!command.equalsIgnoreCase("aggregate")) {
            return null;
        }
        Document answer = run(database, database.getDatabaseName(), query, resolver, oplog);
        if (answer != null) {
            answered.run();
        }
        return answer;
    }

    /** The answer to an {@code aggregate} command, or null to let the stock path answer it. */
    static Document run(MongoDatabase database, String namespace, Document command, DatabaseResolver resolver,
                        Oplog oplog) {
        if (!(command.get("aggregate") instanceof String collectionName)) {
            return null; // a database-level aggregation ({aggregate: 1})
        }
        List<Document> pipeline;
        try {
            pipeline = Aggregation.parse(command.get("pipeline"));
        } catch (RuntimeException e) {
            return null;
        }
        if (pipeline.isEmpty() || pipeline.get(0).size() != 1 || !(pipeline.get(0).get("$match") instanceof Document match)
                || pipeline.stream().anyMatch(stage -> stage.containsKey("$out") || stage.containsKey("$merge"))) {
            return null;
        }
        MongoCollection<?> collection = database.resolveCollection(collectionName, false);
        if (collection == null) {
            return null;
        }
        try {
            Aggregation rest = Aggregation.fromPipeline(pipeline.subList(1, pipeline.size()), resolver, database,
                    collection, oplog);
            rest.validate(command);
            List<Document> result = rest.runStages(collection.handleQueryAsStream(match)).stream()
                    .collect(Collectors.toList());
            Document cursor = new Document("id", 0L).append("ns", namespace + "." + collectionName)
                    .append("firstBatch", result);
            Document response = new Document("cursor", cursor);
            Utils.markOkay(response);
            return response;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
