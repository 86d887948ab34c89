package cafe.order;

import cafe.order.config.OrderConfig;
import cafe.problem.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Each customer's share of ordering on this replica: a token bucket of cafe.order.per-customer.orders,
 * refilled evenly over cafe.order.per-customer.period. Beyond it an order is a 429 before anything is
 * stored or charged, so one customer's flood cannot fill admission or trip the payment circuit for the
 * others. A bucket left alone for a period is full again, so it is forgotten then.
 */
@ApplicationScoped
public class OrdersPerCustomer {

    private static final int CUSTOMERS_REMEMBERED = 100_000;

    private final Bandwidth share;
    private final Cache<String, Bucket> buckets;

    OrdersPerCustomer(OrderConfig config) {
        OrderConfig.PerCustomer limit = config.perCustomer();
        share = Bandwidth.builder()
                .capacity(limit.orders())
                .refillGreedy(limit.orders(), limit.period())
                .build();
        buckets = Caffeine.newBuilder()
                .expireAfterAccess(limit.period())
                .maximumSize(CUSTOMERS_REMEMBERED)
                .build();
    }

    /** Counts one order for the customer, or refuses it with when the next one would be accepted. */
    public void admit(String customerId) {
        ConsumptionProbe probe = buckets.get(
                        customerId, id -> Bucket.builder().addLimit(share).build())
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw ProblemException.tooMany(
                    "You have placed as many orders as one customer may for now; nothing was placed or charged",
                    wait.plusSeconds(1).withNanos(0));
        }
    }
}
