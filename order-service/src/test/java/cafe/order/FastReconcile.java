package cafe.order;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The reconciler runs every second instead of every ten. */
public class FastReconcile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cafe.order.reconcile-every", "1s");
    }
}
