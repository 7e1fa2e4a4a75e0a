package org.skillpath.bench.baseline;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One consumer thread of one group, as the binder runs it: poll, handle each record (three attempts with
 * back-off, then give up on it like a dead letter), commit synchronously after the batch was processed.
 */
final class ConsumerLoop implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Thread thread;
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    ConsumerLoop(String group, String topic, String bootstrap, Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.handler = handler;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(this::loop, group);
        thread.setDaemon(true);
        thread.start();
    }

    long failed() {
        return failed.get();
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                for (ConsumerRecord<String, byte[]> r : records) {
                    handle(r);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // close() asked
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        long backOff = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                handler.accept(r);
                return;
            } catch (IllegalArgumentException poison) {
                failed.incrementAndGet();
                System.err.println(thread.getName() + ": poison record " + r.topic() + "/" + r.offset() + ": " + poison.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    failed.incrementAndGet();
                    System.err.println(thread.getName() + ": gave up on " + r.topic() + "/" + r.offset() + ": " + e);
                    return;
                }
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backOff = Math.min(2000, backOff * 2);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
