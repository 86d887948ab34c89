package cafe.order;

import java.time.Instant;
import java.util.UUID;

/** An order as the API shows it. */
public record OrderResponse(
        UUID id,
        String customerId,
        int menuId,
        String item,
        int qty,
        long amount,
        String currency,
        OrderStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public static OrderResponse of(Order order) {
        return new OrderResponse(
                order.id,
                order.customerId,
                order.menuId,
                order.item,
                order.qty,
                order.amount,
                order.currency,
                order.status,
                order.createdAt,
                order.updatedAt);
    }
}
