package org.skillpath.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.skillpath.bench.baseline.Templates;
import tools.jackson.databind.ObjectMapper;

/**
 * One assessment through the real services before anything is measured: proves the pipeline works end to end
 * and captures what it produced (event payloads, the plan-ready mail) for the baseline to send.
 */
final class Calibration {

    private Calibration() {
    }

    /** What the calibration produced, and how long its assessment took from submission to the mail. */
    record Result(Templates templates, long mailMs) {
    }

    static Result capture(SystemArm system, MailSink mail, String bootstrap, ObjectMapper json) throws Exception {
        String org = "bench-calibration-" + UUID.randomUUID().toString().substring(0, 6);
        Flight f = system.prepare(org, 1, 0).get(0);
        mail.reset();
        mail.watch(List.of(f));
        MicroClock clock = new MicroClock();
        f.intended = clock.now();
        system.submit(f, clock);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (f.mailed == 0) {
            if (f.error != null) {
                throw new IllegalStateException("the calibration assessment was refused: " + f.error);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no plan-ready mail for the calibration assessment within 2 minutes");
            }
            Thread.sleep(100);
        }
        RateRun.say("Calibration: one assessment to its plan-ready mail in %.0f ms", (f.mailed - f.intended) / 1000.0);

        Map<String, ConsumerRecord<String, byte[]>> byType = records(bootstrap, f.personId,
                List.of(SystemArm.TOPICS.assessment(), SystemArm.TOPICS.plan(), SystemArm.TOPICS.notification()));
        ConsumerRecord<String, byte[]> gaps = byType.get(StageWatcher.GAPS);
        ConsumerRecord<String, byte[]> plan = byType.get(StageWatcher.PLAN_CREATED);
        ConsumerRecord<String, byte[]> nudge = byType.get(StageWatcher.NUDGE_SENT);
        ConsumerRecord<String, byte[]> completed = byType.get("org.skillpath.assessment.completed");

        MimeMessage m = mail.mailsTo(f.email).stream().filter(x -> subject(x).equals(MailSink.PLAN_READY_SUBJECT))
                .findFirst().orElseThrow();
        Map<String, String> parts = new HashMap<>();
        collect(m, parts);

        Map<String, String> ids = new HashMap<>();
        ids.put(Templates.PERSON, f.personId);
        ids.put(Templates.MANAGER, f.managerId);
        ids.put(Templates.ORG, org);
        ids.put(Templates.ASSESSMENT, json.readTree(gaps.value()).get("assessmentId").asString());
        ids.put(Templates.PLAN, json.readTree(plan.value()).get("planId").asString());
        ids.put(Templates.PLAN_EVENT, header(plan, "ce_id"));
        ids.put(Templates.NUDGE, json.readTree(nudge.value()).get("nudgeId").asString());
        ids.put(Templates.DISPLAY_NAME, f.displayName);
        ids.put(Templates.EMAIL, f.email);
        return new Result(new Templates(ids, text(completed), text(gaps), text(plan), text(nudge),
                MailSink.PLAN_READY_SUBJECT, m.getFrom()[0].toString(), parts.get("text/plain"), parts.get("text/html")),
                Math.round((f.mailed - f.intended) / 1000.0));
    }

    /** The first record of each type keyed by {@code key} on the topics, read from their beginning. */
    private static Map<String, ConsumerRecord<String, byte[]>> records(String bootstrap, String key, List<String> topics)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, ConsumerRecord<String, byte[]>> byType = new HashMap<>();
        List<String> wanted = List.of(StageWatcher.GAPS, StageWatcher.PLAN_CREATED, StageWatcher.NUDGE_SENT,
                "org.skillpath.assessment.completed");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                c.partitionsFor(t, Duration.ofSeconds(10)).forEach(i -> partitions.add(new TopicPartition(t, i.partition())));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!byType.keySet().containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("calibration events missing: found only " + byType.keySet());
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        byType.putIfAbsent(header(r, "ce_type"), r);
                    }
                }
            }
        }
        return byType;
    }

    private static void collect(Part part, Map<String, String> out) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                collect(b, out);
            }
        } else if (part.isMimeType("text/plain")) {
            out.putIfAbsent("text/plain", String.valueOf(part.getContent()));
        } else if (part.isMimeType("text/html")) {
            out.putIfAbsent("text/html", String.valueOf(part.getContent()));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String text(ConsumerRecord<String, byte[]> r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }

    private static String subject(MimeMessage m) {
        try {
            return String.valueOf(m.getSubject());
        } catch (Exception e) {
            return "";
        }
    }
}
