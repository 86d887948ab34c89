package cafe.barista;

import java.time.Instant;
import java.util.UUID;

/** A ticket as the API shows it. */
public record TicketResponse(
        UUID id,
        UUID orderId,
        String customerId,
        String item,
        int qty,
        TicketStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public static TicketResponse of(Ticket ticket) {
        return new TicketResponse(
                ticket.id,
                ticket.orderId,
                ticket.customerId,
                ticket.item,
                ticket.qty,
                ticket.status,
                ticket.createdAt,
                ticket.updatedAt);
    }
}
