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
 * Tickets in the barista database: the reads of the API, and the writes of a cancel, which run inside the
 * consumer's transaction (the inbox's), each one statement.
 */
@ApplicationScoped
@WithSession
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {

    private static final String CLOSE_GATE = "insert into order_gate (order_id, canceled_at) values (:orderId, now())"
            + " on conflict (order_id) do update set canceled_at = coalesce(order_gate.canceled_at, excluded.canceled_at)";

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
     * Closes the order's gate: remembers that it was cancelled, and holds its row until the transaction
     * ends, so a placed event of the order waits for this cancel and then queues nothing; if that event
     * came first, this waits for it to commit, and the next statement sees its ticket.
     */
    public Uni<Void> closeGate(UUID orderId) {
        return getSession()
                .chain(session -> session.createNativeQuery(CLOSE_GATE)
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
