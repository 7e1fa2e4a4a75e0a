package org.skillpath.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.store.StoredMessage;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfraTest {

    @Test
    void brokerKeepsTopicsAndRecordsAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0, 0)) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "before restart")).get(10, TimeUnit.SECONDS);
            }
            kafka.restart();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(names).contains("kept");
            }
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                String value = null;
                while (value == null && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        value = r.value();
                    }
                }
                assertThat(value).isEqualTo("before restart");
            }
        }
    }

    @Test
    void h2BackedStoreKeepsDocumentsAcrossARestart(@TempDir Path dir) {
        Path file = dir.resolve("mongo.mv");
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("d").getCollection("c").insertOne(new Document("_id", "a").append("v", 1));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(file, 0);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document found = client.getDatabase("d").getCollection("c").find(new Document("_id", "a")).first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("v")).isEqualTo(1);
        }
    }

    @Test
    void smtpServerListensOnLoopbackOnly() {
        try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0)) {
            assertThat(smtp.port()).isPositive();
            assertThat(smtp.received()).isEmpty();
        }
    }

    @Test
    void bothSmtpVariantsStoreMailsWithTheirReceiveTimeForgetThemOnResetAndServeAgainAfterAResume() throws Exception {
        for (boolean noDelay : new boolean[] {true, false}) {
            try (EmbeddedSmtp smtp = EmbeddedSmtp.start(0, noDelay)) {
                send(smtp.port(), "first@example.org");
                assertThat(smtp.awaitMails(1, 10_000)).as("noDelay=%s", noDelay).isTrue();
                List<StoredMessage> stored = smtp.stored();
                assertThat(stored).hasSize(1);
                assertThat(stored.get(0).getReceivedDate()).isNotNull();
                assertThat(smtp.stored().get(0)).as("the same object on each call").isSameAs(stored.get(0));

                smtp.reset();
                assertThat(smtp.received()).isEmpty();
                assertThat(smtp.stored()).isEmpty();

                // The server is created anew on start: the TCP_NODELAY variant must survive that too.
                smtp.suspend();
                smtp.resume();
                send(smtp.port(), "second@example.org");
                assertThat(smtp.awaitMails(1, 10_000)).isTrue();
                assertThat(smtp.received()[0].getAllRecipients()[0].toString()).isEqualTo("second@example.org");
            }
        }
    }

    private static void send(int port, String to) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("test@skillpath.local"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("hello");
        m.setText("A test mail.");
        Transport.send(m);
    }
}
