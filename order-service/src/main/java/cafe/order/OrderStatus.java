package cafe.order;

import java.util.Set;

/** The order's state machine: PAYMENT_PENDING → PLACED → BREWING → READY, with CANCELED and REJECTED. */
public enum OrderStatus {
    PAYMENT_PENDING,
    PLACED,
    BREWING,
    READY,
    CANCELED,
    REJECTED;

    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case PAYMENT_PENDING -> next == PLACED || next == REJECTED;
            case PLACED -> Set.of(BREWING, READY, CANCELED).contains(next);
            case BREWING -> next == READY || next == CANCELED;
            case READY, CANCELED, REJECTED -> false;
        };
    }
}
