package cafe.status.listener;

import cafe.messaging.DedicatedConnections;
import cafe.messaging.live.ListenConnection;
import cafe.status.OrderStatusDocument;
import cafe.status.StatusConfig;
import cafe.status.repository.StatusRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Hands every committed change of the view to the followers of its order. Changes travel through
 * PostgreSQL LISTEN/NOTIFY, which delivers on commit and to every replica, so a stream on one replica
 * sees the changes another replica's consumer made. A notification sent while the LISTEN connection is
 * down is lost, so each time the LISTEN is in place again the documents of every followed order are
 * read again and handed over (also when a silent connection is replaced, see {@link ListenConnection});
 * a follower keeps only what is new to it.
 */
@ApplicationScoped
public class StatusBroadcaster {

    public static final String CHANNEL = "order_status";

    /** Orders per query when documents are read again: each id is a bind parameter. */
    private static final int READ_AGAIN_BATCH = 500;

    private final ConcurrentMap<UUID, Set<Consumer<OrderStatusDocument>>> followers = new ConcurrentHashMap<>();
    private final ListenConnection listen;
    private final StatusRepository repository;

    StatusBroadcaster(
            Vertx vertx,
            StatusRepository repository,
            DedicatedConnections connections,
            Pool pool,
            StatusConfig config) {
        this.repository = repository;
        this.listen = new ListenConnection(
                vertx,
                connections.options(),
                CHANNEL,
                config.listenRetry(),
                this::publish,
                this::readAgain,
                config.listenHeartbeat(),
                () -> pool.query("notify " + CHANNEL + ", '" + ListenConnection.HEARTBEAT + "'")
                        .execute());
    }

    void listen(@Observes StartupEvent started) {
        listen.open();
    }

    void close(@Observes ShutdownEvent stopping) {
        listen.close();
    }

    /** Hands the follower each change of the order's document from now on, until cancelled. */
    public Cancellable follow(UUID orderId, Consumer<OrderStatusDocument> follower) {
        followers.compute(orderId, (id, current) -> {
            Set<Consumer<OrderStatusDocument>> all = current != null ? current : ConcurrentHashMap.newKeySet();
            all.add(follower);
            return all;
        });
        return () -> followers.computeIfPresent(orderId, (id, current) -> {
            current.remove(follower);
            return current.isEmpty() ? null : current;
        });
    }

    private void publish(String document) {
        if (followers.isEmpty()) {
            return; // no stream open on this replica: nothing to read
        }
        try {
            OrderStatusDocument change = OrderStatusDocument.fromJson(document);
            Set<Consumer<OrderStatusDocument>> ofOrder = followers.get(change.orderId());
            if (ofOrder != null) {
                ofOrder.forEach(follower -> follower.accept(change));
            }
        } catch (IllegalArgumentException e) {
            Log.errorf("Unreadable view change: %s", e.getMessage());
        }
    }

    /** The LISTEN is in place (again): hands over the followed documents as they are now. */
    private void readAgain() {
        Log.info("Listening for view changes");
        List<UUID> followed = List.copyOf(followers.keySet());
        if (followed.isEmpty()) {
            return;
        }
        Log.infof("Reading again the documents of %d followed orders", followed.size());
        // VertxContextSupport gives the reads a context of their own, but refuses an event loop thread
        Infrastructure.getDefaultWorkerPool()
                .execute(() -> VertxContextSupport.subscribe(
                        () -> Multi.createFrom()
                                .iterable(batches(followed))
                                .onItem()
                                .transformToUniAndConcatenate(repository::documentsOf)
                                .onItem()
                                .<String>disjoint(),
                        documents -> documents.with(
                                this::publish,
                                failure -> Log.errorf(
                                        "Cannot read the followed documents again: %s", failure.getMessage()))));
    }

    private static List<List<UUID>> batches(List<UUID> orders) {
        return IntStream.range(0, (orders.size() + READ_AGAIN_BATCH - 1) / READ_AGAIN_BATCH)
                .mapToObj(batch -> orders.subList(
                        batch * READ_AGAIN_BATCH, Math.min(orders.size(), (batch + 1) * READ_AGAIN_BATCH)))
                .toList();
    }
}
