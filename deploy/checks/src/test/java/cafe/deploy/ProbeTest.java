package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Probes point at SmallRye Health's endpoints (which the system test calls on the running services),
 * on the container's management port (its only port before there was one); rollouts never go below
 * the desired replicas.
 */
class ProbeTest {

    private static final Set<String> HEALTH = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    @Test
    void deploymentsProbeHealthOnTheirPortAndRollWithoutLosingReplicas() {
        var deployments = Manifests.ofType(Deployment.class, "generated/kubernetes");
        assertEquals(4, deployments.size());
        for (Deployment deployment : deployments) {
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            // the management interface's port where the service has one (health leaves the public port)
            int port = container.getPorts().stream()
                    .filter(p -> "management".equals(p.getName()))
                    .findFirst()
                    .orElse(container.getPorts().get(0))
                    .getContainerPort();
            assertProbe(container.getLivenessProbe(), "/q/health/live", port);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", port);
            assertProbe(container.getStartupProbe(), "/q/health/started", port);
            assertStartupWindow(deployment.getMetadata().getName(), container.getStartupProbe());
            assertEquals(
                    "0",
                    deployment
                            .getSpec()
                            .getStrategy()
                            .getRollingUpdate()
                            .getMaxUnavailable()
                            .getStrVal(),
                    deployment.getMetadata().getName() + " maxUnavailable");
            assertNotNull(container.getResources().getLimits().get("memory"));
        }
    }

    @Test
    void knativeServicesProbeHealth() {
        var services = Manifests.ofType(Service.class, "generated/knative");
        assertEquals(4, services.size());
        for (Service service : services) {
            Container container =
                    service.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertTrue(HEALTH.contains(container.getLivenessProbe().getHttpGet().getPath()));
            assertTrue(
                    HEALTH.contains(container.getReadinessProbe().getHttpGet().getPath()));
        }
    }

    /** Asked every second (a start with the AOT cache takes about 2 s), for long enough to start without it. */
    private static void assertStartupWindow(String name, Probe startup) {
        assertEquals(1, startup.getPeriodSeconds(), name + " startup probe period");
        assertTrue(
                startup.getPeriodSeconds() * startup.getFailureThreshold() >= 30, name + " startup window under 30 s");
        assertEquals(0, startup.getInitialDelaySeconds(), name + " startup probe initial delay");
    }

    private static void assertProbe(Probe probe, String path, int port) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(port, probe.getHttpGet().getPort().getIntVal());
    }
}
