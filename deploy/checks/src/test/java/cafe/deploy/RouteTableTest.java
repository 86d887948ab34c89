package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge: each public path goes to the service that owns it, and nothing reaches payment, the event
 * entries, the admin API or the management endpoints from outside, in the committed manifests and in
 * what each overlay deploys. On Knative no service is on Knative's own public ingress: the Gateway's
 * route reaches them through the cluster-local ingress with the Host of the service.
 */
class RouteTableTest {

    private static final List<String> INTERNAL_PATHS = List.of("/payments", "/events", "/admin", "/q");

    /**
     * The API, and the pages order-service serves: the customer's at "/" (that path only), the board, the
     * operators' console at "/ops" (that path only), their scripts; and each service's operator routes at
     * /ops/<service> (admin role), payment's through order-service, which relays them: payment itself is
     * reached by order-service alone.
     */
    private static final Map<String, String> PUBLIC_ROUTES = new TreeMap<>(Map.ofEntries(
            Map.entry("/", "order-service"),
            Map.entry("/barista", "order-service"),
            Map.entry("/ui", "order-service"),
            Map.entry("/ops", "order-service"),
            Map.entry("/menu", "order-service"),
            Map.entry("/orders", "order-service"),
            Map.entry("/ops/order-service", "order-service"),
            Map.entry("/ops/payment-service", "order-service"),
            Map.entry("/tickets", "barista-service"),
            Map.entry("/ops/barista-service", "barista-service"),
            Map.entry("/order-status", "status-service"),
            Map.entry("/ops/status-service", "status-service")));

    @Test
    void gatewayRouteSendsEachPublicPathToItsServiceAndNothingToPayment() {
        HTTPRoute route = Manifests.ofType(HTTPRoute.class, "platform").stream()
                .filter(r -> r.getMetadata().getName().equals("cafe"))
                .findFirst()
                .orElseThrow();
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

    @Test
    void noCommittedRouteReachesPaymentOrAnInternalPath() {
        List<HasMetadata> routes = new ArrayList<>();
        Manifests.all().forEach(m -> routes.add(m.resource()));
        Manifests.in(Manifests.DEPLOY.resolve("knative/patches/http-route.yaml"))
                .forEach(m -> routes.add(m.resource()));
        assertEquals(List.of(), internalRoutes(routes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void noDeployedRouteReachesPaymentOrAnInternalPath(String target) {
        List<HasMetadata> deployed = Overlay.render(target).stream()
                .map(Manifests.Manifest::resource)
                .toList();
        assertEquals(List.of(), internalRoutes(deployed));
        assertTrue(deployed.stream().anyMatch(HTTPRoute.class::isInstance), "no HTTPRoute in " + target);
    }

    @Test
    void onKnativeEveryServiceIsClusterLocalAndTheGatewayRoutesByHost() {
        List<HasMetadata> deployed = Overlay.render("knative").stream()
                .map(Manifests.Manifest::resource)
                .toList();
        var services = deployed.stream()
                .filter(io.fabric8.knative.serving.v1.Service.class::isInstance)
                .toList();
        assertEquals(4, services.size());
        services.forEach(service -> assertEquals(
                "cluster-local",
                service.getMetadata().getLabels().get("networking.knative.dev/visibility"),
                service.getMetadata().getName() + " is on Knative's public ingress"));
        assertTrue(deployed.stream().noneMatch(Ingress.class::isInstance), "an Ingress cannot set the Host");

        ReferenceGrant grant = deployed.stream()
                .filter(ReferenceGrant.class::isInstance)
                .map(ReferenceGrant.class::cast)
                .findFirst()
                .orElseThrow();
        Map<String, String> table = new TreeMap<>();
        deployed.stream()
                .filter(HTTPRoute.class::isInstance)
                .map(HTTPRoute.class::cast)
                .filter(route -> route.getMetadata().getName().equals("cafe"))
                .forEach(route -> route.getSpec().getRules().forEach(rule -> {
                    var backend = rule.getBackendRefs().get(0);
                    assertEquals(grant.getMetadata().getNamespace(), backend.getNamespace(), "the granted namespace");
                    assertEquals(grant.getSpec().getTo().get(0).getName(), backend.getName(), "the granted Service");
                    String host = rule.getFilters().get(0).getUrlRewrite().getHostname();
                    rule.getMatches()
                            .forEach(match ->
                                    table.put(match.getPath().getValue(), host.replace(".cafe.svc.cluster.local", "")));
                }));
        assertEquals(PUBLIC_ROUTES, table);
    }

    /** Each route (HTTPRoute or Ingress) that sends a path to payment or lets an internal path through. */
    private static List<String> internalRoutes(List<HasMetadata> resources) {
        List<String> found = new ArrayList<>();
        for (HasMetadata resource : resources) {
            if (resource instanceof HTTPRoute route) {
                route.getSpec().getRules().forEach(rule -> {
                    List<String> paths = new ArrayList<>();
                    if (rule.getMatches() == null || rule.getMatches().isEmpty()) {
                        paths.add("/"); // a rule without matches takes every path
                    } else {
                        rule.getMatches()
                                .forEach(m -> paths.add(
                                        m.getPath() == null
                                                ? "/"
                                                : pathOf(
                                                        m.getPath().getType(),
                                                        m.getPath().getValue())));
                    }
                    List<String> targets = new ArrayList<>();
                    rule.getBackendRefs().forEach(b -> targets.add(b.getName()));
                    if (rule.getFilters() != null) {
                        rule.getFilters().stream()
                                .filter(f -> f.getUrlRewrite() != null
                                        && f.getUrlRewrite().getHostname() != null)
                                .forEach(f -> targets.add(f.getUrlRewrite().getHostname()));
                    }
                    check("HTTPRoute/" + route.getMetadata().getName(), paths, targets, found);
                });
            } else if (resource instanceof Ingress ingress) {
                if (ingress.getSpec().getDefaultBackend() != null) {
                    found.add("Ingress/" + ingress.getMetadata().getName() + " has a default backend: every path");
                }
                ingress.getSpec()
                        .getRules()
                        .forEach(rule -> rule.getHttp()
                                .getPaths()
                                .forEach(path -> check(
                                        "Ingress/" + ingress.getMetadata().getName(),
                                        List.of(pathOf(path.getPathType(), path.getPath())),
                                        List.of(path.getBackend().getService().getName()),
                                        found)));
            }
        }
        return found;
    }

    /** A rule with no backend (the redirect to HTTPS) sends nothing to any service, whatever its paths. */
    private static void check(String route, List<String> paths, List<String> targets, List<String> found) {
        if (targets.isEmpty()) {
            return;
        }
        targets.stream()
                .filter(t -> t.equals("payment-service") || t.startsWith("payment-service."))
                .forEach(t -> found.add(route + " reaches " + t));
        for (String path : paths) {
            INTERNAL_PATHS.stream()
                    .filter(internal -> reaches(path, internal))
                    .forEach(internal -> found.add(route + " " + path + " reaches " + internal));
        }
    }

    /** A regular expression could match anything: counted as "/"; an exact path is marked with a leading "=". */
    private static String pathOf(String type, String value) {
        if (type != null && type.equals("RegularExpression")) {
            return "/";
        }
        return type != null && type.equals("Exact") ? "=" + value : value;
    }

    /**
     * Prefixes match whole path segments: "/" and "/q" reach "/q/metrics", "/quit" does not reach "/q";
     * an exact path ("=/") reaches only itself.
     */
    static boolean reaches(String routePath, String internal) {
        if (routePath.startsWith("=")) {
            String exact = routePath.substring(1);
            return exact.equals(internal) || exact.startsWith(internal + "/");
        }
        String path = routePath.endsWith("/") ? routePath.substring(0, routePath.length() - 1) : routePath;
        return path.equals(internal) || internal.startsWith(path + "/") || path.startsWith(internal + "/");
    }

    @Test
    void prefixesAreComparedBySegment() {
        assertTrue(reaches("/", "/payments"));
        assertTrue(reaches("/q/metrics", "/q"));
        assertTrue(reaches("/admin/", "/admin"));
        assertFalse(reaches("/quit", "/q"));
        assertFalse(reaches("/orders", "/events"));
        assertFalse(reaches("=/", "/payments"));
        assertTrue(reaches("=/admin/x", "/admin"));
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T single(Class<T> type) {
        var found = Manifests.ofType(type, "platform");
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " in deploy/platform");
        return found.get(0);
    }
}
