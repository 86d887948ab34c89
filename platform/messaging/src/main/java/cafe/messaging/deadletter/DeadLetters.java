package cafe.messaging.deadletter;

import cafe.events.UnknownEventException;
import cafe.messaging.inbox.EventHandler;
import cafe.messaging.inbox.Poison;
import cafe.messaging.inbox.ReceivedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * wellness check), and the replay, which re-delivers them through the service's own idempotent handlers
 * and parks what still cannot be applied ({@link ParkedDeadLetters}, gauge {@code cafe_dead_letters_parked}).
 * Progress is the committed offset of the consumer group {@code <service>-dead-letter-replay}, so each
 * record is replayed once.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final int LATEST_PARKED = 50;

    private final String topic;
    private final String group;
    private final Map<String, Object> kafka;
    private final Instance<EventHandler> handlers;
    private final ParkedDeadLetters parked;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parkedCount = new AtomicLong();
    private final ReentrantLock replaying = new ReentrantLock();
    private Admin admin;

    DeadLetters(
            @ConfigProperty(name = "cafe.dead-letters.topic") String topic,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            Instance<EventHandler> handlers,
            ParkedDeadLetters parked,
            MeterRegistry registry) {
        this.parked = parked;
        this.topic = topic;
        this.group = application + "-dead-letter-replay";
        this.kafka = kafka;
        this.handlers = handlers;
        Gauge.builder("cafe.dead.letters.pending", pending, AtomicLong::get)
                .description("Records in this service's dead-letter topic it has not replayed")
                .register(registry);
        Gauge.builder("cafe.dead.letters.parked", parkedCount, AtomicLong::get)
                .description("Dead letters a replay set aside because they cannot be applied")
                .register(registry);
    }

    /** What a replay did: records read, re-applied, and parked (unreadable or refused, set aside with the reason). */
    public record Replay(long replayed, long applied, long parked) {}

    /** The dead-letter topic, what is left to replay in it, and the latest records a replay parked. */
    public record State(String topic, long pending, long parked, List<ParkedDeadLetters.Parked> latestParked) {}

    /** Records not replayed yet, as of the last check. */
    public long pending() {
        return pending.get();
    }

    public State state() {
        refresh();
        return new State(topic, pending.get(), parkedCount.get(), parked.latest(LATEST_PARKED));
    }

    /**
     * Re-delivers every record dead-lettered since the last replay. Blocking: run it on a worker thread.
     * A record that cannot be read, or that the database refuses, is parked with the reason and the replay
     * goes on; a failure that will pass (the database away) stops the replay before that record (its
     * offset is not committed), so running it again later picks up from there.
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
            long parkedNow = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p, KAFKA_TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    String refused = apply(record);
                    if (refused == null) {
                        applied++;
                    } else {
                        park(record, refused);
                        parkedNow++;
                    }
                    consumer.commitSync(Map.of(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
            Log.infof("Dead letters replayed from %s: %d re-applied, %d parked", topic, applied, parkedNow);
            refresh();
            return new Replay(applied + parkedNow, applied, parkedNow);
        } finally {
            replaying.unlock();
        }
    }

    /**
     * Counts what is left to replay (the end of each dead-letter topic less the replay group's position) and
     * what is parked, for the gauges, which never query on a scrape.
     */
    @Scheduled(every = "${cafe.dead-letters.check-every:30s}", delayed = "5s")
    void refresh() {
        try {
            parkedCount.set(parked.count());
        } catch (RuntimeException e) {
            Log.debugf("Parked dead letters not counted: %s", e.getMessage());
        }
        try {
            Admin kafka = admin();
            Map<TopicPartition, OffsetAndMetadata> replayed = kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> starts = new java.util.HashMap<>();
            kafka.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> description.partitions().forEach(p -> {
                        ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                        starts.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                    }));
            var latest = kafka.listOffsets(ends).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            var earliest = kafka.listOffsets(starts).all().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long left = 0;
            for (var partition : latest.entrySet()) {
                OffsetAndMetadata done = replayed.get(partition.getKey());
                long from = done != null
                        ? done.offset()
                        : earliest.get(partition.getKey()).offset();
                left += Math.max(0, partition.getValue().offset() - from);
            }
            pending.set(left);
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

    /** Applies the record through every handler; the reason it can never be applied, or null when it was. */
    private String apply(ConsumerRecord<String, String> record) {
        ReceivedEvent event;
        try {
            event = ReceivedEvent.of(
                    header(record, "ce_id"), header(record, "ce_type"), header(record, "ce_source"), record.value());
        } catch (UnknownEventException e) {
            return "unreadable: " + e.getMessage();
        }
        for (EventHandler handler : handlers) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> handler.apply(event));
            } catch (Throwable e) {
                if (Poison.refusedByTheDatabase(e)) {
                    return "refused: " + e.getMessage();
                }
                throw new IllegalStateException(
                        "Replay stopped at " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return null;
    }

    private void park(ConsumerRecord<String, String> record, String reason) {
        Log.warnf("Dead letter %s-%d@%d parked, %s", record.topic(), record.partition(), record.offset(), reason);
        parked.park(
                new ParkedDeadLetters.Parked(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        header(record, "ce_id"),
                        header(record, "ce_type"),
                        reason,
                        Instant.now()),
                record.value());
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.putAll(kafka);
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
