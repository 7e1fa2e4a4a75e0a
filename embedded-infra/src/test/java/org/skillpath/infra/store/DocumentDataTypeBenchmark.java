package org.skillpath.infra.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The H2 data map's value types side by side: H2's stock {@link ObjectDataType} (Java serialization) and
 * {@link DocumentDataType} (BSON). Each round writes N plan-like documents into a fresh MVStore file, committing
 * every 1,000, then reopens the file and reads every document (cold for H2: a new store with an empty cache; the
 * OS page cache is warm). The two types alternate, warm-up rounds first, in one JVM. Not a test, no assertions:
 *
 * <pre>
 * ./mvnw -o -q -ntp -pl embedded-infra test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.skillpath.infra.store.DocumentDataTypeBenchmark [documents [rounds [warm-up rounds]]]"
 * </pre>
 */
public final class DocumentDataTypeBenchmark {

    private static final int COMMIT_EVERY = 1_000;

    private static final String[] TYPES = {"stock ObjectDataType", "DocumentDataType (BSON)"};

    private record Round(double writeMs, double readMs, long fileBytes) {
    }

    private DocumentDataTypeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int warmUps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Document> plans = plans(documents, new Random(9));
        System.out.printf(Locale.ROOT, "%,d plan-like documents, %,d bytes as BSON and %,d Java-serialized on average; "
                        + "%d warm-up rounds, %d measured, %s%n", documents, averageSize(plans, new DocumentDataType()),
                averageSize(plans, new ObjectDataType()), warmUps, rounds, System.getProperty("java.vm.version"));

        List<List<Round>> measured = List.of(new ArrayList<>(), new ArrayList<>());
        Path dir = Files.createTempDirectory("document-data-type");
        try {
            for (int round = 0; round < warmUps + rounds; round++) {
                for (int k = 0; k < 2; k++) {
                    int t = (round + k) % 2;
                    DataType<? super Document> dataType = t == 0 ? new ObjectDataType() : new DocumentDataType();
                    Round result = round(plans, dataType, dir.resolve("round" + round + "-" + t + ".mv"));
                    System.out.printf(Locale.ROOT, "%s round %d, %-24s write+commit %7.1f ms, cold read %7.1f ms, file %,d bytes%n",
                            round < warmUps ? "warm-up" : "measured", round, TYPES[t], result.writeMs(),
                            result.readMs(), result.fileBytes());
                    if (round >= warmUps) {
                        measured.get(t).add(result);
                    }
                }
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }

        double per1000 = documents / 1000.0;
        double[] write = new double[2];
        double[] read = new double[2];
        for (int t = 0; t < 2; t++) {
            write[t] = median(measured.get(t).stream().mapToDouble(Round::writeMs).toArray()) / per1000;
            read[t] = median(measured.get(t).stream().mapToDouble(Round::readMs).toArray()) / per1000;
            System.out.printf(Locale.ROOT, "%-24s median ms per 1,000 documents: write+commit %6.2f (best %6.2f), "
                            + "cold read %6.2f (best %6.2f); file %,d bytes%n", TYPES[t], write[t],
                    measured.get(t).stream().mapToDouble(Round::writeMs).min().orElseThrow() / per1000, read[t],
                    measured.get(t).stream().mapToDouble(Round::readMs).min().orElseThrow() / per1000,
                    measured.get(t).get(0).fileBytes());
        }
        System.out.printf(Locale.ROOT, "stock / BSON: write+commit %.2fx, cold read %.2fx, file size %.2fx%n",
                write[0] / write[1], read[0] / read[1],
                (double) measured.get(0).get(0).fileBytes() / measured.get(1).get(0).fileBytes());
    }

    private static Round round(List<Document> plans, DataType<? super Document> dataType, Path file) throws IOException {
        long start = System.nanoTime();
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<Object, Document> map = store.openMap("databases.bench.plans",
                    new MVMap.Builder<Object, Document>().valueType(dataType));
            for (int i = 0; i < plans.size(); i++) {
                Document plan = plans.get(i);
                map.put(plan.get("_id"), plan);
                if ((i + 1) % COMMIT_EVERY == 0) {
                    store.commit();
                }
            }
            store.commit();
        }
        double writeMs = (System.nanoTime() - start) / 1e6;
        long fileBytes = Files.size(file);

        start = System.nanoTime();
        long steps = 0;
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<Object, Document> map = store.openMap("databases.bench.plans",
                    new MVMap.Builder<Object, Document>().valueType(dataType));
            for (Document plan : map.values()) {
                steps += ((List<?>) plan.get("steps")).size();
            }
        }
        double readMs = (System.nanoTime() - start) / 1e6;
        if (steps == 0) {
            throw new IllegalStateException("nothing read from " + file);
        }
        return new Round(writeMs, readMs, fileBytes);
    }

    private static int averageSize(List<Document> plans, DataType<? super Document> dataType) {
        long total = 0;
        int sample = Math.min(plans.size(), 500);
        for (int i = 0; i < sample; i++) {
            WriteBuffer buffer = new WriteBuffer();
            dataType.write(buffer, plans.get(i));
            total += buffer.position();
        }
        return (int) (total / sample);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static final String[] FORMATS = {"COURSE", "WORKSHOP", "MENTORING", "PROJECT", "READING"};
    private static final String[] BUCKETS = {"EXPERIENCE", "SOCIAL", "FORMAL"};

    /** Shaped as plan-service stores a Plan: steps, gaps, notes, an outbox event, dates and ids. */
    private static List<Document> plans(int count, Random random) {
        List<Document> plans = new ArrayList<>(count);
        long day = 86_400_000L;
        for (int i = 0; i < count; i++) {
            long created = 1_760_000_000_000L + random.nextInt(1_000_000) * 1000L;
            List<Document> steps = new ArrayList<>();
            for (int s = 0, n = 3 + random.nextInt(3); s < n; s++) {
                String format = FORMATS[random.nextInt(FORMATS.length)];
                steps.add(new Document("stepId", "step-" + s)
                        .append("activityId", new ObjectId())
                        .append("title", "Activity " + random.nextInt(10_000) + ": practising skill " + random.nextInt(60))
                        .append("format", format)
                        .append("bucket", BUCKETS[random.nextInt(BUCKETS.length)])
                        .append("skillId", "skill-" + random.nextInt(60))
                        .append("effortHours", 1 + random.nextInt(16) / 2.0)
                        .append("startsOn", Instant.ofEpochMilli(created + s * 7 * day))
                        .append("dueOn", Instant.ofEpochMilli(created + (s + 2) * 7 * day))
                        .append("reason", "gap of " + random.nextInt(4) + " levels, weight " + random.nextInt(10))
                        .append("xapiActivityId", "https://skillpath.example/activities/" + random.nextInt(10_000))
                        .append("sessionId", format.equals("WORKSHOP") ? new ObjectId() : null)
                        .append("mentorId", format.equals("MENTORING") ? "mentor-" + random.nextInt(30) : null));
            }
            List<Document> gaps = new ArrayList<>();
            for (int g = 0, n = 2 + random.nextInt(3); g < n; g++) {
                gaps.add(new Document("skillId", "skill-" + random.nextInt(60)).append("skillName", "Skill " + random.nextInt(60))
                        .append("currentLevel", (double) random.nextInt(3)).append("targetLevel", 3.0 + random.nextInt(3))
                        .append("gap", 1.0 + random.nextInt(3)).append("weight", random.nextDouble()).append("priority", random.nextDouble()));
            }
            String id = UUID.nameUUIDFromBytes(("plan" + i).getBytes()).toString();
            Document event = new Document("eventId", UUID.randomUUID().toString()).append("topic", "skillpath.plans")
                    .append("type", "org.skillpath.plan.created").append("source", "/plan-service").append("subject", id)
                    .append("key", "person-" + i % 5000).append("orgId", "org-" + i % 20).append("time", Instant.ofEpochMilli(created))
                    .append("payload", "{\"planId\":\"" + id + "\",\"steps\":" + steps.size() + "}")
                    .append("traceparent", "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01");
            plans.add(new Document("_id", id)
                    .append("personId", "person-" + i % 5000)
                    .append("orgId", "org-" + i % 20)
                    .append("assessmentId", new ObjectId())
                    .append("roleName", "Senior backend engineer")
                    .append("status", "PROPOSED")
                    .append("startsOn", Instant.ofEpochMilli(created))
                    .append("endsOn", Instant.ofEpochMilli(created + 26 * 7 * day))
                    .append("weeklyBudgetHours", 5.0)
                    .append("mix", new Document("experience", 0.7).append("social", 0.2).append("formal", 0.1))
                    .append("steps", steps)
                    .append("notes", List.of("Focus on the top three gaps", "Mentor matched by skill"))
                    .append("gaps", gaps)
                    .append("createdAt", Instant.ofEpochMilli(created))
                    .append("revision", 0)
                    .append("revisedFor", List.of())
                    .append("completedStepIds", List.of())
                    .append("pendingSwaps", List.of())
                    .append("approvedSwapIds", List.of())
                    .append("outbox", List.of(event))
                    .append("outboxPending", true)
                    .append("outboxLeaseUntil", Instant.EPOCH)
                    .append("version", 0L)
                    .append("_class", "org.skillpath.plan.plans.Plan"));
        }
        return plans;
    }
}
