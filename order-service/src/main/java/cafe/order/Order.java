package cafe.order;

import cafe.events.OrderPlaced;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer's order of one menu item; it is established (PLACED) only once its payment is approved. */
@Entity
@Table(name = "customer_order")
public class Order {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public String customerId;

    /** What the barista calls out; null when the customer's token named nobody. */
    @Column(name = "customer_name")
    public String customerName;

    @Column(name = "menu_id")
    public int menuId;

    public String item;
    public int qty;
    public long amount;
    public String currency;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @Column(name = "payment_id")
    public UUID paymentId;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A new order as the customer asked for it; the statement that stores it fills in the item and the price. */
    static Order requested(PlaceOrderRequest request, String customerName, String idempotencyKey) {
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.customerId = request.customerId();
        order.customerName = customerName;
        order.menuId = request.menuId();
        order.qty = request.qty();
        order.status = OrderStatus.PAYMENT_PENDING;
        order.idempotencyKey = idempotencyKey;
        order.requestHash = request.fingerprint();
        order.createdAt = Instant.now();
        order.updatedAt = order.createdAt;
        return order;
    }

    /** Its event once PLACED: paid, the barista may make it. */
    OrderPlaced placed() {
        return new OrderPlaced(id, customerId, customerName, menuId, item, qty, amount, currency, paymentId, updatedAt);
    }

    /** Moves along the state machine; false when the move is not allowed from the current state. */
    boolean moveTo(OrderStatus next) {
        if (!status.canBecome(next)) {
            return false;
        }
        status = next;
        updatedAt = Instant.now();
        return true;
    }
}
