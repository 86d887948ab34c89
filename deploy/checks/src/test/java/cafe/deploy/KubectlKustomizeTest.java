package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where kubectl is installed, the real thing: `kubectl kustomize deploy/<target>` builds offline (with
 * the Secrets deploy/generate-secrets.sh makes, see Overlay) and every object it renders reads into the
 * typed models with no unknown field. (KustomizationTreeTest checks the same tree without kubectl.)
 */
class KubectlKustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void overlayBuildsWithKubectlKustomize(String target) {
        List<Manifests.Manifest> rendered = Overlay.render(target);
        assertTrue(rendered.size() > 20, "rendered " + rendered.size() + " objects");
        for (Manifests.Manifest manifest : rendered) {
            assertTrue(
                    Manifests.typed(manifest.resource()),
                    "unknown kind " + manifest.resource().getApiVersion() + "/" + manifest.kind());
            assertEquals(List.of(), UnknownFields.of(manifest.resource()), manifest.kind() + "/" + manifest.name());
            // all in the café's namespace but the grant, which lives in the namespace whose Service it opens
            String namespace = manifest.kind().equals("ReferenceGrant") ? "kourier-system" : "cafe";
            assertEquals(
                    namespace,
                    manifest.resource().getMetadata().getNamespace(),
                    manifest.kind() + "/" + manifest.name());
        }
    }
}
