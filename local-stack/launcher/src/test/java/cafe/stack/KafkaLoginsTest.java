package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker lets in only a known login, and each login only what its KafkaUser in
 * deploy/platform/kafka-users.yaml allows: a service writes its own topic, not another's, and reads only
 * what it consumes, so no pod can forge another service's events or read what it has no business with.
 */
class KafkaLoginsTest {

    @TempDir
    static Path dir;

    private static StackSettings settings;
    private static KafkaServer kafka;

    @BeforeAll
    static void start() {
        settings = new StackSettings(dir, Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort());
        kafka = KafkaServer.start(settings, true);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void anAnonymousClientIsRefused() {
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", settings.kafkaBootstrap()));
        anonymous.put("default.api.timeout.ms", 3000);
        anonymous.put("request.timeout.ms", 1000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThrows(
                    Exception.class,
                    () -> admin.listTopics().names().get(5, TimeUnit.SECONDS),
                    "a client without a login listed the topics");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> impostor = new HashMap<>(settings.kafkaClient("order-service"));
        impostor.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"order-service\""
                        + " password=\"guessed\";");
        try (Admin admin = Admin.create(impostor)) {
            ExecutionException refused = assertThrows(
                    ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void aServiceWritesItsOwnTopicAndItsDeadLettersButNoOtherTopic() {
        assertDoesNotThrow(() -> write("order-service", "cafe-orders"));
        assertDoesNotThrow(() -> write("order-service", "cafe-order-service-dlq"));
        for (String forged : List.of("cafe-payments", "cafe-barista", "cafe-payment-service-dlq")) {
            assertRefused(TopicAuthorizationException.class, () -> write("order-service", forged));
        }
        assertRefused(TopicAuthorizationException.class, () -> write("status-service", "cafe-orders"));
        assertRefused(TopicAuthorizationException.class, () -> write("cafe-eventing", "cafe-payments"));
    }

    @Test
    void aServiceReadsWhatItConsumesInItsOwnGroupsOnly() {
        assertDoesNotThrow(() -> read("payment-service", "payment-service", "cafe-orders"));
        assertDoesNotThrow(() -> read("cafe-eventing", "payment-service", "cafe-orders"));
        assertRefused(
                TopicAuthorizationException.class, () -> read("payment-service", "payment-service", "cafe-barista"));
        assertRefused(
                GroupAuthorizationException.class, () -> read("payment-service", "barista-service", "cafe-orders"));
    }

    private static void write(String login, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(settings.kafkaClient(login));
        config.put("max.block.ms", 10000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "{}")).get(10, TimeUnit.SECONDS);
        }
    }

    private static void read(String login, String group, String topic) {
        Map<String, Object> config = new HashMap<>(settings.kafkaClient(login));
        config.put("group.id", group);
        config.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            // polls until the group has its partitions: a refusal surfaces from poll as it is found
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertEquals(false, consumer.assignment().isEmpty(), login + " got no partition of " + topic);
        }
    }

    private static void assertRefused(Class<? extends Exception> refusal, ThrowingRunnable attempt) {
        Throwable thrown = assertThrows(Throwable.class, attempt::run);
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertInstanceOf(refusal, cause, thrown.toString());
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
