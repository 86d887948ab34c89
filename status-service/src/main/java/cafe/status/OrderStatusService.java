package cafe.status;

import cafe.messaging.inbox.ReceivedEvent;
import cafe.problem.ProblemException;
import cafe.status.listener.StatusBroadcaster;
import cafe.status.repository.StatusRepository;
import cafe.status.repository.ViewTables;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Keeps one status document per order, folded from every event received for it. */
@ApplicationScoped
public class OrderStatusService {

    private final StatusRepository repository;
    private final Pool database;
    private final ViewWriter writer;
    private final StatusBroadcaster broadcaster;
    private final StatusConfig config;

    OrderStatusService(
            StatusRepository repository,
            Pool database,
            ViewWriter writer,
            StatusBroadcaster broadcaster,
            StatusConfig config) {
        this.repository = repository;
        this.database = database;
        this.writer = writer;
        this.config = config;
        this.broadcaster = broadcaster;
    }

    /** Applies an event once to the live view; emits the new document, or null when the event was a duplicate. */
    public Uni<OrderStatusDocument> apply(ReceivedEvent event) {
        return applyAll(List.of(event)).map(documents -> documents.isEmpty() ? null : documents.get(0));
    }

    /**
     * Applies a batch of events to the live view in one transaction, each event once, whatever the
     * orders and the order of arrival; emits the new document of every order that got a new event.
     */
    public Uni<List<OrderStatusDocument>> applyAll(List<ReceivedEvent> events) {
        return database.withTransaction(sql -> writer.apply(sql, ViewTables.LIVE, events));
    }

    /**
     * The order's document now and then at each change, ending after a final state. The stream
     * listens before it reads, so no change falls between the read and the first update, and it emits
     * a document only when it has more events than the last one sent: the broadcaster may hand over
     * the same document again (after its LISTEN connection came back). An order the view does not
     * know yet (the customer is quicker than the events) is waited for a while.
     */
    public Multi<OrderStatusDocument> follow(UUID orderId) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicInteger seen = new AtomicInteger(-1);
            Consumer<OrderStatusDocument> emit = document -> {
                synchronized (seen) {
                    if (document == null || document.timeline().size() <= seen.get()) {
                        return;
                    }
                    seen.set(document.timeline().size());
                    emitter.emit(document);
                    if (document.status().isFinal()) {
                        emitter.complete();
                    }
                }
            };
            Cancellable changes = broadcaster.follow(orderId, emit);
            Cancellable unknownTimeout = Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(config.streamWaitForUnknown())
                    .subscribe()
                    .with(timeUp -> {
                        if (seen.get() < 0) {
                            emitter.complete();
                        }
                    });
            emitter.onTermination(() -> {
                changes.cancel();
                unknownTimeout.cancel();
            });
            findOrNull(orderId).subscribe().with(emit, emitter::fail);
        });
    }

    /** The order's document, or null while the view does not know it. */
    @WithSession
    public Uni<OrderStatusDocument> findOrNull(UUID orderId) {
        return repository.findById(orderId).map(view -> view == null ? null : read(view));
    }

    @WithSession
    public Uni<OrderStatusDocument> find(UUID orderId) {
        return repository
                .findById(orderId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("Order status", orderId))
                .map(OrderStatusService::read);
    }

    @WithSession
    public Uni<List<OrderStatusDocument>> findByCustomer(String customerId, int page, int size) {
        return repository
                .findByCustomer(customerId, page, size)
                .map(views -> views.stream().map(OrderStatusService::read).toList());
    }

    private static OrderStatusDocument read(OrderStatusView view) {
        return OrderStatusDocument.fromJson(view.document);
    }
}
