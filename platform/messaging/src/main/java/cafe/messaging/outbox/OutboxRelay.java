package cafe.messaging.outbox;

import cafe.messaging.TraceParent;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes committed outbox rows to Kafka as binary-mode CloudEvents, oldest first, and marks them
 * published. It runs when a commit notifies it (see V0_3__outbox_wake_up.sql), after a failure's backoff,
 * and on a slow sweep that is only a safety net. Only the leading replica publishes ({@link
 * RelayLeadership}), one run at a time, so a later event of an order never overtakes an earlier one;
 * each batch costs two statements (read, mark) and no transaction stays open while Kafka acknowledges.
 * A batch that fails is not marked and is sent again whole; consumers drop what they already applied.
 * Each event is published in the trace of the request or event that caused it, not in the relay's.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    static final String CHANNEL = "outbox";
    private static final String PENDING =
            "select id, event_id, event_type, topic, aggregate_id, source, payload, created_at, trace_parent"
                    + " from outbox_event where published_at is null order by id limit $1";
    private static final String MARK_PUBLISHED = "update outbox_event set published_at = now() where id = any($1)";

    private final MutinyEmitter<String> emitter;
    private final Pool pool;
    private final Vertx vertx;
    private final RelayLeadership leadership;
    private final Timer publishLatency;
    private final int batchSize;
    private final Duration sweepInterval;
    /** How long one batch may take, Kafka's acknowledgements included, before the relay gives up on it. */
    private final Duration batchDeadline;

    private final Backoff backoff;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean runAgain = new AtomicBoolean();
    private long sweepTimer;

    @Inject
    OutboxRelay(
            @Channel(CHANNEL) MutinyEmitter<String> emitter,
            Pool pool,
            Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password,
            OutboxConfig config) {
        this(
                emitter,
                pool,
                vertx,
                url,
                user,
                password,
                config.batchSize(),
                config.sweepInterval(),
                config.maxBackoff(),
                config.batchDeadline(),
                config.leadCheck());
    }

    /** A relay with these settings: another replica's, in a test. */
    OutboxRelay(
            MutinyEmitter<String> emitter,
            Pool pool,
            Vertx vertx,
            String url,
            String user,
            String password,
            int batchSize,
            Duration sweepInterval,
            Duration maxBackoff,
            Duration batchDeadline,
            Duration leadCheck) {
        this.emitter = emitter;
        this.pool = pool;
        this.vertx = vertx;
        this.leadership = new RelayLeadership(
                vertx,
                PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                        .setUser(user)
                        .setPassword(password),
                leadCheck,
                this::wake);
        this.publishLatency = Timer.builder("cafe.outbox.publish.latency")
                .description("From the commit of an event to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(Metrics.globalRegistry);
        this.batchSize = batchSize;
        this.sweepInterval = sweepInterval;
        this.batchDeadline = batchDeadline;
        this.backoff = new Backoff(Duration.ofMillis(200), maxBackoff);
    }

    void start(@Observes StartupEvent started) {
        sweepTimer = vertx.setPeriodic(sweepInterval.toMillis(), sweepInterval.toMillis(), id -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent stopping) {
        vertx.cancelTimer(sweepTimer);
        leadership.close();
    }

    /** Publishes soon, unless a failure's backoff is still running (its end wakes the relay). */
    void wake() {
        if (backoff.due()) {
            publishPending().subscribe().with(published -> {}, failure -> {});
        }
    }

    /**
     * Publishes batches until none is left, if this replica leads; emits the number of rows published. A
     * call while a run is going on asks that run to go round once more, and emits 0.
     */
    public Uni<Integer> publishPending() {
        if (!running.compareAndSet(false, true)) {
            runAgain.set(true);
            return Uni.createFrom().item(0);
        }
        return leadership
                .lead()
                .chain(leading -> leading ? publishBatches() : Uni.createFrom().item(0))
                .invoke(backoff::reset)
                .onFailure()
                .recoverWithItem(this::backOff)
                .eventually(() -> {
                    running.set(false);
                    if (runAgain.getAndSet(false)) {
                        wake();
                    }
                });
    }

    /** Whether this replica believes it leads (for the tests). */
    boolean leads() {
        return leadership.leading();
    }

    private int backOff(Throwable failure) {
        Duration wait = backoff.failed();
        Log.warnf("Outbox relay could not publish (%s); next try in %d ms", failure.getMessage(), wait.toMillis());
        vertx.setTimer(wait.toMillis(), id -> wake());
        return 0;
    }

    private Uni<Integer> publishBatches() {
        return publishBatch()
                .chain(count -> count < batchSize
                        ? Uni.createFrom().item(count)
                        : publishBatches().map(more -> count + more));
    }

    /**
     * One batch, within a deadline: a database or broker that stops answering fails the batch (it is sent
     * again later) instead of wedging the relay for good.
     */
    private Uni<Integer> publishBatch() {
        return pool.preparedQuery(PENDING)
                .execute(Tuple.of(batchSize))
                .map(rows -> {
                    List<OutboxEvent> batch = new ArrayList<>();
                    rows.forEach(row -> batch.add(toEvent(row)));
                    return batch;
                })
                .chain(batch -> batch.isEmpty()
                        ? Uni.createFrom().item(0)
                        : publishInOrder(batch).call(() -> markPublished(batch)).replaceWith(batch.size()))
                .ifNoItem()
                .after(batchDeadline)
                .fail();
    }

    private Uni<Void> markPublished(List<OutboxEvent> batch) {
        Long[] ids = batch.stream().map(row -> row.id).toArray(Long[]::new);
        return pool.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).replaceWithVoid();
    }

    /**
     * Hands every row to the producer in order, then waits for all acknowledgements: the idempotent
     * producer keeps the order per partition, and the batch costs one round trip instead of one per row.
     */
    private Uni<Void> publishInOrder(List<OutboxEvent> rows) {
        List<Uni<Void>> sends =
                rows.stream().map(row -> emitter.sendMessage(toMessage(row))).toList();
        return Uni.join()
                .all(sends)
                .andFailFast()
                .invoke(() -> {
                    Instant now = Instant.now();
                    rows.forEach(row -> publishLatency.record(Duration.between(row.createdAt, now)));
                })
                .replaceWithVoid();
    }

    private static OutboxEvent toEvent(Row row) {
        OutboxEvent event = new OutboxEvent();
        event.id = row.getLong("id");
        event.eventId = row.getUUID("event_id");
        event.type = row.getString("event_type");
        event.topic = row.getString("topic");
        event.key = row.getString("aggregate_id");
        event.source = row.getString("source");
        event.payload = row.getString("payload");
        event.createdAt = row.getOffsetDateTime("created_at").toInstant();
        event.traceParent = row.getString("trace_parent");
        return event;
    }

    private static Message<String> toMessage(OutboxEvent row) {
        return Message.of(row.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.topic)
                        .withKey(row.key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.eventId.toString())
                        .withType(row.type)
                        .withDataContentType("application/json")
                        .withSource(URI.create(row.source))
                        .withSubject(row.key)
                        .withTimestamp(row.createdAt.atZone(java.time.ZoneOffset.UTC))
                        .build())
                // the Kafka connector opens the producer span under the trace that wrote the row and
                // puts its traceparent in the record headers, where the consumers pick it up
                .addMetadata(TracingMetadata.withCurrent(TraceParent.restore(row.traceParent)));
    }
}
