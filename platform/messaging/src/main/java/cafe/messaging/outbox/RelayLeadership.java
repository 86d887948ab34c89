package cafe.messaging.outbox;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;

/**
 * Which replica publishes: the one whose connection of its own holds a session advisory lock. Only that
 * replica LISTENs for commits of outbox rows, and it leads until its connection ends (a crash or a
 * database restart frees the lock for the next replica that asks). One publisher keeps every order's
 * events in the order they were written, and no batch ever holds a transaction open while Kafka answers.
 *
 * <p>A connection can also fall silent without ending (a network that drops packets). So the leader asks
 * its connection every {@code checkEvery} and gives up the lead when no answer comes within half of it; and
 * the database ends a leadership session that has sent nothing for four times that, which frees the lock
 * for another replica only after the silent leader has stopped believing it leads.
 */
final class RelayLeadership {

    static final String COMMITS = "cafe_outbox";
    static final String APPLICATION_NAME = "cafe-outbox-relay";
    private static final String TAKE_LEAD = "select pg_try_advisory_lock(hashtext('cafe.outbox.relay'))";
    private static final String CONFIRM = "select 1";

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Runnable onCommit;
    private final Duration checkEvery;
    private final Duration answerWithin;
    private volatile PgConnection connection;
    private volatile boolean leading;
    private volatile boolean closed;
    private long checkTimer = -1;

    RelayLeadership(Vertx vertx, PgConnectOptions options, Duration checkEvery, Runnable onCommit) {
        this.vertx = vertx;
        this.checkEvery = checkEvery;
        this.answerWithin = checkEvery.dividedBy(2);
        this.options = new PgConnectOptions(options)
                .addProperty("application_name", APPLICATION_NAME)
                .addProperty(
                        "idle_session_timeout",
                        Long.toString(checkEvery.multipliedBy(4).toMillis()));
        this.onCommit = onCommit;
    }

    /** True while this replica leads; otherwise asks once for the lead. Never called concurrently. */
    Uni<Boolean> lead() {
        if (leading || closed) {
            return Uni.createFrom().item(leading);
        }
        return connected()
                .chain(open -> open.query(TAKE_LEAD).execute())
                .map(rows -> rows.iterator().next().getBoolean(0))
                .call(taken -> taken ? listen() : Uni.createFrom().voidItem())
                .ifNoItem()
                .after(answerWithin)
                .fail()
                .onFailure()
                .invoke(this::giveUp)
                .invoke(taken -> {
                    leading = taken;
                    if (taken) {
                        checkTimer = vertx.setPeriodic(checkEvery.toMillis(), id -> confirm());
                    }
                });
    }

    boolean leading() {
        return leading;
    }

    void close() {
        closed = true;
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

    /** The leader's connection must answer in time, or the lead is given up (the next run asks again). */
    private void confirm() {
        PgConnection open = connection;
        if (open == null) {
            return;
        }
        open.query(CONFIRM)
                .execute()
                .ifNoItem()
                .after(answerWithin)
                .fail()
                .subscribe()
                .with(answered -> {}, failure -> {
                    Log.warnf("Outbox relay gives up its lead: its connection did not answer (%s)", failure);
                    giveUp();
                });
    }

    private void giveUp() {
        PgConnection open = connection;
        if (open != null) {
            lost(open);
            open.closeAndForget();
        }
    }

    private void lost(PgConnection ended) {
        if (connection == ended) {
            connection = null;
            leading = false;
            vertx.cancelTimer(checkTimer);
        }
    }
}
