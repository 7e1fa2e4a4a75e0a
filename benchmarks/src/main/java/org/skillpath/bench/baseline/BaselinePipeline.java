package org.skillpath.bench.baseline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The baseline: the same hops as the services, written with plain kafka-clients and the MongoDB sync driver,
 * against the same broker, store and SMTP server, with its own topics and databases.
 * <ol>
 *   <li>submit (no HTTP): look up the person and the manager, insert the assessment with its two events in its
 *   outbox, wake the relay;</li>
 *   <li>relay: claim the saved document by id (scans on the poll timer only), publish (acks=all, idempotent) and
 *   remove the events;</li>
 *   <li>plan consumer: read the catalog (per-owner snapshots kept 30 s, as plan-service), insert the plan with a
 *   deterministic id (dedup) and plan.created in its outbox; commit after processing;</li>
 *   <li>relay; progress consumer (insert-once progress record) and notification consumer (insert-once nudge);</li>
 *   <li>dispatcher: claim (the nudge just inserted by id, a scan on the timer), send the mail over SMTP, save
 *   SENT with nudge.sent; relay.</li>
 * </ol>
 * One thread per consumer group, relay and dispatcher, as each service runs them; one MongoDB client per
 * "service".
 */
public final class BaselinePipeline implements AutoCloseable {

    public static final String ASSESSMENT_TOPIC = "bench.assessment.v1";
    public static final String PLAN_TOPIC = "bench.plan.v1";
    public static final String NOTIFICATION_TOPIC = "bench.notification.v1";
    public static final String PLAN_GROUP = "baseline-plan";
    public static final String PROGRESS_GROUP = "baseline-progress";
    public static final String NOTIFICATION_GROUP = "baseline-notification";
    static final String ASSESSMENT_SOURCE = "/skillpath/assessment-service";
    static final String PLAN_SOURCE = "/skillpath/plan-service";
    static final String NOTIFICATION_SOURCE = "/skillpath/notification-service";
    private static final String GAPS = "org.skillpath.skillgaps.identified";
    private static final String COMPLETED = "org.skillpath.assessment.completed";
    private static final String PLAN_CREATED = "org.skillpath.plan.created";
    /** The shared catalog's owner, as plan-service's {@code Activity.SHARED}. */
    private static final String SHARED = "*";
    /** plan-service's {@code skillpath.catalog.cache-ttl} default. */
    private static final long CATALOG_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record CatalogSnapshot(List<Document> activities, long readAt) {
    }

    /** A person of the baseline's directory (and its notification-side copy). */
    public record Person(String id, String orgId, String managerId, String userName, String displayName, String email) {
    }

    private final ObjectMapper json;
    private final Templates templates;
    private final ObjectNode completedTemplate;
    private final ObjectNode gapsTemplate;
    private final ObjectNode planTemplate;
    private final List<MongoClient> clients = new ArrayList<>();
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final MongoCollection<Document> people;
    private final MongoCollection<Document> assessments;
    private final MongoCollection<Document> activities;
    private final MongoCollection<Document> plans;
    private final MongoCollection<Document> progress;
    private final MongoCollection<Document> recipients;
    private final MongoCollection<Document> nudges;
    private final Outbox assessmentOutbox;
    private final Outbox planOutbox;
    private final Outbox nudgeOutbox;
    private final Dispatcher dispatcher;
    private final List<ConsumerLoop> consumers = new ArrayList<>();
    /** Read by the plan consumer's one thread only. */
    private final Map<String, CatalogSnapshot> catalogs = new HashMap<>();

    /**
     * @param catalog the activities the plan consumer plans from (a copy of plan-service's catalog)
     */
    public BaselinePipeline(String bootstrap, String mongoUri, int smtpPort, Templates templates, ObjectMapper json,
                            List<Document> catalog) {
        this.json = json;
        this.templates = templates;
        this.completedTemplate = (ObjectNode) json.readTree(templates.completed());
        this.gapsTemplate = (ObjectNode) json.readTree(templates.gaps());
        this.planTemplate = (ObjectNode) json.readTree(templates.planCreated());

        MongoDatabase assessmentDb = database(mongoUri, "bench-assessment");
        MongoDatabase planDb = database(mongoUri, "bench-plan");
        MongoDatabase progressDb = database(mongoUri, "bench-progress");
        MongoDatabase notificationDb = database(mongoUri, "bench-notification");
        people = assessmentDb.getCollection("people");
        assessments = assessmentDb.getCollection("assessments");
        assessments.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "personId"), Indexes.descending("createdAt")),
                new IndexOptions().name("org_person"));
        activities = planDb.getCollection("activities");
        activities.deleteMany(new Document());
        if (!catalog.isEmpty()) {
            activities.insertMany(catalog);
        }
        plans = planDb.getCollection("plans");
        plans.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "personId"), Indexes.descending("createdAt")),
                new IndexOptions().name("org_person_created"));
        progress = progressDb.getCollection("plan_progress");
        progress.createIndex(Indexes.ascending("orgId", "personId"), new IndexOptions().name("org_person"));
        recipients = notificationDb.getCollection("recipients");
        nudges = notificationDb.getCollection("nudges");
        nudges.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "recipientId"), Indexes.descending("createdAt"),
                Indexes.ascending("_id")), new IndexOptions().name("org_recipient_created"));
        nudges.createIndex(Indexes.ascending("status", "nextAttemptAt", "leaseUntil"), new IndexOptions().name("due"));

        assessmentOutbox = part(new Outbox("assessment", assessments, bootstrap));
        planOutbox = part(new Outbox("plan", plans, bootstrap));
        nudgeOutbox = part(new Outbox("notification", nudges, bootstrap));
        dispatcher = part(new Dispatcher(nudges, recipients, nudgeOutbox, templates, json, smtpPort));
        consumers.add(part(new ConsumerLoop(PLAN_GROUP, ASSESSMENT_TOPIC, bootstrap, this::onAssessmentEvent)));
        consumers.add(part(new ConsumerLoop(PROGRESS_GROUP, PLAN_TOPIC, bootstrap, this::onPlanEventForProgress)));
        consumers.add(part(new ConsumerLoop(NOTIFICATION_GROUP, PLAN_TOPIC, bootstrap, this::onPlanEventForNotification)));
    }

    private MongoDatabase database(String uri, String name) {
        MongoClient client = MongoClients.create(uri);
        clients.add(client);
        return client.getDatabase(name);
    }

    private <T extends AutoCloseable> T part(T part) {
        parts.add(part);
        return part;
    }

    /** Writes the people straight into both directories (outside the measured window). */
    public void addPeople(List<Person> batch) {
        List<Document> directory = new ArrayList<>();
        List<Document> copies = new ArrayList<>();
        Date now = new Date();
        for (Person p : batch) {
            directory.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("userName", p.userName())
                    .append("displayName", p.displayName()).append("email", p.email()).append("managerId", p.managerId())
                    .append("active", true).append("createdAt", now));
            copies.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("displayName", p.displayName())
                    .append("email", p.email()).append("locale", "en").append("timeZone", "UTC")
                    .append("managerId", p.managerId()).append("active", true).append("updatedAt", now));
        }
        people.insertMany(directory);
        recipients.insertMany(copies);
    }

    /** The HTTP-less submit: the request JSON of the system arm, checked, stored with its two events. */
    public void submit(String orgId, String requestJson) {
        Document request = Document.parse(requestJson);
        String personId = request.getString("personId");
        Document subject = people.find(new Document("_id", personId).append("orgId", orgId)).first();
        if (subject == null) {
            throw new IllegalArgumentException("no person " + personId + " in " + orgId);
        }
        for (Document rating : request.getList("ratings", Document.class)) {
            if ("MANAGER".equals(rating.getString("group"))) {
                String rater = rating.getString("raterId");
                if (!rater.equals(subject.getString("managerId"))
                        || people.find(new Document("_id", rater).append("orgId", orgId)).first() == null) {
                    throw new IllegalArgumentException("the MANAGER rating must come from the person's manager");
                }
            }
        }
        String assessmentId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Map<String, String> subs = templates.substitutions(Map.of(Templates.PERSON, personId, Templates.ORG, orgId,
                Templates.ASSESSMENT, assessmentId, Templates.MANAGER, subject.getString("managerId")));
        ObjectNode completed = Templates.fill(completedTemplate, subs);
        completed.put("completedAt", now.toString());
        ObjectNode gaps = Templates.fill(gapsTemplate, subs);
        gaps.put("identifiedAt", now.toString());
        String gapsJson = json.writeValueAsString(gaps);
        Document result = Document.parse(gapsJson);
        Document assessment = new Document("_id", assessmentId).append("orgId", orgId).append("personId", personId)
                .append("roleProfileId", request.getString("roleProfileId")).append("frameworkId", "default")
                .append("status", "RESULTS_PUBLISHED").append("ratings", request.get("ratings"))
                .append("result", new Document("gaps", result.get("gaps")).append("strengths", result.get("strengths")))
                .append("createdAt", Date.from(now)).append("completedAt", Date.from(now));
        List<Document> events = List.of(
                Outbox.event(Ids.of(COMPLETED, assessmentId), ASSESSMENT_TOPIC, COMPLETED, ASSESSMENT_SOURCE,
                        "assessments/" + assessmentId, personId, orgId, now, json.writeValueAsString(completed)),
                Outbox.event(Ids.of(GAPS, assessmentId), ASSESSMENT_TOPIC, GAPS, ASSESSMENT_SOURCE,
                        "assessments/" + assessmentId, personId, orgId, now, gapsJson));
        assessments.insertOne(Outbox.withEvents(assessment, events));
        assessmentOutbox.wakeUp(assessmentId);
    }

    private void onAssessmentEvent(ConsumerRecord<String, byte[]> r) {
        CloudEvents ce = CloudEvents.of(r);
        switch (ce.type()) {
            case GAPS -> propose(ce, r.value());
            case COMPLETED, "org.skillpath.assessment.requested" -> {
            }
            default -> throw new IllegalArgumentException(ASSESSMENT_TOPIC + " does not carry " + ce.type());
        }
    }

    private void propose(CloudEvents ce, byte[] value) {
        JsonNode gaps = json.readTree(value);
        String orgId = gaps.path("orgId").asString();
        if (!ce.orgId().equals(orgId)) {
            throw new IllegalArgumentException("orgid header and data differ");
        }
        if (gaps.path("gaps").isEmpty()) {
            return;
        }
        String assessmentId = gaps.path("assessmentId").asString();
        String personId = gaps.path("personId").asString();
        String planId = Ids.of("plan", assessmentId);
        // Both owners' snapshots, as plan-service's Catalog.forPlanning reads them for every plan.
        List<Document> shared = catalog(SHARED);
        List<Document> own = catalog(orgId);
        if (shared.isEmpty() && own.isEmpty()) {
            throw new IllegalStateException("the baseline catalog is empty");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode created = Templates.fill(planTemplate, templates.substitutions(Map.of(Templates.PLAN, planId,
                Templates.PERSON, personId, Templates.ORG, orgId, Templates.ASSESSMENT, assessmentId)));
        created.put("createdAt", now.toString());
        String payload = json.writeValueAsString(created);
        String eventId = Ids.of("plan.created", planId);
        Document plan = Document.parse(payload).append("_id", planId);
        plan.remove("planId");
        Outbox.withEvents(plan, List.of(Outbox.event(eventId, PLAN_TOPIC, PLAN_CREATED, PLAN_SOURCE, "plans/" + planId,
                personId, orgId, now, payload)));
        if (insertOnce(plans, plan)) {
            planOutbox.wakeUp(planId);
        }
    }

    /**
     * One owner's activities (the shared catalog's or an organisation's), read once and kept for
     * {@link #CATALOG_TTL_NANOS}, as plan-service's {@code Catalog} plans from per-owner snapshots. The baseline's
     * catalog never changes during a run, so it needs no invalidation.
     */
    private List<Document> catalog(String owner) {
        long now = System.nanoTime();
        CatalogSnapshot cached = catalogs.get(owner);
        if (cached != null && now - cached.readAt() < CATALOG_TTL_NANOS) {
            return cached.activities();
        }
        List<Document> read = activities.find(new Document("orgId", owner)).into(new ArrayList<>());
        catalogs.values().removeIf(c -> now - c.readAt() >= CATALOG_TTL_NANOS);
        catalogs.put(owner, new CatalogSnapshot(read, now));
        return read;
    }

    private void onPlanEventForProgress(ConsumerRecord<String, byte[]> r) {
        CloudEvents ce = CloudEvents.of(r);
        if (!PLAN_CREATED.equals(ce.type())) {
            return;
        }
        JsonNode plan = json.readTree(r.value());
        List<Document> steps = new ArrayList<>();
        for (JsonNode s : plan.path("steps")) {
            steps.add(new Document("stepId", s.path("stepId").asString()).append("activityId", s.path("activityId").asString())
                    .append("dueOn", s.path("dueOn").asString()).append("status", "NOT_STARTED"));
        }
        Document doc = new Document("_id", plan.path("planId").asString()).append("orgId", plan.path("orgId").asString())
                .append("personId", plan.path("personId").asString()).append("steps", steps)
                .append("createdAt", new Date());
        insertOnce(progress, Outbox.withEvents(doc, List.of()));
    }

    private void onPlanEventForNotification(ConsumerRecord<String, byte[]> r) {
        CloudEvents ce = CloudEvents.of(r);
        if (!PLAN_CREATED.equals(ce.type())) {
            return;
        }
        JsonNode plan = json.readTree(r.value());
        String personId = plan.path("personId").asString();
        String orgId = plan.path("orgId").asString();
        if (!ce.orgId().equals(orgId) || plan.path("steps").isEmpty()) {
            throw new IllegalArgumentException("plan.created " + ce.id() + " is not usable");
        }
        List<String> titles = new ArrayList<>();
        plan.path("steps").forEach(s -> titles.add(s.path("title").asString()));
        Date now = Date.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String id = Ids.of(ce.dedupKey(), personId, "PLAN_READY");
        Document nudge = new Document("_id", id).append("orgId", orgId).append("recipientId", personId)
                .append("kind", "PLAN_READY").append("causeEventId", ce.id())
                .append("model", new Document("planId", plan.path("planId").asString())
                        .append("roleName", plan.path("roleName").asString()).append("steps", titles))
                .append("status", "INTENDED").append("attempts", 0).append("nextAttemptAt", now)
                .append("leaseUntil", new Date(0)).append("createdAt", now);
        if (insertOnce(nudges, Outbox.withEvents(nudge, List.of()))) {
            dispatcher.wakeUp(id);
        }
    }

    private static boolean insertOnce(MongoCollection<Document> collection, Document doc) {
        try {
            collection.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Records given up on (poison or three failed attempts): should stay 0. */
    public long failures() {
        return consumers.stream().mapToLong(ConsumerLoop::failed).sum();
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("baseline close: " + e);
            }
        }
        clients.forEach(MongoClient::close);
    }
}
