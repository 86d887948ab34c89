package cafe.payment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.UUID;

/** A request to charge an order; repeating it for the same order returns the same payment. */
public record ChargeRequest(
        @NotNull UUID orderId,
        @NotNull @Positive Long amount,

        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
        String currency) {}
