package cafe.testing;

import cafe.events.EventType;
import cafe.events.UnknownEventException;
import cafe.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** For tests: writes binary-mode CloudEvents to the stack's Kafka, and reads what services published. */
public final class KafkaEvents {

    private KafkaEvents() {}

    /**
     * Sends a binary-mode CloudEvent (ce_* headers, JSON data) keyed by the order id, as its producer
     * would: the data must conform to the schema of its type, so a consumer's test feeds it only what
     * the contract allows.
     */
    public static void send(String topic, String key, String eventId, String type, String json) {
        sendUnchecked(topic, key, eventId, type, EventSchemas.conforming(type, json));
    }

    /** Sends data whatever it is, e.g. a poison message a consumer must dead-letter. */
    public static void sendUnchecked(String topic, String key, String eventId, String type, String data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, data);
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(eventId))
                .add("ce_type", bytes(type))
                .add("ce_source", bytes(sourceOf(type)))
                .add("ce_subject", bytes(key))
                .add("content-type", bytes("application/json"));
        sendRaw(record);
    }

    public static void sendRaw(ProducerRecord<String, String> record) {
        Properties props = new Properties();
        props.putAll(kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + record.topic(), e);
        }
    }

    /**
     * The event of this type a service published for the order, after checking it against the schema of
     * its type: a producer's test proves it keeps the contract its consumers are tested with.
     */
    public static ConsumerRecord<String, String> awaitEvent(
            String topic, String orderId, String type, Duration timeout) {
        ConsumerRecord<String, String> event =
                await(topic, r -> orderId.equals(r.key()) && type.equals(header(r, "ce_type")), timeout).stream()
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no " + type + " on " + topic + " for order " + orderId));
        EventSchemas.conforming(type, event.value());
        return event;
    }

    /** Reads the topic from the start until a record matches or the time is up; returns the matches. */
    public static List<ConsumerRecord<String, String>> await(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Properties props = new Properties();
        props.putAll(kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (found.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    /** Every record the topic holds now, from the beginning. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.putAll(kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Records the consumer groups have yet to process, over all their partitions. */
    public static long lag(List<String> groups) {
        Properties props = new Properties();
        props.putAll(kafka());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            long lag = 0;
            for (String group : groups) {
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>
                        committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                        new java.util.HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                for (var entry : committed.entrySet()) {
                    lag += Math.max(
                            0,
                            ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read consumer lag", e);
        }
    }

    /** How many consumers the group has now: a member that never left holds its partitions until its session times out. */
    public static int members(String group) {
        Properties props = new Properties();
        props.putAll(kafka());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            return admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get()
                    .members()
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot describe consumer group " + group, e);
        }
    }

    /** The record's header as text, or null. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> all = new java.util.TreeMap<>();
        record.headers().forEach(h -> all.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return all;
    }

    /** The source the owner of {@code type}'s topic names; a type nobody owns (poison) names the tests. */
    public static String sourceOf(String type) {
        try {
            return EventType.ofCeType(type).source();
        } catch (UnknownEventException unknownType) {
            return "/tests";
        }
    }

    /** The stack's operator login, which may read and write every topic. */
    private static Map<String, Object> kafka() {
        return LocalStack.shared().settings().kafkaOperator();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
