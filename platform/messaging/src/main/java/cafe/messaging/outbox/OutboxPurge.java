package cafe.messaging.outbox;

import cafe.messaging.RetentionPurge;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Deletes published outbox rows once they are older than the retention: Kafka holds the events, and a
 * row is kept only for inspection. In batches (cafe.outbox.purge-batch), as many a run as keep up with
 * the rate rows are written at: see {@link cafe.messaging.RetentionPurge}.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxPurge {

    private static final String PURGE = "delete from outbox_event where id in (select id from outbox_event"
            + " where published_at < :cutoff order by id limit :batch)";

    private final Duration retention;
    private final int batch;

    OutboxPurge(OutboxConfig config) {
        this.retention = config.retention();
        this.batch = config.purgeBatch();
    }

    @Scheduled(
            every = "${cafe.outbox.purge-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return purge().replaceWithVoid();
    }

    /** Deletes, batch by batch, the published rows older than the retention; emits how many. */
    public Uni<Integer> purge() {
        return RetentionPurge.olderThan(retention, PURGE, batch, "published outbox rows");
    }
}
