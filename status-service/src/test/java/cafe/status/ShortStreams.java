package cafe.status;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Live streams that send a keep-alive comment twice a second and end after three seconds. */
public class ShortStreams implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cafe.status.stream-keep-alive", "500ms", "cafe.status.stream-max-lifetime", "3s");
    }
}
