package cafe.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's backlog, measured on a schedule of its own (not only when someone asks for health): how
 * many events wait for Kafka ({@code cafe_outbox_pending}) and how long the oldest has waited ({@code
 * cafe_outbox_oldest_seconds}), so a relay that is stuck shows on a dashboard and in an alert.
 */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxBacklog {

    private static final String BACKLOG = "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)"
            + " from outbox_event where published_at is null";

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    OutboxBacklog(Pool pool) {
        this.pool = pool;
        Gauge.builder("cafe.outbox.pending", pending, AtomicLong::get)
                .description("Events waiting for Kafka")
                .register(Metrics.globalRegistry);
        Gauge.builder("cafe.outbox.oldest.seconds", oldestSeconds, AtomicLong::get)
                .description("How long the oldest event waiting for Kafka has waited")
                .register(Metrics.globalRegistry);
    }

    @Scheduled(every = "${cafe.outbox.backlog-every:10s}", delayed = "5s")
    Uni<Void> measureOnSchedule() {
        return measure()
                .onFailure()
                .invoke(failure -> Log.warnf("Outbox backlog not measured: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Events waiting for Kafka, as last measured: what the gauge {@code cafe_outbox_pending} reads. */
    public long pending() {
        return pending.get();
    }

    /** How long the oldest of them has waited, as last measured: the gauge {@code cafe_outbox_oldest_seconds}. */
    public long oldestSeconds() {
        return oldestSeconds.get();
    }

    /** Measures now; emits {pending, oldest age in seconds}. */
    public Uni<long[]> measure() {
        return pool.query(BACKLOG).execute().map(rows -> {
            Row row = rows.iterator().next();
            pending.set(row.getLong(0));
            oldestSeconds.set(row.getNumeric(1).longValue());
            return new long[] {pending.get(), oldestSeconds.get()};
        });
    }
}
