package cafe.order;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Fault-tolerance thresholds small enough to trip in a test: a 300 ms timeout, a circuit that opens after 4 calls. */
public class ShortPaymentTimeouts implements QuarkusTestProfile {

    static final long TIMEOUT_MS = 300;
    static final long CIRCUIT_DELAY_MS = 1000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "cafe.order.payment-call.timeout-ms", Long.toString(TIMEOUT_MS),
                "cafe.order.payment-call.circuit.request-volume", "4",
                "cafe.order.payment-call.circuit.failure-ratio", "0.5",
                "cafe.order.payment-call.circuit.delay-ms", Long.toString(CIRCUIT_DELAY_MS),
                "cafe.order.payment-call.circuit.success-threshold", "1",
                "cafe.order.payment-call.bulkhead.concurrent", "2",
                "cafe.order.payment-call.bulkhead.queue", "1",
                "cafe.order.retry-after", "1s");
    }
}
