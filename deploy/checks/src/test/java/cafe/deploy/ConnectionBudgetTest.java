package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL refuses a connection beyond its max_connections, and a refused connection is a failed order.
 * Each replica opens up to its two pools' sizes (reactive, and JDBC for the migrations) and holds a few
 * connections of its own; the replicas at their autoscalers' maximum, with the extra pods of a rolling
 * update, must all get theirs.
 */
class ConnectionBudgetTest {

    /**
     * The connections a replica holds beside its pools: the outbox relay's lead (RelayLeadership), and in
     * status-service, which has no outbox, the LISTEN connection and the rebuild's lock.
     */
    private static final Map<String, Integer> HELD =
            Map.of("order-service", 1, "payment-service", 1, "barista-service", 1, "status-service", 2);

    /** PostgreSQL keeps these for superusers (superuser_reserved_connections' default). */
    private static final int RESERVED = 3;

    /** What PostgreSQL allows unless told otherwise. */
    private static final int DEFAULT_MAX_CONNECTIONS = 100;

    /** A Deployment's rolling update adds up to this share of its replicas unless it says otherwise. */
    private static final String DEFAULT_SURGE = "25%";

    private static final Pattern MAX_CONNECTIONS = Pattern.compile("max_connections=(\\d+)");

    @Test
    void everyReplicaAtItsAutoscalersMaximumGetsItsConnections() throws IOException {
        assertEquals(Set.copyOf(Manifests.SERVICES), HELD.keySet(), "what each service holds beside its pools");
        Map<String, String> cluster = clusterConfig();
        int needed = RESERVED;
        StringBuilder sum = new StringBuilder(RESERVED + " reserved");
        var autoscalers = Manifests.ofType(HorizontalPodAutoscaler.class, "kubernetes");
        assertEquals(Manifests.SERVICES.size(), autoscalers.size(), "an autoscaler per service");
        for (HorizontalPodAutoscaler autoscaler : autoscalers) {
            String service = autoscaler.getSpec().getScaleTargetRef().getName();
            Properties config = ConfigCoverageTest.properties(service);
            int reactive = setting(cluster, config, "quarkus.datasource.reactive.max-size");
            int jdbc = setting(cluster, config, "quarkus.datasource.jdbc.max-size");
            int maxReplicas = autoscaler.getSpec().getMaxReplicas();
            int pods = maxReplicas + surge(service, maxReplicas);
            int perReplica = reactive + jdbc + HELD.get(service);
            needed += pods * perReplica;
            sum.append(" + ")
                    .append(service)
                    .append(' ')
                    .append(pods)
                    .append(" × ")
                    .append(perReplica);
        }
        int allowed = maxConnections();
        assertTrue(
                needed <= allowed,
                "PostgreSQL allows " + allowed + " connections; the services may open " + needed + ": " + sum);
    }

    /** The cluster's value (cafe-config, in the environment form of the key), else the service's own. */
    private static int setting(Map<String, String> cluster, Properties config, String key) {
        String value =
                Optional.ofNullable(cluster.get(ConfigCoverageTest.env(key))).orElseGet(() -> config.getProperty(key));
        return Integer.parseInt(value);
    }

    private static Map<String, String> clusterConfig() {
        return Manifests.ofType(ConfigMap.class, "platform").stream()
                .filter(map -> map.getMetadata().getName().equals("cafe-config"))
                .findFirst()
                .orElseThrow()
                .getData();
    }

    private static int surge(String service, int replicas) {
        Deployment deployment = Manifests.ofType(Deployment.class, "generated/kubernetes").stream()
                .filter(d -> d.getMetadata().getName().equals(service))
                .findFirst()
                .orElseThrow();
        var strategy = deployment.getSpec().getStrategy();
        IntOrString maxSurge = strategy != null && strategy.getRollingUpdate() != null
                ? strategy.getRollingUpdate().getMaxSurge()
                : null;
        String surge = maxSurge == null
                ? DEFAULT_SURGE
                : maxSurge.getStrVal() != null
                        ? maxSurge.getStrVal()
                        : maxSurge.getIntVal().toString();
        return surge.endsWith("%")
                ? (int) Math.ceil(replicas * Integer.parseInt(surge.substring(0, surge.length() - 1)) / 100.0)
                : Integer.parseInt(surge);
    }

    private static int maxConnections() {
        StatefulSet postgres = Manifests.ofType(StatefulSet.class, "platform").stream()
                .filter(set -> set.getMetadata().getName().equals("cafe-postgres"))
                .findFirst()
                .orElseThrow();
        return postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().stream()
                .map(MAX_CONNECTIONS::matcher)
                .filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1)))
                .findFirst()
                .orElse(DEFAULT_MAX_CONNECTIONS);
    }
}
