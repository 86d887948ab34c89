package cafe.messaging.deadletter;

import cafe.events.UnknownEventException;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.ReceivedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's dead-letter topic ({@code cafe.dead-letters.topic}), where its Kafka channels put what
 * they could not apply and, on Knative, its KafkaSources' dead-letter sink what its {@code /events}
 * refused: how many records it has not replayed yet (gauge {@code cafe_dead_letters_pending}, and a
 * wellness check), and the replay, which re-delivers them through the service's own idempotent handlers.
 * Progress is the committed offset of the consumer group {@code <service>-dead-letter-replay}, so each
 * record is replayed once.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> topics;
    private final String group;
    private final String bootstrapServers;
    private final Instance<EventHandler> handlers;
    private final AtomicLong pending = new AtomicLong();
    private final ReentrantLock replaying = new ReentrantLock();
    private volatile Map<String, Long> pendingByTopic = Map.of();
    private Admin admin;

    DeadLetters(
            @ConfigProperty(name = "cafe.dead-letters.topic") String topic,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            Instance<EventHandler> handlers,
            MeterRegistry registry) {
        this.topics = List.of(topic);
        this.group = application + "-dead-letter-replay";
        this.bootstrapServers = bootstrapServers;
        this.handlers = handlers;
        Gauge.builder("cafe.dead.letters.pending", pending, AtomicLong::get)
                .description("Records in this service's dead-letter topics it has not replayed")
                .register(registry);
    }

    /** What a replay did: records read, re-applied, and still unreadable (left behind, counted once). */
    public record Replay(long replayed, long applied, long unreadable, Map<String, Long> byTopic) {}

    /** Records not replayed yet, per dead-letter topic, as of the last check. */
    public Map<String, Long> pending() {
        return pendingByTopic;
    }

    /**
     * Re-delivers every record dead-lettered since the last replay. Blocking: run it on a worker thread.
     * A failure to apply stops the replay before that record (its offset is not committed), so running
     * it again later picks up from there.
     */
    public Replay replay() {
        if (!replaying.tryLock()) {
            throw new ReplayRunningException();
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            long applied = 0;
            long unreadable = 0;
            Map<String, Long> byTopic = new TreeMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p, KAFKA_TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (apply(record)) {
                        applied++;
                    } else {
                        unreadable++;
                    }
                    byTopic.merge(record.topic(), 1L, Long::sum);
                    consumer.commitSync(Map.of(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
            Log.infof(
                    "Dead letters replayed: %d re-applied, %d still unreadable, by topic %s",
                    applied, unreadable, byTopic);
            refresh();
            return new Replay(applied + unreadable, applied, unreadable, byTopic);
        } finally {
            replaying.unlock();
        }
    }

    /** Counts what is left to replay: the end of each dead-letter topic less the replay group's position. */
    @Scheduled(every = "${cafe.dead-letters.check-every:30s}", delayed = "5s")
    void refresh() {
        try {
            Admin kafka = admin();
            Map<TopicPartition, OffsetAndMetadata> replayed = kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new java.util.HashMap<>();
            kafka.describeTopics(topics)
                    .allTopicNames()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> description.partitions().forEach(p -> {
                        ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                        starts.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                    }));
            var latest = kafka.listOffsets(ends).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            var earliest = kafka.listOffsets(starts).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> byTopic = new TreeMap<>();
            topics.forEach(topic -> byTopic.put(topic, 0L));
            latest.forEach((partition, end) -> {
                OffsetAndMetadata done = replayed.get(partition);
                long from =
                        done != null ? done.offset() : earliest.get(partition).offset();
                byTopic.merge(partition.topic(), Math.max(0, end.offset() - from), Long::sum);
            });
            pendingByTopic = Map.copyOf(byTopic);
            pending.set(byTopic.values().stream().mapToLong(Long::longValue).sum());
        } catch (ExecutionException | TimeoutException e) {
            // a topic nothing was ever dead-lettered to may not exist yet: nothing pending there
            Log.debugf("Dead-letter topics not checked: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close(@Observes ShutdownEvent stopping) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private boolean apply(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.of(header(record, "ce_id"), header(record, "ce_type"), record.value());
        } catch (UnknownEventException e) {
            return false;
        }
        for (EventHandler handler : handlers) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> handler.apply(event));
            } catch (Throwable e) {
                throw new IllegalStateException(
                        "Replay stopped at " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                        .map(p -> new TopicPartition(topic, p.partition())))
                .toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis() / 2);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
            admin = Admin.create(props);
        }
        return admin;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
