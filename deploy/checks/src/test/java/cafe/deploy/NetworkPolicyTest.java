package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may connect to a service, as the overlay's NetworkPolicies say (they add up). payment admits only
 * order-service on its HTTP port and, on Knative, only the Knative system namespaces on queue-proxy's
 * ports; the public services admit the edge's namespace; everyone's management port 9000 stays in the
 * cluster's hands. No rule admits every port, every peer, an IP block or every namespace.
 */
class NetworkPolicyTest {

    private static final Set<String> KNATIVE_SYSTEM =
            Set.of("knative-serving", "knative-eventing", "kourier-system", "istio-system");
    private static final Set<Integer> KNATIVE_PORTS = Set.of(8012, 9090);
    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9000;

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void paymentAdmitsOnlyOrderServiceAndTheKnativeSystem(String target) {
        for (Admission admission : admissions(target, "payment-service")) {
            if (admission.port() == HTTP) {
                assertEquals(
                        Map.of("app.kubernetes.io/name", "order-service"), podLabels(admission), admission.toString());
            } else if (admission.port() == MANAGEMENT) {
                assertManagement(admission);
            } else {
                assertKnativeSystem(target, admission);
            }
        }
        assertTrue(
                admissions(target, "payment-service").stream().anyMatch(a -> a.port() == HTTP),
                "order-service cannot reach payment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void publicServicesAdmitOnlyTheEdgeAndTheKnativeSystem(String target) {
        for (String service : List.of("order-service", "barista-service", "status-service")) {
            List<Admission> admissions = admissions(target, service);
            for (Admission admission : admissions) {
                if (admission.port() == HTTP) {
                    assertTrue(
                            admission.peer().getPodSelector() == null, admission + ": the edge's namespace, no pods");
                    assertNamesOneNamespace(admission);
                } else if (admission.port() == MANAGEMENT) {
                    assertManagement(admission);
                } else {
                    assertKnativeSystem(target, admission);
                }
            }
            assertTrue(admissions.stream().anyMatch(a -> a.port() == HTTP), "the edge cannot reach " + service);
        }
    }

    /** One port opened to one peer for the service's pods. */
    record Admission(String policy, int port, NetworkPolicyPeer peer) {}

    private static List<Admission> admissions(String target, String service) {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/part-of", "cafe");
        List<NetworkPolicy> policies = new ArrayList<>(Manifests.ofType(NetworkPolicy.class, "platform"));
        if (target.equals("knative")) {
            policies.addAll(Manifests.ofType(NetworkPolicy.class, "knative"));
        }
        List<Admission> admissions = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            if (!selects(policy.getSpec().getPodSelector(), labels)) {
                continue;
            }
            String name = policy.getMetadata().getName();
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), name);
            policy.getSpec().getIngress().forEach(rule -> {
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), name + " opens every port");
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), name + " admits everyone");
                rule.getPorts()
                        .forEach(port -> rule.getFrom().forEach(peer -> {
                            assertTrue(peer.getIpBlock() == null, name + " admits an IP block");
                            admissions.add(new Admission(name, port.getPort().getIntVal(), peer));
                        }));
            });
        }
        return admissions;
    }

    /** Health and metrics: pods of this namespace, or one named namespace (Prometheus's). */
    private static void assertManagement(Admission admission) {
        if (admission.peer().getNamespaceSelector() == null) {
            assertEquals(Map.of(), podLabels(admission), admission + ": every pod of the namespace, or a namespace");
        } else {
            assertNamesOneNamespace(admission);
        }
    }

    private static void assertKnativeSystem(String target, Admission admission) {
        assertEquals("knative", target, admission + ": port " + admission.port() + " is Knative's");
        assertTrue(KNATIVE_PORTS.contains(admission.port()), admission + ": no port of queue-proxy");
        String namespace = assertNamesOneNamespace(admission);
        assertTrue(KNATIVE_SYSTEM.contains(namespace), admission + ": not a Knative namespace");
        if (namespace.equals("knative-eventing")) {
            LabelSelector pods = admission.peer().getPodSelector();
            assertNotNull(pods, admission + ": every pod of Eventing");
            assertEquals(
                    Map.of("app", "kafka-source-dispatcher"), pods.getMatchLabels(), "of Eventing only its dispatcher");
        } else {
            assertTrue(admission.peer().getPodSelector() == null, admission.toString());
        }
    }

    private static String assertNamesOneNamespace(Admission admission) {
        LabelSelector namespaces = admission.peer().getNamespaceSelector();
        assertNotNull(namespaces, admission + ": no namespace");
        assertTrue(
                namespaces.getMatchExpressions() == null
                        || namespaces.getMatchExpressions().isEmpty(),
                admission.toString());
        Map<String, String> labels = namespaces.getMatchLabels();
        assertEquals(
                Set.of("kubernetes.io/metadata.name"),
                labels == null ? Set.of() : labels.keySet(),
                admission + ": one namespace by name");
        return labels.get("kubernetes.io/metadata.name");
    }

    private static Map<String, String> podLabels(Admission admission) {
        assertTrue(admission.peer().getNamespaceSelector() == null, admission + ": pods of another namespace");
        LabelSelector pods = admission.peer().getPodSelector();
        assertNotNull(pods, admission.toString());
        assertTrue(
                pods.getMatchExpressions() == null || pods.getMatchExpressions().isEmpty(), admission.toString());
        return pods.getMatchLabels() == null ? Map.of() : pods.getMatchLabels();
    }

    /** Whether a selector selects pods with these labels (matchLabels and the In/NotIn/Exists expressions). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null
                && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() == null) {
            return true;
        }
        return selector.getMatchExpressions().stream().allMatch(e -> {
            String value = labels.get(e.getKey());
            Set<String> values = new TreeSet<>(e.getValues() == null ? List.of() : e.getValues());
            return switch (e.getOperator()) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + e.getOperator());
            };
        });
    }
}
