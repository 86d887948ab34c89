package cafe.order;

import java.util.Set;

/**
 * The order's state machine: PAYMENT_PENDING → PLACED → BREWING → READY → HANDED_OVER, or REJECTED when the payment is
 * declined. A cancel is a request (CANCEL_REQUESTED) the barista decides: CANCELED when the ticket was
 * dropped, READY when the drink was already made.
 */
public enum OrderStatus {
    PAYMENT_PENDING,
    PLACED,
    BREWING,
    CANCEL_REQUESTED,
    READY,
    HANDED_OVER,
    CANCELED,
    REJECTED;

    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case PAYMENT_PENDING -> next == PLACED || next == REJECTED;
            case PLACED -> Set.of(BREWING, CANCEL_REQUESTED, READY).contains(next);
            case BREWING -> next == CANCEL_REQUESTED || next == READY;
            case CANCEL_REQUESTED -> next == READY || next == CANCELED;
            case READY -> next == HANDED_OVER;
            case HANDED_OVER, CANCELED, REJECTED -> false;
        };
    }
}
