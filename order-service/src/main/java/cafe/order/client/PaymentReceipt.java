package cafe.order.client;

import java.util.UUID;

/** Payment's record of a charge. */
public record PaymentReceipt(UUID id, UUID orderId, long amount, String currency, String status) {

    public boolean approved() {
        return "APPROVED".equals(status) || "REFUNDED".equals(status);
    }
}
