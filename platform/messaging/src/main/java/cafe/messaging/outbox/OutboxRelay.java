package cafe.messaging.outbox;

import cafe.messaging.DedicatedConnections;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final OutboxConfig.Relay settings;
    private final RelayLeadership leadership;
    private final Timer publishLatency;
    private final Backoff backoff;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean runAgain = new AtomicBoolean();
    private long sweepTimer;

    @Inject
    OutboxRelay(
            @Channel(CHANNEL) MutinyEmitter<String> emitter,
            Pool pool,
            Vertx vertx,
            DedicatedConnections connections,
            OutboxConfig config) {
        this(emitter, pool, vertx, connections.options(), config.relay());
    }

    /** Another replica's relay, in a test: it asks for the lead on a connection of these options. */
    OutboxRelay(
            MutinyEmitter<String> emitter,
            Pool pool,
            Vertx vertx,
            PgConnectOptions leaderConnection,
            OutboxConfig.Relay settings) {
        this.emitter = emitter;
        this.pool = pool;
        this.vertx = vertx;
        this.settings = settings;
        this.leadership = new RelayLeadership(vertx, leaderConnection, settings.leadCheck(), this::wake);
        this.publishLatency = Timer.builder("cafe.outbox.publish.latency")
                .description("From the commit of an event to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(Metrics.globalRegistry);
        this.backoff = new Backoff(Duration.ofMillis(200), settings.maxBackoff());
    }

    void start(@Observes StartupEvent started) {
        long sweepEvery = settings.sweepInterval().toMillis();
        sweepTimer = vertx.setPeriodic(sweepEvery, sweepEvery, id -> wake());
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
                .chain(count -> count < settings.batchSize()
                        ? Uni.createFrom().item(count)
                        : publishBatches().map(more -> count + more));
    }

    /**
     * One batch, within a deadline: a database or broker that stops answering fails the batch (it is sent
     * again later) instead of wedging the relay for good.
     */
    private Uni<Integer> publishBatch() {
        return pool.preparedQuery(PENDING)
                .execute(Tuple.of(settings.batchSize()))
                .map(rows -> {
                    List<Pending> batch = new ArrayList<>();
                    rows.forEach(row -> batch.add(new Pending(row.getLong("id"), createdAt(row), toMessage(row))));
                    return batch;
                })
                .chain(batch -> batch.isEmpty()
                        ? Uni.createFrom().item(0)
                        : publishInOrder(batch).call(() -> markPublished(batch)).replaceWith(batch.size()))
                .ifNoItem()
                .after(settings.batchDeadline())
                .fail();
    }

    private Uni<Void> markPublished(List<Pending> batch) {
        Long[] ids = batch.stream().map(Pending::id).toArray(Long[]::new);
        return pool.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids)).replaceWithVoid();
    }

    /**
     * Hands every row to the producer in order, then waits for all acknowledgements: the idempotent
     * producer keeps the order per partition, and the batch costs one round trip instead of one per row.
     */
    private Uni<Void> publishInOrder(List<Pending> batch) {
        List<Uni<Void>> sends = batch.stream()
                .map(pending -> emitter.sendMessage(pending.message()))
                .toList();
        return Uni.join()
                .all(sends)
                .andFailFast()
                .invoke(() -> {
                    Instant now = Instant.now();
                    batch.forEach(pending -> publishLatency.record(Duration.between(pending.createdAt(), now)));
                })
                .replaceWithVoid();
    }

    /** An outbox row read to be published: its id marks it published, its time measures the latency. */
    private record Pending(long id, Instant createdAt, Message<String> message) {}

    private static Instant createdAt(Row row) {
        return row.getOffsetDateTime("created_at").toInstant();
    }

    private static Message<String> toMessage(Row row) {
        String key = row.getString("aggregate_id");
        return Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.getUUID("event_id").toString())
                        .withType(row.getString("event_type"))
                        .withDataContentType("application/json")
                        .withSource(URI.create(row.getString("source")))
                        .withSubject(key)
                        .withTimestamp(createdAt(row).atZone(ZoneOffset.UTC))
                        .build())
                // the Kafka connector opens the producer span under the trace that wrote the row and
                // puts its traceparent in the record headers, where the consumers pick it up
                .addMetadata(TracingMetadata.withCurrent(TraceParent.restore(row.getString("trace_parent"))));
    }
}
