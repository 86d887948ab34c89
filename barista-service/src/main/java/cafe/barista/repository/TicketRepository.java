package cafe.barista.repository;

import cafe.barista.Ticket;
import cafe.barista.TicketStatus;
import cafe.events.BrewCanceled;
import cafe.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Tickets in the barista database: the reads of the API, and the writes of the order consumer, which run
 * inside its transaction (the inbox's), each one statement.
 */
@ApplicationScoped
@WithSession
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    /**
     * A new ticket unless the order was cancelled before it came (its tombstone) or has one already
     * (order_id is unique): no read before the write, and a redelivery is not an error.
     */
    private static final String QUEUE =
            "insert into ticket (id, order_id, customer_id, item, qty, status, created_at, updated_at)"
                    + " select :id, :orderId, :customerId, :item, :qty, :status, :createdAt, :createdAt"
                    + " where not exists (select 1 from canceled_order where order_id = :orderId)"
                    + " on conflict (order_id) do nothing";

    /** The ticket cancelled and its event written, in one statement. */
    private static final String CANCEL = "with canceled as (update ticket set status = 'CANCELED', updated_at = ?1"
            + " where id = ?2 returning id) " + Outbox.INSERT + " select ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 from canceled";

    private final Outbox outbox;

    TicketRepository(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<List<Ticket>> findByStatus(TicketStatus status, int page, int size) {
        Sort oldestFirst = Sort.ascending("createdAt").and("id");
        return (status == null ? findAll(oldestFirst) : find("status", oldestFirst, status))
                .page(Page.of(page, size))
                .list();
    }

    /**
     * Serialises the work on one order's ticket until the transaction ends, including the case where the
     * ticket does not exist yet (a cancel and its order arriving together). A statement of its own: the
     * next statement's snapshot is taken after the lock is held, so it sees what the previous holder
     * committed.
     */
    public Uni<Void> lockOrder(UUID orderId) {
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "select 1 from (select pg_advisory_xact_lock(hashtext(:orderId))) as locked",
                                Integer.class)
                        .setParameter("orderId", orderId.toString())
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Inserts the new ticket unless its order has a ticket or a tombstone; true when it did. Call after
     * {@link #lockOrder}, inside the consumer's transaction.
     */
    public Uni<Boolean> queue(Ticket ticket) {
        return getSession()
                .chain(session -> session.createNativeQuery(QUEUE)
                        .setParameter("id", ticket.id)
                        .setParameter("orderId", ticket.orderId)
                        .setParameter("customerId", ticket.customerId)
                        .setParameter("item", ticket.item)
                        .setParameter("qty", ticket.qty)
                        .setParameter("status", ticket.status.name())
                        .setParameter("createdAt", ticket.createdAt.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Remembers that the order was cancelled before its ticket existed. */
    public Uni<Void> rememberCanceled(UUID orderId) {
        return getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into canceled_order (order_id, canceled_at) values (:orderId, now())"
                                        + " on conflict do nothing")
                        .setParameter("orderId", orderId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The order's ticket, locked until the transaction ends; read it only, {@link #cancel} writes it. */
    public Uni<Ticket> lockByOrder(UUID orderId) {
        return find("orderId", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Cancels a ticket this transaction has locked, and writes the event that reports it, in one statement. */
    public Uni<Void> cancel(BrewCanceled canceled) {
        List<Object> event = outbox.values(canceled);
        return getSession()
                .chain(session -> {
                    var statement = session.createNativeQuery(CANCEL)
                            .setParameter(1, canceled.canceledAt().atOffset(ZoneOffset.UTC))
                            .setParameter(2, canceled.ticketId());
                    for (int i = 0; i < event.size(); i++) {
                        statement.setParameter(i + 3, event.get(i));
                    }
                    return statement.executeUpdate();
                })
                .replaceWithVoid();
    }
}
