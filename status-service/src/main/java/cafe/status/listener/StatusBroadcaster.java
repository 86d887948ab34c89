package cafe.status.listener;

import cafe.status.OrderStatusDocument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Broadcasts every committed change of the view to live subscribers. Changes travel through
 * PostgreSQL LISTEN/NOTIFY, which delivers on commit and to every replica, so a subscriber on one
 * replica sees the changes another replica's consumer made.
 */
@ApplicationScoped
public class StatusBroadcaster {

    public static final String CHANNEL = "order_status";

    private final BroadcastProcessor<OrderStatusDocument> changes = BroadcastProcessor.create();
    private final PgSubscriber subscriber;
    private final ObjectMapper json;

    StatusBroadcaster(
            Vertx vertx,
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.json = json;
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user)
                .setPassword(password);
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    }

    void listen(@Observes StartupEvent started) {
        subscriber.channel(CHANNEL).handler(this::publish);
        subscriber
                .connect()
                .subscribe()
                .with(
                        connected -> Log.info("Listening for view changes"),
                        failure -> Log.errorf("Cannot listen for view changes: %s", failure.getMessage()));
    }

    void close(@Observes ShutdownEvent stopping) {
        changes.onComplete();
        subscriber.closeAndForget();
    }

    /** Every change from now on, of every order. */
    public Multi<OrderStatusDocument> changes() {
        return changes;
    }

    private void publish(String document) {
        try {
            changes.onNext(json.readValue(document, OrderStatusDocument.class));
        } catch (JsonProcessingException e) {
            Log.errorf("Unreadable view change: %s", e.getMessage());
        }
    }
}
