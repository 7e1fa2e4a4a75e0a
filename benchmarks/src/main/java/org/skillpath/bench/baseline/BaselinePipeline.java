package org.skillpath.bench.baseline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The baseline: the same hops as the services, written with plain kafka-clients and the MongoDB sync driver,
 * against the same broker, store and SMTP server, with its own topics and databases.
 * Each consumer group of the services' pipeline has its twin here, with the same store operations per event:
 * <ol>
 *   <li>submit (no HTTP): read the person and the raters in one query, insert the assessment with its two events
 *   in its outbox, wake the relay;</li>
 *   <li>relay: claim the saved document by id (scans on the poll timer only), publish (acks=all, idempotent) and
 *   release it (one versioned update);</li>
 *   <li>plan consumer (assessment topic): read the plan by id (dedup), record the strengths on the person and read
 *   it back (one findAndModify), read the catalog (per-owner snapshots kept 30 s), the open workshop sessions and
 *   the opted-in mentors, take a seat per workshop step, insert the plan with plan.created in its outbox; commit
 *   after processing;</li>
 *   <li>progress consumer of the assessment topic (the manager dashboard): check the person's organisation, one
 *   guarded update of the dashboard document; the notification consumer of the assessment topic reads and
 *   ignores those types, as notification-service does;</li>
 *   <li>relay; progress consumer of the plan topic (organisation check, insert-once progress record, one dashboard
 *   update) and notification consumer (organisation check, insert-once team activity, insert-once nudge already
 *   leased to the dispatcher and handed to it in memory);</li>
 *   <li>dispatcher: read the recipient with the preferences (one aggregation), send the mail over a kept SMTP
 *   connection, save SENT with nudge.sent (versioned); relay.</li>
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
    public static final String PROGRESS_ASSESSMENT_GROUP = "baseline-progress-assessment";
    public static final String NOTIFICATION_ASSESSMENT_GROUP = "baseline-notification-assessment";
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
    private final MongoCollection<Document> sessions;
    private final MongoCollection<Document> planPeople;
    private final MongoCollection<Document> plans;
    private final MongoCollection<Document> progressPeople;
    private final MongoCollection<Document> progress;
    private final MongoCollection<Document> dashboard;
    private final MongoCollection<Document> recipients;
    private final MongoCollection<Document> teamActivities;
    private final MongoCollection<Document> nudges;
    private final Outbox assessmentOutbox;
    private final Outbox planOutbox;
    private final Outbox nudgeOutbox;
    private final Dispatcher dispatcher;
    private final List<ConsumerLoop> consumers = new ArrayList<>();
    /** Read by the plan consumer's one thread only. */
    private final Map<String, CatalogSnapshot> catalogs = new HashMap<>();

    /**
     * @param catalog  the activities the plan consumer plans from (a copy of plan-service's catalog)
     * @param sessions its workshop sessions (a copy of plan-service's)
     */
    public BaselinePipeline(String bootstrap, String mongoUri, int smtpPort, Templates templates, ObjectMapper json,
                            List<Document> catalog, List<Document> sessions) {
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
        people.createIndex(Indexes.ascending("orgId", "managerId"), new IndexOptions().name("org_manager"));
        assessments = assessmentDb.getCollection("assessments");
        assessments.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "personId"), Indexes.descending("createdAt")),
                new IndexOptions().name("org_person"));
        activities = planDb.getCollection("activities");
        activities.deleteMany(new Document());
        if (!catalog.isEmpty()) {
            activities.insertMany(catalog);
        }
        this.sessions = planDb.getCollection("workshop_sessions");
        this.sessions.deleteMany(new Document());
        this.sessions.createIndex(Indexes.ascending("activityId", "startsOn"), new IndexOptions().name("activity_date"));
        if (!sessions.isEmpty()) {
            this.sessions.insertMany(sessions);
        }
        planPeople = planDb.getCollection("people");
        planPeople.createIndex(Indexes.ascending("orgId", "mentorOptIn", "active"), new IndexOptions().name("org_mentor"));
        plans = planDb.getCollection("plans");
        plans.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "personId"), Indexes.descending("createdAt")),
                new IndexOptions().name("org_person_created"));
        progress = progressDb.getCollection("plan_progress");
        progress.createIndex(Indexes.ascending("orgId", "personId"), new IndexOptions().name("org_person"));
        progressPeople = progressDb.getCollection("people");
        progressPeople.createIndex(Indexes.ascending("orgId", "managerId"), new IndexOptions().name("org_manager"));
        dashboard = progressDb.getCollection("dashboard_members");
        dashboard.createIndex(Indexes.ascending("orgId", "managerId"), new IndexOptions().name("org_manager"));
        recipients = notificationDb.getCollection("recipients");
        recipients.createIndex(Indexes.ascending("orgId", "managerId"), new IndexOptions().name("org_manager"));
        teamActivities = notificationDb.getCollection("team_activities");
        teamActivities.createIndex(Indexes.ascending("orgId", "personId", "at"), new IndexOptions().name("org_person_at"));
        nudges = notificationDb.getCollection("nudges");
        nudges.createIndex(Indexes.compoundIndex(Indexes.ascending("orgId", "recipientId"), Indexes.descending("createdAt"),
                Indexes.ascending("_id")), new IndexOptions().name("org_recipient_created"));
        nudges.createIndex(Indexes.ascending("status", "nextAttemptAt", "leaseUntil"), new IndexOptions().name("due"));

        assessmentOutbox = part(new Outbox("assessment", assessments, bootstrap));
        planOutbox = part(new Outbox("plan", plans, bootstrap));
        nudgeOutbox = part(new Outbox("notification", nudges, bootstrap));
        dispatcher = part(new Dispatcher(nudges, recipients, nudgeOutbox, templates, json, smtpPort));
        consumers.add(part(new ConsumerLoop(PLAN_GROUP, ASSESSMENT_TOPIC, bootstrap, this::onAssessmentEvent)));
        consumers.add(part(new ConsumerLoop(PROGRESS_ASSESSMENT_GROUP, ASSESSMENT_TOPIC, bootstrap,
                this::onAssessmentEventForProgress)));
        consumers.add(part(new ConsumerLoop(NOTIFICATION_ASSESSMENT_GROUP, ASSESSMENT_TOPIC, bootstrap,
                this::onAssessmentEventForNotification)));
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
        List<Document> planViews = new ArrayList<>();
        List<Document> progressViews = new ArrayList<>();
        List<Document> members = new ArrayList<>();
        List<Document> copies = new ArrayList<>();
        Date now = new Date();
        for (Person p : batch) {
            directory.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("userName", p.userName())
                    .append("displayName", p.displayName()).append("email", p.email()).append("managerId", p.managerId())
                    .append("active", true).append("createdAt", now));
            planViews.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("displayName", p.displayName())
                    .append("managerId", p.managerId()).append("active", true).append("mentorOptIn", false));
            progressViews.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("displayName", p.displayName())
                    .append("userName", p.userName()).append("managerId", p.managerId()).append("active", true));
            members.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("displayName", p.displayName())
                    .append("managerId", p.managerId()).append("active", true).append("gapsAt", new Date(0)));
            copies.add(new Document("_id", p.id()).append("orgId", p.orgId()).append("displayName", p.displayName())
                    .append("email", p.email()).append("locale", "en").append("timeZone", "UTC")
                    .append("managerId", p.managerId()).append("active", true).append("updatedAt", now));
        }
        people.insertMany(directory);
        planPeople.insertMany(planViews);
        progressPeople.insertMany(progressViews);
        dashboard.insertMany(members);
        recipients.insertMany(copies);
    }

    /** The HTTP-less submit: the request JSON of the system arm, checked, stored with its two events. */
    public void submit(String orgId, String requestJson) {
        Document request = Document.parse(requestJson);
        String personId = request.getString("personId");
        List<Document> ratings = request.getList("ratings", Document.class);
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(personId);
        ratings.forEach(r -> wanted.add(r.getString("raterId")));
        Map<String, Document> found = new HashMap<>();
        people.find(new Document("orgId", orgId).append("_id", new Document("$in", new ArrayList<>(wanted))))
                .forEach(d -> found.put(d.getString("_id"), d));
        Document subject = found.get(personId);
        if (subject == null) {
            throw new IllegalArgumentException("no person " + personId + " in " + orgId);
        }
        for (Document rating : ratings) {
            if ("MANAGER".equals(rating.getString("group"))) {
                String rater = rating.getString("raterId");
                if (!rater.equals(subject.getString("managerId")) || !found.containsKey(rater)) {
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
        if (plans.find(new Document("_id", planId)).projection(new Document("_id", 1)).first() != null) {
            return; // a redelivery: planned already
        }
        Date identifiedAt = Date.from(Instant.parse(gaps.path("identifiedAt").asString()));
        Document strengths = Document.parse("{\"s\": " + json.writeValueAsString(gaps.path("strengths")) + "}");
        Document person = planPeople.findOneAndUpdate(new Document("_id", personId).append("orgId", orgId)
                        .append("$or", List.of(new Document("strengthsAt", null), new Document("strengthsAt",
                                new Document("$lt", identifiedAt)))),
                new Document("$set", new Document("strengths", strengths.get("s")).append("strengthsAt", identifiedAt)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (person == null) {
            throw new IllegalArgumentException("no person " + personId + " in " + orgId);
        }
        // Both owners' snapshots, as plan-service's Catalog.forPlanning reads them for every plan.
        List<Document> shared = catalog(SHARED);
        List<Document> own = catalog(orgId);
        if (shared.isEmpty() && own.isEmpty()) {
            throw new IllegalStateException("the baseline catalog is empty");
        }
        ObjectNode created = Templates.fill(planTemplate, templates.substitutions(Map.of(Templates.PLAN, planId,
                Templates.PERSON, personId, Templates.ORG, orgId, Templates.ASSESSMENT, assessmentId)));
        // The planner's inputs beside the catalog: open workshop sessions of the plan's activities, mentors.
        List<String> activityIds = new ArrayList<>();
        created.path("steps").forEach(step -> activityIds.add(step.path("activityId").asString()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        sessions.find(new Document("activityId", new Document("$in", activityIds))
                        .append("orgId", new Document("$in", List.of(SHARED, orgId))).append("seatsLeft", new Document("$gt", 0))
                        .append("startsOn", new Document("$gte", utcDate(today)).append("$lt", utcDate(today.plusWeeks(26)))))
                .projection(new Document("activityId", 1).append("startsOn", 1).append("seatsLeft", 1))
                .sort(new Document("startsOn", 1).append("_id", 1)).into(new ArrayList<>());
        planPeople.find(new Document("orgId", orgId).append("mentorOptIn", true).append("active", true))
                .sort(new Document("_id", 1)).into(new ArrayList<>());
        for (JsonNode step : created.path("steps")) {
            String sessionId = step.path("sessionId").asString(null);
            if (sessionId != null && sessions.updateOne(new Document("_id", sessionId).append("seatsLeft", new Document("$gt", 0))
                            .append("reservations", new Document("$ne", planId)),
                    new Document("$inc", new Document("seatsLeft", -1)).append("$push", new Document("reservations", planId)))
                    .getModifiedCount() == 0) {
                sessions.find(new Document("_id", sessionId).append("reservations", planId)).first();
            }
        }
        // Stamped where plan-service stamps it: after the context reads and the seats, just before the insert
        // (the benchmark's "plan stored" stage).
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
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

    /** progress-service's dashboard projection of skillgaps.identified: organisation check, one guarded update. */
    private void onAssessmentEventForProgress(ConsumerRecord<String, byte[]> r) {
        CloudEvents ce = CloudEvents.of(r);
        if (!GAPS.equals(ce.type())) {
            return;
        }
        JsonNode gaps = json.readTree(r.value());
        String personId = gaps.path("personId").asString();
        sameOrgAsStored(progressPeople, ce, personId);
        Date at = Date.from(Instant.parse(gaps.path("identifiedAt").asString()));
        Document levels = Document.parse("{\"gaps\": " + json.writeValueAsString(gaps.path("gaps")) + ", \"strengths\": "
                + json.writeValueAsString(gaps.path("strengths")) + "}");
        Document filter = new Document("_id", personId).append("orgId", ce.orgId()).append("gapsAt", new Document("$lt", at));
        Document update = new Document("$set", new Document("gapsAt", at).append("gaps", levels
                .append("assessmentId", gaps.path("assessmentId").asString()).append("identifiedAt", at)));
        if (dashboard.updateOne(filter, update).getMatchedCount() == 0) {
            dashboard.updateOne(new Document("_id", personId).append("orgId", ce.orgId()),
                    new Document("$setOnInsert", new Document("gapsAt", new Date(0))), new UpdateOptions().upsert(true));
            dashboard.updateOne(filter, update);
        }
    }

    /** notification-service reads the assessment topic for rater invitations; these types it ignores. */
    private void onAssessmentEventForNotification(ConsumerRecord<String, byte[]> r) {
        CloudEvents ce = CloudEvents.of(r);
        if (!GAPS.equals(ce.type()) && !COMPLETED.equals(ce.type())) {
            throw new IllegalArgumentException(ASSESSMENT_TOPIC + " does not carry " + ce.type() + " here");
        }
    }

    private static Date utcDate(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The services' tenancy check: the person, if known, must be stored under the event's organisation. */
    private static void sameOrgAsStored(MongoCollection<Document> views, CloudEvents ce, String personId) {
        Document known = views.find(new Document("_id", personId)).projection(new Document("orgId", 1)).first();
        if (known != null && !ce.orgId().equals(known.getString("orgId"))) {
            throw new IllegalArgumentException("person " + personId + " belongs to another organisation");
        }
    }

    private void onPlanEventForProgress(ConsumerRecord<String, byte[]> r) {
        CloudEvents ce = CloudEvents.of(r);
        if (!PLAN_CREATED.equals(ce.type())) {
            return;
        }
        JsonNode plan = json.readTree(r.value());
        sameOrgAsStored(progressPeople, ce, plan.path("personId").asString());
        List<Document> steps = new ArrayList<>();
        for (JsonNode s : plan.path("steps")) {
            steps.add(new Document("stepId", s.path("stepId").asString()).append("activityId", s.path("activityId").asString())
                    .append("dueOn", s.path("dueOn").asString()).append("status", "NOT_STARTED"));
        }
        Document doc = new Document("_id", plan.path("planId").asString()).append("orgId", plan.path("orgId").asString())
                .append("personId", plan.path("personId").asString()).append("steps", steps)
                .append("createdAt", new Date());
        if (insertOnce(progress, Outbox.withEvents(doc, List.of()))) {
            String at = "plans." + plan.path("planId").asString();
            dashboard.updateOne(new Document("_id", plan.path("personId").asString()).append("orgId", plan.path("orgId").asString())
                            .append(at + ".stepsRevision", new Document("$exists", false)),
                    new Document("$set", new Document(at + ".planId", plan.path("planId").asString())
                            .append(at + ".assessmentId", plan.path("assessmentId").asString())
                            .append(at + ".createdAt", doc.get("createdAt")).append(at + ".steps", steps)
                            .append(at + ".stepsRevision", 0))
                            .append("$max", new Document("lastActivityAt", doc.get("createdAt"))));
        }
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
        if (recipients.countDocuments(new Document("_id", personId).append("orgId", new Document("$ne", orgId))) > 0) {
            throw new IllegalArgumentException("recipient " + personId + " belongs to another organisation");
        }
        Date now = Date.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        insertOnce(teamActivities, new Document("_id", Ids.of(ce.dedupKey(), personId, "PLAN_CREATED"))
                .append("orgId", orgId).append("personId", personId).append("kind", "PLAN_CREATED")
                .append("planId", plan.path("planId").asString()).append("at", now));
        String id = Ids.of(ce.dedupKey(), personId, "PLAN_READY");
        Document nudge = new Document("_id", id).append("orgId", orgId).append("recipientId", personId)
                .append("kind", "PLAN_READY").append("causeEventId", ce.id())
                .append("model", new Document("planId", plan.path("planId").asString())
                        .append("roleName", plan.path("roleName").asString()).append("steps", titles))
                .append("status", "INTENDED").append("attempts", 0).append("nextAttemptAt", now)
                .append("createdAt", now);
        // Inserted leased to the dispatcher, which gets it in memory: no claim, as notification-service does.
        Document leased = dispatcher.leased(Outbox.withEvents(nudge, List.of()));
        if (insertOnce(nudges, leased)) {
            dispatcher.handOver(leased);
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
