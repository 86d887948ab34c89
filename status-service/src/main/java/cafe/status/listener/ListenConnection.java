package cafe.status.listener;

import io.quarkus.logging.Log;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A LISTEN on one channel, kept in place for good. PgSubscriber connects again by itself after the
 * connection drops, but not after a first connect that fails (the database not up yet, say): that one
 * is tried again here, with a fresh subscriber. PostgreSQL keeps no notification for a listener that
 * is away, so {@code onListening} runs each time the LISTEN is in place again, for the owner to read
 * again what it may have missed.
 */
final class ListenConnection {

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Duration retry;
    private final Consumer<String> onNotification;
    private final Runnable onListening;
    private volatile PgSubscriber subscriber;
    private volatile boolean closed;

    ListenConnection(
            Vertx vertx,
            PgConnectOptions options,
            String channel,
            Duration retry,
            Consumer<String> onNotification,
            Runnable onListening) {
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.retry = retry;
        this.onNotification = onNotification;
        this.onListening = onListening;
    }

    void open() {
        if (closed) {
            return;
        }
        PgSubscriber attempt = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> retry.toMillis());
        attempt.channel(channel).subscribeHandler(onListening).handler(onNotification);
        subscriber = attempt;
        attempt.connect().subscribe().with(connected -> {}, failure -> {
            Log.warnf("Cannot listen on %s, trying again in %s: %s", channel, retry, failure.getMessage());
            attempt.closeAndForget();
            vertx.setTimer(retry.toMillis(), timer -> open());
        });
    }

    void close() {
        closed = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.closeAndForget();
        }
    }
}
