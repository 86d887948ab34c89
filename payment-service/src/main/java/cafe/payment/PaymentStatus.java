package cafe.payment;

/** A charge's state: APPROVED → REFUNDED, or DECLINED for good. */
public enum PaymentStatus {
    APPROVED,
    DECLINED,
    REFUNDED
}
