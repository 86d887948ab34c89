package cafe.status;

/** What happened to the order's money. */
public enum PaymentState {
    PAID,
    REFUNDED
}
