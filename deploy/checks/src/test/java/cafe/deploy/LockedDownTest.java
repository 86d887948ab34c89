package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each overlay runs of the four services, as a cluster (or `make up`) gets it: locked down (non-root, a
 * read-only root with a writable /tmp only, no privilege escalation or capability, the default seccomp
 * profile) and named by the one image prefix with a `<version>-<commit>` tag that a node keeps.
 */
class LockedDownTest {

    private static final String PREFIX = "localhost/cafe/";
    private static final String TAG = "\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?-([0-9a-f]{7,}|unknown)";

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative", "local"})
    void everyServiceContainerRunsLockedDownFromItsTaggedImage(String target) {
        List<Manifests.Manifest> rendered = Overlay.render(target);
        Map<String, PodSpec> pods = Manifests.servicePods(rendered);
        assertEquals(
                Manifests.SERVICES.stream().sorted().toList(),
                pods.keySet().stream().sorted().toList());
        pods.forEach((service, pod) -> {
            Container container = pod.getContainers().get(0);
            assertEquals(PREFIX + service, container.getImage().replaceFirst(":[^:]*$", ""), service);
            String tag = container.getImage().substring(container.getImage().lastIndexOf(':') + 1);
            assertTrue(tag.matches(TAG), service + " is tagged " + tag + ", not <version>-<commit>");
            assertEquals("IfNotPresent", container.getImagePullPolicy(), service);

            SecurityContext security = container.getSecurityContext();
            assertNotNull(security, service + " has no container securityContext");
            assertEquals(Boolean.TRUE, security.getRunAsNonRoot(), service + " runAsNonRoot");
            assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), service + " readOnlyRootFilesystem");
            assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), service + " allowPrivilegeEscalation");
            assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), service + " capabilities");
            assertFalse(
                    security.getCapabilities().getAdd() != null
                            && !security.getCapabilities().getAdd().isEmpty(),
                    service + " adds a capability");
            assertEquals("RuntimeDefault", security.getSeccompProfile().getType(), service + " seccomp");

            assertTrue(
                    container.getVolumeMounts().stream()
                            .anyMatch(m -> m.getMountPath().equals("/tmp")
                                    && pod.getVolumes().stream()
                                            .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null)),
                    service + " has no writable emptyDir on /tmp");
            assertEquals(
                    List.of("/tmp"),
                    container.getVolumeMounts().stream()
                            .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                            .map(m -> m.getMountPath())
                            .toList(),
                    service + " writes only to /tmp");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "local"})
    void deploymentPodsRunAsTheImagesNonRootUser(String target) {
        for (Manifests.Manifest manifest : Overlay.render(target)) {
            if (manifest.resource() instanceof Deployment deployment
                    && Manifests.SERVICES.contains(deployment.getMetadata().getName())) {
                var pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
                assertEquals(
                        Boolean.TRUE,
                        pod.getRunAsNonRoot(),
                        deployment.getMetadata().getName());
                assertEquals(1001L, pod.getRunAsUser(), deployment.getMetadata().getName());
                assertEquals(
                        "RuntimeDefault",
                        pod.getSeccompProfile().getType(),
                        deployment.getMetadata().getName());
            }
        }
    }
}
