package cafe.messaging.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Which replica publishes: the one whose connection of its own holds a session advisory lock. Only that
 * replica LISTENs for commits of outbox rows, and it leads until its connection ends (a crash or a
 * database restart frees the lock for the next replica that asks). One publisher keeps every order's
 * events in the order they were written, and no batch ever holds a transaction open while Kafka answers.
 */
final class RelayLeadership {

    static final String COMMITS = "cafe_outbox";
    private static final String TAKE_LEAD = "select pg_try_advisory_lock(hashtext('cafe.outbox.relay'))";

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Runnable onCommit;
    private volatile PgConnection connection;
    private volatile boolean leading;

    RelayLeadership(Vertx vertx, PgConnectOptions options, Runnable onCommit) {
        this.vertx = vertx;
        this.options = options;
        this.onCommit = onCommit;
    }

    /** True while this replica leads; otherwise asks once for the lead. Never called concurrently. */
    Uni<Boolean> lead() {
        if (leading) {
            return Uni.createFrom().item(true);
        }
        return connected()
                .chain(open -> open.query(TAKE_LEAD).execute())
                .map(rows -> rows.iterator().next().getBoolean(0))
                .call(taken -> taken ? listen() : Uni.createFrom().voidItem())
                .invoke(taken -> leading = taken);
    }

    void close() {
        PgConnection open = connection;
        if (open != null) {
            open.closeAndForget();
        }
    }

    private Uni<PgConnection> connected() {
        PgConnection open = connection;
        if (open != null) {
            return Uni.createFrom().item(open);
        }
        return PgConnection.connect(vertx, options).invoke(fresh -> {
            fresh.closeHandler(() -> lost(fresh));
            connection = fresh;
        });
    }

    private Uni<Void> listen() {
        PgConnection open = connection;
        open.notificationHandler(notification -> onCommit.run());
        return open.query("listen " + COMMITS).execute().replaceWithVoid().invoke(() -> Log.info("Outbox relay leads"));
    }

    private void lost(PgConnection closed) {
        if (connection == closed) {
            connection = null;
            leading = false;
        }
    }
}
