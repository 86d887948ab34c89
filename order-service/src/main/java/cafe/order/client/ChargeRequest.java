package cafe.order.client;

import java.util.UUID;

/** What payment is asked to charge; the order id makes the charge idempotent. */
public record ChargeRequest(UUID orderId, long amount, String currency) {}
