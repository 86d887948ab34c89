package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bearer tokens, sign-in codes and orders cross the edge: each Gateway serves HTTPS with a certificate,
 * every route to a service is on an HTTPS listener only, and a plain-HTTP listener does nothing but
 * redirect to HTTPS; the Ingress alternative terminates TLS too.
 */
class EdgeTlsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kubernetes", "knative"})
    void theEdgeServesHttpsAndPlainHttpOnlyRedirects(String target) {
        List<HasMetadata> deployed = Overlay.render(target).stream()
                .map(Manifests.Manifest::resource)
                .toList();
        List<Gateway> gateways = ofType(deployed, Gateway.class);
        assertFalse(gateways.isEmpty(), "no Gateway in " + target);
        Map<String, String> protocols = gateways.stream()
                .flatMap(gateway -> gateway.getSpec().getListeners().stream())
                .collect(Collectors.toMap(Listener::getName, Listener::getProtocol));
        for (Gateway gateway : gateways) {
            List<Listener> https = gateway.getSpec().getListeners().stream()
                    .filter(listener -> listener.getProtocol().equals("HTTPS"))
                    .toList();
            assertFalse(https.isEmpty(), "Gateway " + gateway.getMetadata().getName() + " has no HTTPS listener");
            https.forEach(listener -> {
                assertNotNull(listener.getTls(), listener.getName() + " has no tls");
                assertFalse(
                        listener.getTls().getCertificateRefs().isEmpty(), listener.getName() + " has no certificate");
            });
        }

        for (HTTPRoute route : ofType(deployed, HTTPRoute.class)) {
            String name = "HTTPRoute/" + route.getMetadata().getName();
            route.getSpec().getParentRefs().forEach(parent -> {
                assertNotNull(parent.getSectionName(), name + " is on every listener, plain HTTP too");
                if (protocols.get(parent.getSectionName()).equals("HTTP")) {
                    route.getSpec().getRules().forEach(rule -> {
                        assertTrue(rule.getBackendRefs().isEmpty(), name + " sends plain HTTP to a service");
                        assertTrue(
                                rule.getFilters().stream()
                                        .map(HTTPRouteFilter::getRequestRedirect)
                                        .anyMatch(redirect -> redirect != null && "https".equals(redirect.getScheme())),
                                name + " does not redirect plain HTTP to HTTPS");
                    });
                } else {
                    assertEquals("HTTPS", protocols.get(parent.getSectionName()), name);
                }
            });
        }

        for (Ingress ingress : ofType(deployed, Ingress.class)) {
            assertFalse(
                    ingress.getSpec().getTls().isEmpty(),
                    "Ingress/" + ingress.getMetadata().getName() + " has no tls");
            ingress.getSpec().getTls().forEach(tls -> assertNotNull(tls.getSecretName(), "a certificate's Secret"));
        }
    }

    private static <T> List<T> ofType(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
