package cafe.testing;

import cafe.stack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the real PostgreSQL and Kafka of the local stack: reuses a running
 * stack or starts one for the test JVM, and points the service at it.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalStack.shared().settings().serviceConfig();
    }

    @Override
    public void stop() {
        // the stack outlives one test class; it stops with the JVM
    }
}
