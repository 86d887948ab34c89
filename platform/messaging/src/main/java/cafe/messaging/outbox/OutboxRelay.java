package cafe.messaging.outbox;

import cafe.messaging.ResumeOnContext;
import cafe.messaging.TraceParent;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Publishes committed outbox rows to Kafka as binary-mode CloudEvents, oldest first, and marks them
 * published. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas never publish the same
 * row; while Kafka is unreachable the batch rolls back and the relay backs off. One replica
 * publishes at a time (a transaction-scoped advisory lock), so a later event of an order can never
 * overtake an earlier one that another replica is still publishing. Each event is published in the
 * trace of the request or event that caused it, not in the relay's.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    static final String CHANNEL = "outbox";
    private static final String TAKE_TURN = "select pg_try_advisory_xact_lock(hashtext('cafe.outbox.relay'))";
    private static final String CLAIM = "select * from outbox_event where published_at is null"
            + " order by id limit :batch for update skip locked";
    private static final String MARK_PUBLISHED = "update outbox_event set published_at = now() where id in (:ids)";

    private final MutinyEmitter<String> emitter;
    private final Timer publishLatency;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer;
    private final int batchSize;
    private final Backoff backoff;
    /** Ticks left of fast polling; after an append the relay polls every tick, otherwise once a second. */
    private final AtomicInteger fastTicks = new AtomicInteger();

    private final AtomicInteger idleTicks = new AtomicInteger();

    /** How long one batch may take, Kafka's acknowledgements included, before the relay gives up on it. */
    private final Duration batchDeadline;

    OutboxRelay(
            @Channel(CHANNEL) MutinyEmitter<String> emitter,
            Vertx vertx,
            @ConfigProperty(name = "cafe.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "cafe.outbox.poll-interval", defaultValue = "PT0.05S") Duration pollInterval,
            @ConfigProperty(name = "cafe.outbox.max-backoff", defaultValue = "PT10S") Duration maxBackoff,
            @ConfigProperty(name = "cafe.outbox.batch-deadline", defaultValue = "PT30S") Duration batchDeadline) {
        this.batchDeadline = batchDeadline;
        this.emitter = emitter;
        this.vertx = vertx;
        this.publishLatency = Timer.builder("cafe.outbox.publish.latency")
                .description("From the commit of an event to Kafka's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(Metrics.globalRegistry);
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.backoff = new Backoff(Duration.ofMillis(200), maxBackoff);
    }

    /** Switches to fast polling: a transaction is about to commit new rows. */
    void nudge() {
        fastTicks.set(20);
    }

    /** Polls on a Vert.x timer: the scheduler extension cannot tick faster than once a second. */
    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(pollInterval.toMillis(), pollInterval.toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent stopping) {
        vertx.cancelTimer(timer);
    }

    private void tick() {
        boolean fast = fastTicks.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        boolean sweep = idleTicks.incrementAndGet() >= 20;
        if (!(fast || sweep) || !backoff.due() || !running.compareAndSet(false, true)) {
            return;
        }
        idleTicks.set(0);
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored ->
                publishPending().subscribe().with(published -> running.set(false), failure -> running.set(false)));
    }

    /** Publishes batches until none is left; emits the number of rows published. */
    public Uni<Integer> publishPending() {
        return publishBatch()
                .onItem()
                .transformToUni(count -> count < batchSize
                        ? Uni.createFrom().item(count)
                        : publishPending().map(more -> count + more))
                .invoke(count -> backoff.reset())
                .onFailure()
                .recoverWithItem(failure -> {
                    Duration wait = backoff.failed();
                    Log.warnf(
                            "Outbox relay could not publish (%s); next try in %d ms",
                            failure.getMessage(), wait.toMillis());
                    return 0;
                });
    }

    /**
     * One batch in one transaction, within a deadline: a database or broker that stops answering fails
     * the batch (it rolls back and is sent again later) instead of wedging the relay for good.
     */
    private Uni<Integer> publishBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(TAKE_TURN, Boolean.class)
                                .getSingleResult()
                                .chain(myTurn -> !myTurn
                                        ? Uni.createFrom().item(0)
                                        : session.createNativeQuery(CLAIM, OutboxEvent.class)
                                                .setParameter("batch", batchSize)
                                                .getResultList()
                                                .chain(rows -> publishInOrder(rows)
                                                        .chain(() -> markPublished(session, rows))))))
                .ifNoItem()
                .after(batchDeadline)
                .fail();
    }

    /** Marks the whole batch in one statement. */
    private static Uni<Integer> markPublished(Mutiny.Session session, List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return session.createNativeQuery(MARK_PUBLISHED)
                .setParameter("ids", rows.stream().map(row -> row.id).toList())
                .executeUpdate();
    }

    /**
     * Hands every row to the producer in order, then waits for all acknowledgements: the idempotent
     * producer keeps the order per partition, and the batch costs one round trip instead of one per row.
     */
    private Uni<Integer> publishInOrder(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> sends =
                rows.stream().map(row -> emitter.sendMessage(toMessage(row))).toList();
        return Uni.join()
                .all(sends)
                .andFailFast()
                .emitOn(ResumeOnContext.current())
                .invoke(() -> {
                    Instant now = Instant.now();
                    rows.forEach(row -> publishLatency.record(Duration.between(row.createdAt, now)));
                })
                .replaceWith(rows.size());
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
                        .withTimestamp(row.createdAt.atZone(ZoneOffset.UTC))
                        .build())
                // the Kafka connector opens the producer span under the trace that wrote the row and
                // puts its traceparent in the record headers, where the consumers pick it up
                .addMetadata(TracingMetadata.withCurrent(TraceParent.restore(row.traceParent)));
    }
}
