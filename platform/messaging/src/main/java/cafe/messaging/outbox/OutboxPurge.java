package cafe.messaging.outbox;

import cafe.messaging.RetentionPurge;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes published outbox rows once they are older than the retention: Kafka holds the events, and a
 * row is kept only for inspection. Bounded batches, so a large backlog is deleted over several runs.
 */
@ApplicationScoped
@IfBuildProperty(name = "cafe.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxPurge {

    static final int BATCH = 10_000;
    private static final String PURGE = "delete from outbox_event where id in (select id from outbox_event"
            + " where published_at < :cutoff order by id limit " + BATCH + ")";

    private final Duration retention;

    OutboxPurge(@ConfigProperty(name = "cafe.outbox.retention", defaultValue = "P7D") Duration retention) {
        this.retention = retention;
    }

    @Scheduled(
            every = "${cafe.outbox.purge-every:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return purge().replaceWithVoid();
    }

    /** Deletes up to one batch of published rows older than the retention; emits how many. */
    public Uni<Integer> purge() {
        return RetentionPurge.olderThan(retention, PURGE, "published outbox rows");
    }
}
