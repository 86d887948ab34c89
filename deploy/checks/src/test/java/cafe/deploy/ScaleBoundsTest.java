package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No service grows without bound in either mode: each Knative service has a max-scale, the same as its
 * HorizontalPodAutoscaler's maxReplicas, so a flood costs at most what the Deployment mode allows.
 */
class ScaleBoundsTest {

    @Test
    void everyKnativeServiceScalesToAtMostItsAutoscalersMaximum() {
        Map<String, Integer> maxReplicas = Manifests.ofType(HorizontalPodAutoscaler.class, "kubernetes").stream()
                .collect(Collectors.toMap(
                        hpa -> hpa.getSpec().getScaleTargetRef().getName(),
                        hpa -> hpa.getSpec().getMaxReplicas()));
        var services = Manifests.ofType(Service.class, "generated/knative");
        assertEquals(Manifests.SERVICES.size(), services.size());
        for (Service service : services) {
            String name = service.getMetadata().getName();
            String maxScale = service.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getAnnotations()
                    .get("autoscaling.knative.dev/max-scale");
            assertNotNull(maxScale, name + " has no autoscaling.knative.dev/max-scale");
            assertEquals(maxReplicas.get(name), Integer.valueOf(maxScale), name + "'s max-scale");
        }
    }
}
