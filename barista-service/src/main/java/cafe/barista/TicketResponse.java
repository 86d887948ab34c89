package cafe.barista;

import java.time.Instant;
import java.util.UUID;

/** A ticket as the barista sees it: what to make, not who ordered it. */
public record TicketResponse(
        UUID id, UUID orderId, String item, int qty, TicketStatus status, Instant createdAt, Instant updatedAt) {

    public static TicketResponse of(Ticket ticket) {
        return new TicketResponse(
                ticket.id, ticket.orderId, ticket.item, ticket.qty, ticket.status, ticket.createdAt, ticket.updatedAt);
    }
}
