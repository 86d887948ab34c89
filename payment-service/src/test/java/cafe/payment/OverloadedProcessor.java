package cafe.payment;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A processor that takes 500 ms per charge and handles one at a time. */
public class OverloadedProcessor implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cafe.payment.latency", "500ms", "cafe.payment.max-concurrent-charges", "1");
    }
}
