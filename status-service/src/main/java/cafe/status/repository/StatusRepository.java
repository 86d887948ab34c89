package cafe.status.repository;

import cafe.status.OrderStatusView;
import cafe.status.StatusEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The view's tables: the events received and the document per order. */
@ApplicationScoped
@WithSession
public class StatusRepository implements PanacheRepositoryBase<OrderStatusView, UUID> {

    private static final String RECORD_EVENT =
            "insert into status_event (event_id, order_id, event_type, payload, received_at)"
                    + " values (:id, :orderId, :type, :payload, clock_timestamp()) on conflict do nothing";

    /** Serialises the updates of one order across consumers and replicas, until the transaction ends. */
    public Uni<Void> lockOrder(UUID orderId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select pg_advisory_xact_lock(hashtextextended(cast(:id as text), 0))")
                        .setParameter("id", orderId.toString())
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** True when the event is new; a redelivered event id changes nothing. */
    public Uni<Boolean> recordEvent(UUID eventId, UUID orderId, String type, String payload) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_EVENT)
                        .setParameter("id", eventId)
                        .setParameter("orderId", orderId)
                        .setParameter("type", type)
                        .setParameter("payload", payload)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Announces a changed document to every replica's live subscribers; PostgreSQL delivers it on commit. */
    public Uni<Void> notifyChange(String document) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_notify(:channel, :document)")
                        .setParameter("channel", cafe.status.listener.StatusBroadcaster.CHANNEL)
                        .setParameter("document", document)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Empties the view and the events it was folded from, for a rebuild. */
    public Uni<Void> clear() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("truncate status_event, order_status")
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<StatusEvent>> eventsOf(UUID orderId) {
        return Panache.getSession()
                .chain(session -> session.createQuery("from StatusEvent where orderId = :orderId", StatusEvent.class)
                        .setParameter("orderId", orderId)
                        .getResultList());
    }

    public Uni<List<OrderStatusView>> findByCustomer(String customerId, int page, int size) {
        return find("customerId", Sort.descending("placedAt").and("orderId"), customerId)
                .page(Page.of(page, size))
                .list();
    }
}
