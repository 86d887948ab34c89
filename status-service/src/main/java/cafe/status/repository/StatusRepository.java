package cafe.status.repository;

import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.status.OrderStatusDocument;
import cafe.status.OrderStatusView;
import cafe.status.listener.StatusBroadcaster;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The view's tables: the events received and the document per order. Writes name their tables, so
 * the same code fills the live view and the shadow one a rebuild swaps in; reads are of the live view.
 */
@ApplicationScoped
@WithSession
public class StatusRepository implements PanacheRepositoryBase<OrderStatusView, UUID> {

    private static final String RECORD_EVENT = "insert into %s (event_id, order_id, event_type, payload, received_at)"
            + " values (:id, :orderId, :type, :payload, clock_timestamp()) on conflict do nothing";

    private static final String SAVE_DOCUMENT =
            "insert into %s (order_id, customer_id, document, placed_at, updated_at)"
                    + " values (:orderId, :customerId, :document, :placedAt, :updatedAt)"
                    + " on conflict (order_id) do update set customer_id = excluded.customer_id, document = excluded.document,"
                    + " placed_at = excluded.placed_at, updated_at = excluded.updated_at";

    /** Serialises the updates of one order across consumers and replicas, until the transaction ends. */
    public Uni<Void> lockOrder(UUID orderId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select pg_advisory_xact_lock(hashtextextended(cast(:id as text), 0))")
                        .setParameter("id", orderId.toString())
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** True when the event is new to these tables; a redelivered event id changes nothing. */
    public Uni<Boolean> recordEvent(ViewTables tables, UUID eventId, UUID orderId, String type, String payload) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_EVENT.formatted(tables.events))
                        .setParameter("id", eventId)
                        .setParameter("orderId", orderId)
                        .setParameter("type", type)
                        .setParameter("payload", payload)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Every event of the order in these tables, in no particular order: the fold needs none. */
    public Uni<List<CafeEvent>> eventsOf(ViewTables tables, UUID orderId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select event_type, payload from " + tables.events + " where order_id = :orderId",
                                Object[].class)
                        .setParameter("orderId", orderId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> EventCodec.fromJson((String) row[0], (String) row[1]))
                        .toList());
    }

    /** Stores the order's document in these tables, in place of the one before. */
    public Uni<Void> saveDocument(ViewTables tables, OrderStatusDocument document, String json) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SAVE_DOCUMENT.formatted(tables.documents))
                        .setParameter("orderId", document.orderId())
                        .setParameter("customerId", document.customerId())
                        .setParameter("document", json)
                        .setParameter("placedAt", document.placedAt())
                        .setParameter("updatedAt", document.updatedAt())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Announces a changed document to every replica's live subscribers; PostgreSQL delivers it on commit. */
    public Uni<Void> notifyChange(String document) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_notify(:channel, :document)")
                        .setParameter("channel", StatusBroadcaster.CHANNEL)
                        .setParameter("document", document)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The live documents of those of these orders the view knows. */
    public Uni<List<String>> documentsOf(List<UUID> orderIds) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select document from order_status where order_id in (:ids)", String.class)
                        .setParameter("ids", orderIds)
                        .getResultList());
    }

    public Uni<List<OrderStatusView>> findByCustomer(String customerId, int page, int size) {
        return find("customerId", Sort.descending("placedAt").and("orderId"), customerId)
                .page(Page.of(page, size))
                .list();
    }
}
