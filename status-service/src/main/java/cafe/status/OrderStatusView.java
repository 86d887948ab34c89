package cafe.status;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The stored document of one order, with the columns it is queried by. */
@Entity
@Table(name = "order_status")
public class OrderStatusView {

    @Id
    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "customer_id")
    public String customerId;

    public String document;

    @Column(name = "placed_at")
    public Instant placedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
