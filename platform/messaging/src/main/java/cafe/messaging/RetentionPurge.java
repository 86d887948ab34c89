package cafe.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes rows older than a retention in batches, each in its own short transaction, until a batch comes
 * back short or a run has done {@link #MAX_BATCHES}: the outbox's and the inbox's purge. A run every ten
 * minutes of up to 100 batches of 10,000 keeps up with 1,667 rows a second; no table gets more than two
 * rows per order (1,000 a second at 500 orders a second), and a purge deletes tens of thousands of rows a
 * second (`make bench`, purge capacity), so a run that keeps up takes seconds.
 */
public final class RetentionPurge {

    static final int MAX_BATCHES = 100;

    private RetentionPurge() {}

    /**
     * Runs {@code delete}, whose {@code :cutoff} is now less the retention and {@code :batch} the most rows
     * one statement deletes, until it deletes fewer; emits how many rows went.
     */
    public static Uni<Integer> olderThan(Duration retention, String delete, int batch, String what) {
        Instant cutoff = Instant.now().minus(retention);
        return batches(cutoff, delete, batch, MAX_BATCHES).invoke(deleted -> {
            if (deleted > 0) {
                Log.infof("%d %s older than %s deleted", deleted, what, retention);
            }
        });
    }

    private static Uni<Integer> batches(Instant cutoff, String delete, int batch, int left) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(delete)
                                .setParameter("cutoff", cutoff)
                                .setParameter("batch", batch)
                                .executeUpdate()))
                .chain(deleted -> deleted < batch || left <= 1
                        ? Uni.createFrom().item(deleted)
                        : batches(cutoff, delete, batch, left - 1).map(more -> deleted + more));
    }
}
