package cafe.order.client;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls payment-service under a fault-tolerance policy: bounded time, bounded concurrency, a circuit
 * breaker that stops calling a failing payment, and a fallback that turns all of that into
 * {@link PaymentUnavailableException}. A decline is an answer, not a failure. The thresholds of the
 * charge's policy (timeout, circuit breaker, bulkhead) are set in one place: {@code cafe.order.payment-call.*} in
 * application.properties, which any environment can override (e.g. {@code CAFE_ORDER_PAYMENT_CALL_TIMEOUT_MS}).
 */
@ApplicationScoped
public class PaymentClient {

    static final String CIRCUIT = "payment-charge";

    private final PaymentRestClient payments;

    PaymentClient(@RestClient PaymentRestClient payments) {
        this.payments = payments;
    }

    /**
     * Charging is idempotent on the order id, so a retry can never charge twice; only a failed
     * connection is retried, never a timeout, to keep the customer's wait bounded.
     */
    @Timeout
    @Retry(maxRetries = 1, delay = 50, retryOn = ProcessingException.class)
    @CircuitBreaker
    @CircuitBreakerName(CIRCUIT)
    @Bulkhead
    @Fallback(fallbackMethod = "chargeUnavailable")
    public Uni<ChargeOutcome> charge(ChargeRequest request) {
        return payments.charge(request)
                .map(ChargeOutcome::of)
                .onFailure(PaymentClient::isDecline)
                .recoverWithItem(ChargeOutcome.declined());
    }

    /**
     * Voids the order's charge unless it happened, and answers what it is now: the reconciler settles a
     * pending order by that answer. Payment decides what came first, so a charge still in flight can
     * never end approved for an order that was rejected.
     */
    @Timeout(value = 3000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 200)
    public Uni<ChargeOutcome> voidCharge(ChargeRequest request) {
        return payments.voidCharge(request).map(ChargeOutcome::of);
    }

    Uni<ChargeOutcome> chargeUnavailable(ChargeRequest request, Throwable cause) {
        Log.warnf("Payment unavailable for order %s: %s", request.orderId(), cause.toString());
        return Uni.createFrom().failure(new PaymentUnavailableException("payment is unavailable", cause));
    }

    private static boolean isDecline(Throwable failure) {
        return failure instanceof WebApplicationException e && e.getResponse().getStatus() == 402;
    }
}
