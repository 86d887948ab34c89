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

    private static List<Object> documents(String yaml) {
        return Stream.of(yaml.split("(?m)^---\\s*$"))
                .filter(doc -> !doc.isBlank())
                .map(doc -> (Object) Manifests.YAML.unmarshal(doc, java.util.Map.class))
                .toList();
    }

    static Stream<Arguments> generated() {
        return Manifests.SERVICES.stream()
                .flatMap(s -> Stream.of(Arguments.of(s, "kubernetes"), Arguments.of(s, "knative")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("generated")
    void committedManifestIsWhatTheBuildGenerates(String service, String target) throws IOException {
        Path built =
                Manifests.ROOT.resolve(service).resolve("target/kubernetes").resolve(target + ".yml");
        Path committed = Manifests.DEPLOY.resolve("generated").resolve(target).resolve(service + ".yml");
        assertTrue(Files.exists(built), "not built: " + built);
        List<String> lines = Files.readAllLines(committed);
        assertTrue(lines.get(0).startsWith("# GENERATED"), committed + " is not stamped GENERATED");
        // compared as data: the generator does not keep the order of labels from one build to the next
        assertEquals(
                documents(Files.readString(built)),
                documents(String.join("\n", lines.subList(1, lines.size()))),
                committed + " is stale: run `make manifests` and commit deploy/generated");
    }
}
