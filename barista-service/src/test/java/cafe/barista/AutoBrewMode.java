package cafe.barista;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** As in demos and the bench: the automatic barista starts every queued ticket and finishes it after 1 s. */
public class AutoBrewMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cafe.barista.auto-brew", "true", "cafe.barista.brew-time", "1s");
    }
}
