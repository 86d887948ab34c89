package cafe.order;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The packaged service under test starts cold, and `make images` runs it inside a container recording its AOT
 * cache, where the first charge's classes load during the call: the 1.5 s a warm service gives payment is too
 * little for that one call, and the order would be refused as "try again shortly".
 */
public class ColdStartAllowance implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("cafe.order.payment-call.timeout-ms", "10000");
    }

    @Override
    public void stop() {}
}
