package cafe.barista;

import cafe.events.OrderPlaced;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The barista's work item for one paid order. */
@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    public UUID id;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "customer_id")
    public String customerId;

    /** What the barista calls out; null when the customer's token named nobody. */
    @Column(name = "customer_name")
    public String customerName;

    public String item;
    public int qty;

    @Enumerated(EnumType.STRING)
    public TicketStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Ticket queued(OrderPlaced order) {
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.orderId = order.orderId();
        ticket.customerId = order.customerId();
        ticket.customerName = order.customerName();
        ticket.item = order.item();
        ticket.qty = order.qty();
        ticket.status = TicketStatus.QUEUED;
        ticket.createdAt = Instant.now();
        ticket.updatedAt = ticket.createdAt;
        return ticket;
    }
}
