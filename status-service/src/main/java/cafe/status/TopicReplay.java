package cafe.status;

import cafe.events.Topics;
import cafe.events.UnknownEventException;
import cafe.messaging.inbox.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every lifecycle topic from its beginning up to where it ended when the replay began, with a
 * consumer group of its own that commits nothing, and hands over the readable events of each poll.
 * A record that is no readable event is counted and skipped, and so is an event the batch refuses.
 * Blocking.
 */
final class TopicReplay {

    /** What a replay read: events applied, records skipped (unreadable, or refused). */
    record Counts(long events, long skipped) {}

    /** Takes one poll's events; answers how many of them it refused (and skipped). */
    interface Batch {
        long apply(List<ReceivedEvent> events) throws Throwable;
    }

    private TopicReplay() {}

    /** Reads every lifecycle topic from its start with the service's own Kafka login ({@code kafka}). */
    static Counts replay(Map<String, Object> kafka, Batch batch) throws Throwable {
        long events = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig(kafka), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = Topics.ALL.stream()
                    .flatMap(topic ->
                            consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                List<ReceivedEvent> readable = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        readable.add(ReceivedEvent.of(
                                header(record, "ce_id"),
                                header(record, "ce_type"),
                                header(record, "ce_source"),
                                record.value()));
                    } catch (UnknownEventException e) {
                        skipped++;
                    }
                }
                long refused = batch.apply(readable);
                events += readable.size() - refused;
                skipped += refused;
            }
        }
        return new Counts(events, skipped);
    }

    private static Properties consumerConfig(Map<String, Object> kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        // a group of its own, named after the service as its Kafka login may join
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "status-service-rebuild-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
