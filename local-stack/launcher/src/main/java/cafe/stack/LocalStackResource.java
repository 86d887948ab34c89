package cafe.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the real PostgreSQL and Kafka of the local stack: reuses a running
 * stack or starts one for the test JVM, and points the service at it.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        StackSettings settings = LocalStack.shared().settings();
        return Map.of(
                "cafe.db.port", Integer.toString(settings.postgresPort()),
                "kafka.bootstrap.servers", settings.kafkaBootstrap());
    }

    @Override
    public void stop() {
        // the stack outlives one test class; it stops with the JVM
    }
}
