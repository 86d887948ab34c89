package cafe.order;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Admission small enough to fill in a test: two orders placed at once and one waiting. */
public class FewOrdersAtOnce implements QuarkusTestProfile {

    static final int ADMITTED = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "cafe.order.admission.concurrent", "2",
                "cafe.order.admission.queue", "1",
                "cafe.order.retry-after", "1s");
    }
}
