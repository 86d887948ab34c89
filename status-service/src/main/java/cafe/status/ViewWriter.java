package cafe.status;

import cafe.events.CafeEvent;
import cafe.messaging.inbox.ReceivedEvent;
import cafe.status.repository.ViewStatements;
import cafe.status.repository.ViewTables;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the view, on the caller's connection and in its transaction: records a batch of events once
 * each and folds again the document of every order that got a new event, from all its events. A batch
 * costs the same few statements whatever its size: the orders' locks, one insert that also reads the
 * orders' events back, one upsert of the documents. The same steps fill the live tables, where each
 * new document is also announced to the live streams, and the shadow tables of a rebuild, where nobody
 * follows yet.
 */
@ApplicationScoped
public class ViewWriter {

    private final ViewStatements statements;

    ViewWriter(ViewStatements statements) {
        this.statements = statements;
    }

    /**
     * Applies each event once; emits the new document of every order that got a new event (none for a
     * batch of duplicates). Only the live tables have concurrent writers (consumers, replicas), so only
     * they take the orders' locks, before anything is read.
     */
    public Uni<List<OrderStatusDocument>> apply(SqlConnection sql, ViewTables tables, List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // one row per event id: a batch may hold a record twice (a redelivery)
        Map<UUID, ReceivedEvent> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.id(), event));
        Uni<Void> locked = tables == ViewTables.LIVE
                ? statements.lockOrders(
                        sql,
                        byId.values().stream()
                                .map(event -> event.payload().orderId())
                                .distinct()
                                .toList())
                : Uni.createFrom().voidItem();
        return locked.chain(() -> statements.recordEvents(sql, tables, byId.values()))
                .chain(changed -> save(sql, tables, changed));
    }

    /** Folds the orders' documents again from every event the tables hold for them, and stores them there. */
    public Uni<List<OrderStatusDocument>> refold(SqlConnection sql, ViewTables tables, Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return statements.eventsOf(sql, tables, orderIds).chain(events -> save(sql, tables, events));
    }

    private Uni<List<OrderStatusDocument>> save(
            SqlConnection sql, ViewTables tables, Map<UUID, List<CafeEvent>> eventsByOrder) {
        List<ViewStatements.Document> documents = eventsByOrder.entrySet().stream()
                .map(order -> OrderStatusDocument.fold(order.getKey(), order.getValue()))
                .map(document -> new ViewStatements.Document(document, document.toJson()))
                .toList();
        return statements
                .saveDocuments(sql, tables, documents)
                .replaceWith(documents.stream()
                        .map(ViewStatements.Document::document)
                        .toList());
    }
}
