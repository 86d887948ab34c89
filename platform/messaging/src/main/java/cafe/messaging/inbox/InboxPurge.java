package cafe.messaging.inbox;

import cafe.messaging.RetentionPurge;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Deletes inbox records older than the retention. The retention must outlast any redelivery: a record
 * deleted, the same event would be applied again, and only the effect's own guard (a unique key, a state
 * machine) would stop it. Kafka redelivers within minutes; a dead-letter replay should come within it.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.inbox.enabled", stringValue = "true", enableIfMissing = true)
public class InboxPurge {

    private static final String PURGE = "delete from processed_event where event_id in (select event_id"
            + " from processed_event where processed_at < :cutoff limit :batch)";

    private final Duration retention;
    private final int batch;

    InboxPurge(InboxConfig config) {
        this.retention = config.retention();
        this.batch = config.purgeBatch();
    }

    @Scheduled(
            every = "${cafe.inbox.purge-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return purge().replaceWithVoid();
    }

    /** Deletes, batch by batch, the records older than the retention; emits how many. */
    public Uni<Integer> purge() {
        return RetentionPurge.olderThan(retention, PURGE, batch, "inbox records");
    }
}
