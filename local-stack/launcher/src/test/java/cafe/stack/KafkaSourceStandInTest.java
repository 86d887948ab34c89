package cafe.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in for KafkaSource keeps KafkaSource's contract, on the local stack's real Kafka and a sink
 * that answers as told: binary-mode CloudEvents with Eventing's kind of token, one record in flight per
 * partition, passing refusals retried, final ones dead-lettered with Knative's error extensions.
 */
class KafkaSourceStandInTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "stand-in-" + run;
    private final String deadLetters = "stand-in-dlq-" + run;
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final StackSettings settings = LocalStack.shared().settings();
    private HttpServer sink;
    private KafkaSourceStandIn standIn;

    @BeforeEach
    void start() throws Exception {
        try (Admin admin = Admin.create(settings.kafkaOperator())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(deadLetters, 1, (short) 1)))
                    .all()
                    .get();
        }
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        sink.createContext("/events", exchange -> {
            try (exchange) {
                String id = exchange.getRequestHeaders().getFirst("ce-id");
                tokens.put(id, exchange.getRequestHeaders().getFirst("Authorization"));
                int attempt =
                        attempts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
                int status = id.startsWith("poison") ? 400 : id.startsWith("flaky") && attempt <= 2 ? 503 : 202;
                if (status == 202) {
                    arrivals.add(id + ":" + exchange.getRequestHeaders().getFirst("ce-type"));
                }
                byte[] body = (status == 400 ? "{\"detail\":\"unreadable\"}" : "").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        sink.start();
        EventingManifest.Source source = new EventingManifest.Source(
                "test-" + run,
                "test-" + run,
                List.of(topic),
                "test-service",
                "/events",
                "cafe/test-service/events",
                3,
                true,
                Duration.ofMillis(50),
                deadLetters);
        standIn = KafkaSourceStandIn.start(
                List.of(source),
                settings.kafkaOperator(),
                Map.of("test-service", sink.getAddress().getPort()),
                settings.keycloak());
    }

    @AfterEach
    void stop() {
        standIn.close();
        sink.stop(0);
    }

    @Test
    void deliversEachPartitionInOrderRetriesPassingRefusalsAndDeadLettersFinalOnes() throws Exception {
        // one key, one partition: the flaky first record holds back the two behind it until it is accepted
        send("order-1", "flaky-1", "cafe.order.placed");
        send("order-1", "second-1", "cafe.order.canceled");
        send("order-1", "third-1", "cafe.payment.refunded");
        send("order-2", "poison-2", "cafe.order.placed");

        awaitTrue(() -> standIn.delivered() == 3 && standIn.deadLettered() == 1);

        assertEquals(
                List.of("flaky-1:cafe.order.placed", "second-1:cafe.order.canceled", "third-1:cafe.payment.refunded"),
                arrivals);
        assertEquals(3, attempts.get("flaky-1").get(), "two 503s, then accepted");
        assertEquals(1, attempts.get("poison-2").get(), "a 400 is final: not retried");

        ConsumerRecord<String, String> letter = readOne(deadLetters);
        assertEquals("order-2", letter.key());
        assertEquals("poison-2", header(letter, "ce_id"));
        assertEquals("400", header(letter, "ce_knativeerrorcode"));
        assertTrue(header(letter, "ce_knativeerrordest").endsWith("/events"));
        assertEquals(
                "{\"detail\":\"unreadable\"}",
                new String(Base64.getDecoder().decode(header(letter, "ce_knativeerrordata")), StandardCharsets.UTF_8));

        String claims = new String(
                Base64.getUrlDecoder()
                        .decode(tokens.get("second-1")
                                .substring("Bearer ".length())
                                .split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(
                claims.contains(
                        "\"sub\":\"system:serviceaccount:cafe:test-" + run + "-oidc-sources.knative.dev-kafkasource\""),
                claims);
        assertTrue(claims.contains("\"aud\":\"cafe/test-service/events\""), claims);
        assertTrue(!claims.contains("groups"), "Eventing's token carries no roles: " + claims);
    }

    @Test
    void onlyTheseAnswersAreRetried() {
        for (int status : List.of(0, 404, 408, 409, 429, 500, 503)) {
            assertTrue(KafkaSourceStandIn.retryable(status), "retries " + status);
        }
        for (int status : List.of(400, 401, 403, 413, 422)) {
            assertTrue(!KafkaSourceStandIn.retryable(status), "dead-letters " + status);
        }
    }

    private void send(String key, String id, String type) throws Exception {
        Properties props = new Properties();
        props.putAll(settings.kafkaOperator());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, "{}");
            record.headers()
                    .add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                    .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                    .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                    .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private ConsumerRecord<String, String> readOne(String from) {
        Properties props = new Properties();
        props.putAll(settings.kafkaOperator());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + run);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(from));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertEquals(1, read.size(), "one dead letter");
            return read.getFirst();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s");
            Thread.sleep(50);
        }
    }
}
