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
                "cafe.payment.timeout-ms", Long.toString(TIMEOUT_MS),
                "cafe.payment.circuit.request-volume", "4",
                "cafe.payment.circuit.failure-ratio", "0.5",
                "cafe.payment.circuit.delay-ms", Long.toString(CIRCUIT_DELAY_MS),
                "cafe.payment.circuit.success-threshold", "1",
                "cafe.payment.bulkhead.concurrent", "2",
                "cafe.payment.bulkhead.queue", "1",
                "cafe.order.retry-after", "1s");
    }
}
