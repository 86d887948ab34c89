package cafe.order.client;

import java.util.UUID;

/** The answer to a charge: approved with a payment id, or declined. */
public record ChargeOutcome(boolean approved, UUID paymentId) {

    public static ChargeOutcome of(PaymentReceipt receipt) {
        return new ChargeOutcome(receipt.approved(), receipt.id());
    }

    public static ChargeOutcome declined() {
        return new ChargeOutcome(false, null);
    }
}
