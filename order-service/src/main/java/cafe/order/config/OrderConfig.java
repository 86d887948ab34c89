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

    /** How many orders are placed at once (the rest are turned away): read by OrderService.place's bulkhead. */
    Admission admission();

    /**
     * The thresholds of the call to payment-service (PaymentClient.charge), read by its fault-tolerance
     * policy in application.properties; mapped here so that each is typed and documented in one place.
     */
    PaymentCall paymentCall();

    /** The payment call's timeout, circuit breaker and bulkhead. */
    interface PaymentCall {

        long timeoutMs();

        Circuit circuit();

        Bulkhead bulkhead();

        /** Opens at failureRatio over requestVolume calls, stays open delayMs, closes after successThreshold. */
        interface Circuit {

            int requestVolume();

            double failureRatio();

            long delayMs();

            int successThreshold();
        }

        /** Calls to payment at once, and waiting to be. */
        interface Bulkhead {

            int concurrent();

            int queue();
        }
    }

    /** How many orders one customer may place: a flood from one token is refused before it costs anyone else. */
    PerCustomer perCustomer();

    /** Orders one customer may place at once, and the time in which that many more become allowed, evenly. */
    interface PerCustomer {

        @WithDefault("10")
        int orders();

        @WithDefault("1m")
        Duration period();
    }

    /** Orders being placed at once, and waiting to be. */
    interface Admission {

        @WithDefault("100")
        int concurrent();

        @WithDefault("100")
        int queue();
    }
}
