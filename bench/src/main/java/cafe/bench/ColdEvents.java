package cafe.bench;

import cafe.events.BrewStarted;
import cafe.events.CafeEvent;
import cafe.events.EventCodec;
import cafe.events.OrderCanceled;
import cafe.events.OrderPlaced;
import cafe.stack.EventingManifest;
import cafe.stack.LocalKeycloak;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The first event a Knative-mode service gets after scaling from zero, as its KafkaSource delivers it: a
 * binary-mode CloudEvent with the source's token (deploy/knative/eventing.yaml), of a type the service
 * applies (an order for the barista and the view, a cancel for payment, a brew for order-service).
 */
final class ColdEvents {

    private static final List<EventingManifest.Source> SOURCES = EventingManifest.sources(EventingManifest.path());

    private ColdEvents() {}

    static HttpRequest delivery(String service, int port, LocalKeycloak issuer) {
        EventingManifest.Source source = SOURCES.stream()
                .filter(s -> s.service().equals(service))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no KafkaSource delivers to " + service));
        UUID orderId = UUID.randomUUID();
        CafeEvent event = switch (service) {
            case "payment-service" -> new OrderCanceled(orderId, "bench-cold", UUID.randomUUID(), Instant.now());
            case "order-service" -> new BrewStarted(orderId, UUID.randomUUID(), Instant.now());
            default ->
                new OrderPlaced(
                        orderId, "bench-cold", null, 1, "Espresso", 1, 250, "EUR", UUID.randomUUID(), Instant.now());
        };
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + source.path()))
                .header("Authorization", "Bearer " + issuer.eventingToken(source.serviceAccount(), source.audience()))
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", event.type().ceType())
                .header("ce-source", event.type().source())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString(EventCodec.toJson(event)))
                .build();
    }
}
