package cafe.messaging.live;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A LISTEN on one channel, kept in place for good. PgSubscriber connects again by itself after the
 * connection drops, but not after a first connect that fails (the database not up yet, say): that one
 * is tried again here, with a fresh subscriber. Nor does it notice a connection that went silent (half
 * open, a NAT that forgot it): so every {@code heartbeat} a notification is sent on the channel through
 * another connection ({@code ping}), and a LISTEN that has heard nothing, not even that, for two
 * heartbeats is replaced. PostgreSQL keeps no notification for a listener that is away, so {@code
 * onListening} runs each time the LISTEN is in place again, for the owner to read again what it may
 * have missed.
 */
public final class ListenConnection {

    /** The payload of a heartbeat: never handed to the owner. */
    public static final String HEARTBEAT = "heartbeat";

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Duration retry;
    private final Consumer<String> onNotification;
    private final Runnable onListening;
    private final Duration heartbeat;
    private final Supplier<Uni<?>> ping;
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;
    private volatile long lastHeard = System.nanoTime();
    private long heartbeatTimer = -1;

    public ListenConnection(
            Vertx vertx,
            PgConnectOptions options,
            String channel,
            Duration retry,
            Consumer<String> onNotification,
            Runnable onListening,
            Duration heartbeat,
            Supplier<Uni<?>> ping) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.retry = retry;
        this.onNotification = onNotification;
        this.onListening = onListening;
        this.heartbeat = heartbeat;
        this.ping = ping;
    }

    public void open() {
        if (heartbeatTimer == -1) {
            heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), timer -> beat());
        }
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        PgSubscriber attempt = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> retry.toMillis());
        attempt.channel(channel)
                .subscribeHandler(() -> {
                    lastHeard = System.nanoTime();
                    onListening.run();
                })
                .handler(this::heard);
        subscriber = attempt;
        attempt.connect().subscribe().with(connected -> {}, failure -> {
            Log.warnf("Cannot listen on %s, trying again in %s: %s", channel, retry, failure.getMessage());
            attempt.closeAndForget();
            vertx.setTimer(retry.toMillis(), timer -> connect());
        });
    }

    private void heard(String payload) {
        lastHeard = System.nanoTime();
        if (!HEARTBEAT.equals(payload)) {
            onNotification.accept(payload);
        }
    }

    /** Replaces a LISTEN that heard nothing for two heartbeats, then sends the next heartbeat. */
    private void beat() {
        if (closed) {
            return;
        }
        Duration silent = Duration.ofNanos(System.nanoTime() - lastHeard);
        PgSubscriber current = subscriber;
        if (silent.compareTo(heartbeat.multipliedBy(2)) > 0 && current != null && !current.closed()) {
            Log.warnf("The LISTEN on %s heard nothing for %s: replacing its connection", channel, silent);
            lastHeard = System.nanoTime();
            current.closeAndForget();
            connect();
        }
        ping.get().subscribe().with(sent -> {}, failure -> Log.debugf("Heartbeat not sent: %s", failure.getMessage()));
    }

    public void close() {
        closed = true;
        if (heartbeatTimer != -1) {
            vertx.cancelTimer(heartbeatTimer);
        }
        PgSubscriber current = subscriber;
        if (current != null) {
            current.closeAndForget();
        }
    }
}
