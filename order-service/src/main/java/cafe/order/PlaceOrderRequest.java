package cafe.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer's order. {@code status} exists only for the original system's clients, which send
 * {@code "Ordered"}. The customer id may be left out of the body: the service places the order for the
 * token's subject ({@link #forCustomer}), so past the REST layer it is always set.
 */
public record PlaceOrderRequest(
        @Size(min = 1, max = 64) @Pattern(regexp = "[\\w.@-]+", message = "letters, digits and . @ - _ only")
        String customerId,

        @NotNull Integer menuId,
        @NotNull @Min(1) @Max(20) Integer qty,

        @Pattern(regexp = "Ordered", message = "must be \"Ordered\" when given")
        String status) {

    /** This request on behalf of {@code customerId}, the signed-in customer. */
    public PlaceOrderRequest forCustomer(String customerId) {
        return new PlaceOrderRequest(customerId, menuId, qty, status);
    }

    /** What makes two requests the same order, to tell a retry from a different order under one key. */
    String fingerprint() {
        return customerId + "|" + menuId + "|" + qty;
    }
}
