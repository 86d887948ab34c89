package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where kubectl is installed, the real thing: `kubectl kustomize deploy/<target>` builds offline and
 * every object it renders reads into the typed models with no unknown field. (KustomizationTreeTest
 * checks the same tree without kubectl.)
 */
class KubectlKustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void overlayBuildsWithKubectlKustomize(String target) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed here");
        Path out = Files.createTempFile("kustomize-" + target, ".yaml");
        Process kubectl = new ProcessBuilder(
                        "kubectl", "kustomize", Manifests.DEPLOY.resolve(target).toString())
                .redirectOutput(out.toFile())
                .redirectErrorStream(false)
                .start();
        String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize deploy/" + target + ": " + errors);

        List<Manifests.Manifest> rendered = Manifests.in(out);
        assertTrue(rendered.size() > 20, "rendered " + rendered.size() + " objects");
        for (Manifests.Manifest manifest : rendered) {
            assertTrue(
                    Manifests.typed(manifest.resource()),
                    "unknown kind " + manifest.resource().getApiVersion() + "/" + manifest.kind());
            assertEquals(List.of(), UnknownFields.of(manifest.resource()), manifest.kind() + "/" + manifest.name());
            assertEquals(
                    "cafe", manifest.resource().getMetadata().getNamespace(), manifest.kind() + "/" + manifest.name());
        }
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
