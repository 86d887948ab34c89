package cafe.order;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/** Tracing switched on, with the finished spans kept in memory (an exporter bean replaces OTLP). */
public class Traced implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("cafe.tracing", "true", "quarkus.otel.bsp.schedule.delay", "50ms");
    }

    static class Exporter {

        @Produces
        @Singleton
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
