package cafe.status;

import cafe.events.Topics;
import cafe.events.UnknownEventException;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.repository.StatusRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds the view from the topics: empties it, then replays every topic from its beginning up to
 * where it ended when the rebuild began. Live consumption goes on meanwhile; since the fold ignores
 * arrival order and event ids are recorded once, both converge on the same documents.
 */
@ApplicationScoped
public class ViewRebuilder {

    private final OrderStatusService statuses;
    private final StatusRepository repository;
    private final String bootstrapServers;

    ViewRebuilder(
            OrderStatusService statuses,
            StatusRepository repository,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.statuses = statuses;
        this.repository = repository;
        this.bootstrapServers = bootstrapServers;
    }

    /** What a rebuild did. */
    public record Report(long events, long skipped, long orders) {}

    /** Blocks until the replay has caught up; run it on a worker thread. */
    public Report rebuild() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(repository::clear));
        long events = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = Topics.ALL.stream()
                    .flatMap(topic ->
                            consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        ReceivedEvent event =
                                ReceivedEvent.of(header(record, "ce_id"), header(record, "ce_type"), record.value());
                        VertxContextSupport.subscribeAndAwait(() -> statuses.apply(event));
                        events++;
                    } catch (UnknownEventException e) {
                        skipped++;
                    }
                }
            }
        }
        long orders = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(repository::count));
        Log.infof(
                "View rebuilt from the topics: %d events into %d orders (%d unreadable skipped)",
                events, orders, skipped);
        return new Report(events, skipped, orders);
    }

    private Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "status-rebuild-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
