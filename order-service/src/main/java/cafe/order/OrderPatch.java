package cafe.order;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The original system's order update; the only change it may ask for is a cancellation. */
public record OrderPatch(
        @NotNull @Pattern(regexp = "OrderCanceled", message = "only \"OrderCanceled\" is supported")
        String status) {}
