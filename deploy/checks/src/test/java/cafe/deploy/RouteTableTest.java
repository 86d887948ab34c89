package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The edge: each public path goes to the service that owns it, and nothing reaches payment from outside. */
class RouteTableTest {

    private static final Map<String, String> PUBLIC_ROUTES = new TreeMap<>(Map.of(
            "/menu", "order-service",
            "/orders", "order-service",
            "/tickets", "barista-service",
            "/order-status", "status-service"));

    @Test
    void gatewayRouteSendsEachPublicPathToItsServiceAndNothingToPayment() {
        HTTPRoute route = single(HTTPRoute.class);
        Map<String, String> table = new TreeMap<>();
        route.getSpec()
                .getRules()
                .forEach(rule -> rule.getMatches().forEach(match -> {
                    assertEquals(1, rule.getBackendRefs().size(), "one backend per rule");
                    table.put(
                            match.getPath().getValue(),
                            rule.getBackendRefs().get(0).getName());
                    assertEquals(80, rule.getBackendRefs().get(0).getPort(), "service port");
                }));
        assertEquals(PUBLIC_ROUTES, table);
    }

    @Test
    void ingressAlternativeHasTheSameTable() {
        Ingress ingress = single(Ingress.class);
        Map<String, String> table = new TreeMap<>();
        ingress.getSpec()
                .getRules()
                .forEach(rule -> rule.getHttp()
                        .getPaths()
                        .forEach(path -> table.put(
                                path.getPath(), path.getBackend().getService().getName())));
        assertEquals(PUBLIC_ROUTES, table);
    }

    @Test
    void everyRoutedServiceExistsOnPort80() {
        Map<String, Service> services = new TreeMap<>();
        Manifests.ofType(Service.class, "generated/kubernetes")
                .forEach(s -> services.put(s.getMetadata().getName(), s));
        PUBLIC_ROUTES.values().forEach(name -> {
            assertTrue(services.containsKey(name), name + " has no Service");
            assertEquals(80, services.get(name).getSpec().getPorts().get(0).getPort());
        });
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T single(Class<T> type) {
        var found = Manifests.ofType(type, "platform");
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " in deploy/platform");
        return found.get(0);
    }
}
