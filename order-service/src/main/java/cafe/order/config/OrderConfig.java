package cafe.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The business settings of order-service. */
@ConfigMapping(prefix = "cafe.order")
public interface OrderConfig {

    /** What the Retry-After header tells a customer turned away because payment is unavailable. */
    @WithDefault("2s")
    Duration retryAfter();

    /** How old a PAYMENT_PENDING order must be before the reconciler settles it. */
    @WithDefault("30s")
    Duration reconcileAfter();

    /** How often the reconciler looks for such orders. */
    @WithDefault("10s")
    Duration reconcileEvery();
}
