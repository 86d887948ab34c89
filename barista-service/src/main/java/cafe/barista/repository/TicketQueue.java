package cafe.barista.repository;

import cafe.barista.Ticket;
import cafe.messaging.inbox.Inbox;
import cafe.messaging.inbox.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/**
 * Queues the ticket of a placed order in one statement, with the inbox's record of the event and no
 * transaction around it, where a transaction with an advisory lock took five round trips.
 */
@ApplicationScoped
public class TicketQueue {

    /**
     * Continues the with-list that records the event in the inbox ($1, $2), hence its leading comma. The
     * order's gate row ($3) is written first: a cancel that holds it (or is still inserting it) makes this
     * statement wait until it commits, and its tombstone (canceled_at) is then read from the row as
     * committed, not from this statement's snapshot. The ticket is inserted unless the order was cancelled
     * or has one already (order_id is unique).
     */
    private static final String QUEUE = ", gate as (insert into order_gate (order_id) select $3"
            + " where exists (select 1 from first_delivery)"
            + " on conflict (order_id) do update set canceled_at = order_gate.canceled_at returning canceled_at)"
            + " insert into ticket (id, order_id, customer_id, item, qty, status, created_at, updated_at)"
            + " select $4, $3, $5, $6, $7, $8, $9, $9 from gate where canceled_at is null"
            + " on conflict (order_id) do nothing";

    private final Inbox inbox;

    TicketQueue(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Queues the ticket, once per event; true when it was queued, false when its order has one or was cancelled. */
    public Uni<Boolean> queue(ReceivedEvent event, Ticket ticket) {
        return inbox.applyOnce(
                        event,
                        QUEUE,
                        ticket.orderId,
                        ticket.id,
                        ticket.customerId,
                        ticket.item,
                        ticket.qty,
                        ticket.status.name(),
                        ticket.createdAt.atOffset(ZoneOffset.UTC))
                .map(inserted -> inserted == 1);
    }
}
