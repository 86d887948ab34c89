package cafe.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;

/** One bounded delete of rows older than a retention, in its own transaction: the outbox's and the inbox's purge. */
public final class RetentionPurge {

    private RetentionPurge() {}

    /** Runs {@code delete}, whose {@code :cutoff} is now less the retention; emits how many rows went. */
    public static Uni<Integer> olderThan(Duration retention, String delete, String what) {
        Instant cutoff = Instant.now().minus(retention);
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(delete)
                                .setParameter("cutoff", cutoff)
                                .executeUpdate()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("%d %s older than %s deleted", deleted, what, retention);
                    }
                });
    }
}
