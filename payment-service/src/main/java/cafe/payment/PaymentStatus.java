package cafe.payment;

/**
 * A charge's state: APPROVED → REFUNDED, or DECLINED for good, or VOIDED: the order was settled without a
 * charge (order-service gave up waiting), and a charge that arrives later is refused.
 */
public enum PaymentStatus {
    APPROVED,
    DECLINED,
    REFUNDED,
    VOIDED;

    /** True when the order has been paid (and possibly paid back since). */
    public boolean paid() {
        return this == APPROVED || this == REFUNDED;
    }
}
