package cafe.barista;

import java.time.Instant;
import java.util.UUID;

/**
 * A ticket as the barista sees it: what to make, and the name to call out when it is ready (null when the
 * customer's token named nobody), never the customer's id. Also the board's live changes (see V4__board.sql).
 */
public record TicketResponse(
        UUID id,
        UUID orderId,
        String customerName,
        String item,
        int qty,
        TicketStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public static TicketResponse of(Ticket ticket) {
        return new TicketResponse(
                ticket.id,
                ticket.orderId,
                ticket.customerName,
                ticket.item,
                ticket.qty,
                ticket.status,
                ticket.createdAt,
                ticket.updatedAt);
    }
}
