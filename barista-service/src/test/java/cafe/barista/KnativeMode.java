package cafe.barista;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** As on Knative: the Kafka channel is off, events arrive only over HTTP (the knative profile's setting). */
public class KnativeMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.orders.enabled", "false");
    }
}
