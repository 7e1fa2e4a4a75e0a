package org.skillpath.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic end offsets and consumer-group lag (end offset minus committed offset), through an admin client. */
final class KafkaLag implements AutoCloseable {

    /** A consumer group reading one topic. */
    record Group(String group, String topic) {
        String label() {
            return group + "@" + topic;
        }
    }

    private final Admin admin;

    KafkaLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-lag");
        admin = Admin.create(props);
    }

    void ensureTopics(List<String> topics) throws Exception {
        List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList();
        try {
            admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    long endOffsetSum(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records on the topic not yet committed by the group (a partition it never committed counts in full). */
    long lag(Group g) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(g.topic());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.group())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    /** Waits until every group has committed everything on its topic; false on timeout. */
    boolean awaitNoLag(List<Group> groups, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Group> waiting = new ArrayList<>(groups);
        while (!waiting.isEmpty()) {
            for (Group g : List.copyOf(waiting)) {
                if (lag(g) == 0) {
                    waiting.remove(g);
                }
            }
            if (waiting.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
