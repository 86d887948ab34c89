package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest under deploy/ reads into a known model (Kubernetes, Knative, Strimzi, Gateway API) with no unknown field. */
class ManifestModelTest {

    static Stream<Path> files() {
        return Manifests.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyDocumentIsAKnownKindWithOnlyKnownFields(Path file) {
        List<Manifests.Manifest> documents = Manifests.in(file);
        assertFalse(documents.isEmpty(), file + " holds no manifest");
        for (Manifests.Manifest manifest : documents) {
            assertTrue(
                    Manifests.typed(manifest.resource()),
                    manifest + ": unknown apiVersion/kind "
                            + manifest.resource().getApiVersion() + "/" + manifest.kind());
            assertEquals(List.of(), UnknownFields.of(manifest.resource()), manifest + ": fields no schema knows");
        }
    }
}
