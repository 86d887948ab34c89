package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What `kubectl kustomize deploy/<target>` would refuse, checked without it: every resource an
 * overlay names exists, no object is defined twice, and nothing under deploy/ is left out.
 */
class KustomizationTreeTest {

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "knative"})
    void overlayResolvesToEveryManifestOnceWithoutClashes(String target) throws IOException {
        List<Path> files = new ArrayList<>();
        resolve(Manifests.DEPLOY.resolve(target), files);

        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            for (Manifests.Manifest manifest : Manifests.in(file)) {
                String id = manifest.resource().getApiVersion() + "/" + manifest.kind() + "/" + manifest.name();
                assertTrue(ids.add(id), "defined twice in the " + target + " overlay: " + id);
            }
        }
        Set<Path> expected = new TreeSet<>();
        Manifests.files().stream()
                .filter(f -> f.startsWith(Manifests.DEPLOY.resolve(target))
                        || f.startsWith(Manifests.DEPLOY.resolve("platform"))
                        || f.startsWith(Manifests.DEPLOY.resolve("generated").resolve(target)))
                .forEach(expected::add);
        assertEquals(expected, new TreeSet<>(files), "the overlay must include exactly these files");
    }

    @SuppressWarnings("unchecked")
    private static void resolve(Path dir, List<Path> files) throws IOException {
        Path kustomization = dir.resolve("kustomization.yaml");
        assertTrue(Files.exists(kustomization), "no kustomization.yaml in " + dir);
        Map<String, Object> content = Manifests.YAML.unmarshal(Files.readString(kustomization), Map.class);
        for (Object entry : (List<Object>) content.getOrDefault("resources", List.of())) {
            Path resource = dir.resolve(entry.toString()).normalize();
            assertTrue(Files.exists(resource), kustomization + " names a missing resource: " + entry);
            if (Files.isDirectory(resource)) {
                resolve(resource, files);
            } else {
                files.add(resource);
            }
        }
    }
}
