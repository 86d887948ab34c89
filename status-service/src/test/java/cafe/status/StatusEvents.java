package cafe.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.stack.LocalStack;
import cafe.testing.AnOrder;
import cafe.testing.KafkaEvents;
import cafe.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends an event to its topic as the producing service would: a binary CloudEvent keyed by order id. */
final class StatusEvents {

    private StatusEvents() {}

    static String send(CafeEvent event) {
        String id = UUID.randomUUID().toString();
        send(id, event);
        return id;
    }

    /**
     * An order with these events: sends them to their topics, as the services that own them publish them, and
     * waits until the view shows the order to its customer in {@code status}.
     */
    static void given(AnOrder order, String status, CafeEvent... events) {
        for (CafeEvent event : events) {
            send(event);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Tokens.asCustomer(order.customer())
                        .get("/order-status/" + order.id())
                        .then()
                        .statusCode(200)
                        .body("status", equalTo(status)));
    }

    static void send(String eventId, CafeEvent event) {
        KafkaEvents.send(
                event.type().topic(),
                event.orderId().toString(),
                eventId,
                event.type().ceType(),
                EventCodec.toJson(event));
    }

    /** A record to send as it is: a binary CloudEvent whatever its data, keyed by order id. */
    record Raw(String eventId, String type, String key, String data) {

        static Raw of(String eventId, CafeEvent event) {
            return new Raw(eventId, event.type().ceType(), event.orderId().toString(), EventCodec.toJson(event));
        }

        static Raw of(CafeEvent event) {
            return of(UUID.randomUUID().toString(), event);
        }
    }

    /**
     * Sends the records to one partition of the topic in one produce request, so they reach the consumer
     * in one poll: one batch, in this order. Different orders may share a partition in production too.
     */
    static void sendAsOneBatch(String topic, List<Raw> records) {
        Properties props = new Properties();
        props.putAll(LocalStack.shared().settings().kafkaOperator());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // nothing leaves before flush(): then every record goes in the one request
        props.put(ProducerConfig.LINGER_MS_CONFIG, "60000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Raw raw : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, raw.key(), raw.data());
                record.headers()
                        .add("ce_specversion", bytes("1.0"))
                        .add("ce_id", bytes(raw.eventId()))
                        .add("ce_type", bytes(raw.type()))
                        .add("ce_source", bytes(KafkaEvents.sourceOf(raw.type())))
                        .add("ce_subject", bytes(raw.key()))
                        .add("content-type", bytes("application/json"));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
