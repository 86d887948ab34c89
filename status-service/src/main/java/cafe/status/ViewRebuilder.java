package cafe.status;

import cafe.messaging.DedicatedConnections;
import cafe.messaging.inbox.Poison;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.problem.ProblemException;
import cafe.status.repository.RebuildLock;
import cafe.status.repository.RebuildStatements;
import cafe.status.repository.StatusRepository;
import cafe.status.repository.ViewTables;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds the view from the topics, aside: replays every topic into the shadow tables, then swaps them
 * in for the live ones in one transaction, so readers keep the old view until the new one is complete
 * and never see an empty or partial one. Live consumption goes on meanwhile, into the live tables; the
 * swap first copies in the events the live consumer received since the rebuild began and folds their
 * orders again. The fold ignores arrival order and an event id is recorded once, so the two converge.
 * One rebuild runs at a time, across replicas.
 */
@ApplicationScoped
public class ViewRebuilder {

    private final ViewWriter writer;
    private final RebuildStatements rebuilds;
    private final StatusRepository repository;
    private final DedicatedConnections connections;
    private final Pool database;
    private final Map<String, Object> kafka;

    ViewRebuilder(
            Pool database,
            ViewWriter writer,
            RebuildStatements rebuilds,
            StatusRepository repository,
            DedicatedConnections connections,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.writer = writer;
        this.rebuilds = rebuilds;
        this.repository = repository;
        this.connections = connections;
        this.database = database;
        this.kafka = kafka;
    }

    /**
     * What a rebuild did: events replayed, records skipped (unreadable, or refused by the database), live
     * events merged in, orders in the view.
     */
    public record Report(long events, long skipped, long merged, long orders) {}

    /** Blocks until the new view is in place; run it on a worker thread. */
    public Report rebuild() throws Throwable {
        try (RebuildLock lock = RebuildLock.tryTake(connections)
                .orElseThrow(() -> ProblemException.conflict("A rebuild of the view is running already"))) {
            // Taken before the replay reads where the topics end. An event the live consumer stored before
            // this instant came from a record below those ends, so the replay has it; one stored after it
            // is merged in at the swap.
            OffsetDateTime began =
                    database.withConnection(rebuilds::now).await().indefinitely();
            database.withTransaction(rebuilds::clear).await().indefinitely();
            TopicReplay.Counts replayed = TopicReplay.replay(kafka, this::applyToShadow);
            long merged =
                    database.withTransaction(sql -> swapIn(sql, began)).await().indefinitely();
            long orders = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(repository::count));
            Log.infof(
                    "View rebuilt from the topics and swapped in: %d events into %d orders (%d unreadable or"
                            + " refused skipped, %d received meanwhile merged in)",
                    replayed.events(), orders, replayed.skipped(), merged);
            return new Report(replayed.events(), replayed.skipped(), merged, orders);
        }
    }

    /**
     * One transaction per poll, with the same batch writes as the live consumer's. An event the database
     * refuses (the live consumer dead-lettered it, so the live view never had it) fails its poll's
     * transaction: the poll's events are then applied one at a time, and the refused ones skipped and
     * counted. Any other failure ends the rebuild. Answers how many events were skipped.
     */
    private long applyToShadow(List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            toShadow(events);
            return 0;
        } catch (RuntimeException failure) {
            if (!Poison.is(failure)) {
                throw failure;
            }
        }
        long refused = 0;
        for (ReceivedEvent event : events) {
            try {
                toShadow(List.of(event));
            } catch (RuntimeException failure) {
                if (!Poison.is(failure)) {
                    throw failure;
                }
                Log.warnf(
                        "Rebuild skips event %s (%s) of order %s, which the database refuses: %s",
                        event.id(), event.type(), event.payload().orderId(), failure.getMessage());
                refused++;
            }
        }
        return refused;
    }

    private void toShadow(List<ReceivedEvent> events) {
        database.withTransaction(sql -> writer.apply(sql, ViewTables.REBUILD, events))
                .await()
                .indefinitely();
    }

    /**
     * One transaction: holds off the live writers, copies in the events they stored since the rebuild
     * began, folds those orders again, and swaps the tables. Emits how many events were copied in.
     */
    private Uni<Long> swapIn(SqlConnection sql, OffsetDateTime began) {
        return rebuilds.holdLiveWriters(sql)
                .chain(() -> rebuilds.mergeLiveSince(sql, began))
                .chain(orders -> writer.refold(sql, ViewTables.REBUILD, Set.copyOf(orders))
                        .replaceWith((long) orders.size()))
                .call(() -> rebuilds.swap(sql));
    }
}
