package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/generated is what this build generates from the services' config: `make manifests` after a config change. */
class GeneratedManifestsTest {

    static Stream<Arguments> generated() {
        return Manifests.SERVICES.stream().flatMap(s -> Stream.of(Arguments.of(s, "kubernetes"), Arguments.of(s, "knative")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("generated")
    void committedManifestIsWhatTheBuildGenerates(String service, String target) throws IOException {
        Path built = Manifests.ROOT.resolve(service).resolve("target/kubernetes").resolve(target + ".yml");
        Path committed = Manifests.DEPLOY.resolve("generated").resolve(target).resolve(service + ".yml");
        assertTrue(Files.exists(built), "not built: " + built);
        List<String> lines = Files.readAllLines(committed);
        assertTrue(lines.get(0).startsWith("# GENERATED"), committed + " is not stamped GENERATED");
        assertEquals(Files.readString(built), String.join("\n", lines.subList(1, lines.size())) + "\n",
                committed + " is stale: run `make manifests` and commit deploy/generated");
    }
}
